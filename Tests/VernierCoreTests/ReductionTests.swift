import Testing
import VernierCore
import VernierTestSupport

private typealias H = NodeHarness

@Suite("Reductions")
struct ReductionTests {
    private let x = [1.0, 2, 3, 4, 5, 6]  // [2, 3]

    @Test func reduceSumWithAxesInput() throws {
        let kept = try H.graph(inputShape: [2, 3], nodes: [H.node("ReduceSum", ["x", "axes"])],
                               initializers: [H.ints("axes", [1])], opset: 13)
        #expect(kept.outputShape == [2, 1])
        #expect(kept.evaluate(x) == [6, 15])
        let dropped = try H.graph(inputShape: [2, 3], nodes: [H.node("ReduceSum", ["x", "axes"], attributes: ["keepdims": .int(0)])],
                                  initializers: [H.ints("axes", [-2])], opset: 13)
        #expect(dropped.outputShape == [3])
        #expect(dropped.evaluate(x) == [5, 7, 9])
        let all = try H.graph(inputShape: [2, 3], nodes: [H.node("ReduceSum", ["x"])], opset: 13)
        #expect(all.outputShape == [1, 1])
        #expect(all.evaluate(x) == [21])
    }

    @Test func noopWithEmptyAxesIsTheIdentity() throws {
        let g = try H.graph(inputShape: [2, 3], nodes: [
            H.node("ReduceSum", ["x"], "t", attributes: ["noop_with_empty_axes": .int(1)]),
            H.node("ReduceSum", ["t", "axes"], attributes: ["keepdims": .int(0)]),
        ], initializers: [H.ints("axes", [0])], opset: 13)
        #expect(g.nodes.count == 1)
        #expect(g.evaluate(x) == [5, 7, 9])
    }

    @Test func reduceMeanAxesAttributeAndInput() throws {
        let attribute = try H.graph(inputShape: [2, 3], nodes: [H.node("ReduceMean", ["x"], attributes: ["axes": .ints([0])])], opset: 17)
        #expect(attribute.evaluate(x) == [2.5, 3.5, 4.5])
        let input = try H.graph(inputShape: [2, 3], nodes: [H.node("ReduceMean", ["x", "axes"], attributes: ["keepdims": .int(0)])],
                                initializers: [H.ints("axes", [1])], opset: 18)
        #expect(input.evaluate(x) == [2, 5])
    }

    @Test func maxMinAndNonContiguousAxes() throws {
        let values = [3.0, -1, 4, 1, -5, 9, 2, 6, -5, 3, 5, 8]  // [2, 3, 2]
        let maximum = try H.graph(inputShape: [2, 3, 2], nodes: [H.node("ReduceMax", ["x"], attributes: ["axes": .ints([0, 2]), "keepdims": .int(0)])])
        #expect(maximum.outputShape == [3])
        #expect(maximum.evaluate(values) == [6, 4, 9])
        let minimum = try H.graph(inputShape: [2, 3, 2], nodes: [H.node("ReduceMin", ["x"], attributes: ["axes": .ints([1])])])
        #expect(minimum.outputShape == [2, 1, 2])
        #expect(minimum.evaluate(values) == [-5, -1, -5, 3])
        let sum = try H.graph(inputShape: [2, 3, 2], nodes: [H.node("ReduceSum", ["x", "axes"], attributes: ["keepdims": .int(0)])],
                              initializers: [H.ints("axes", [2, 0])])
        let expected: [Double] = [10, 3, 17]  // 3−1+2+6, 4+1−5+3, −5+9+5+8
        #expect(sum.evaluate(values) == expected)
    }

    @Test func gradientsMatchFiniteDifferences() throws {
        var rng = SeededGenerator(seed: 17)
        let input = Tensor(shape: [2, 2, 3, 4], data: rng.uniformArray(48, -2...2))
        for mode in [Reduction.Mode.sum, .mean, .max, .min] {
            let op = Reduction(mode, inputShape: [2, 3, 4], axes: [0, 2], keepDims: false)
            #expect(OperatorChecks.gradientError(op, inputs: [input]) < 1e-5, "\(op.kind)")
        }
    }

    @Test func malformedNodesNameTheNode() {
        let range = H.buildError(inputShape: [2, 3], nodes: [H.node("ReduceSum", ["x", "axes"], name: "rs")],
                                 initializers: [H.ints("axes", [2])])
        #expect(range?.contains("'rs'") == true && range?.contains("axis") == true, "\(range ?? "built")")
        let both = H.buildError(inputShape: [2, 3], nodes: [H.node("ReduceMean", ["x", "axes"], name: "rm", attributes: ["axes": .ints([0])])],
                                initializers: [H.ints("axes", [1])])
        #expect(both?.contains("'rm'") == true, "\(both ?? "built")")
        let repeated = H.buildError(inputShape: [2, 3], nodes: [H.node("ReduceMax", ["x"], name: "rx", attributes: ["axes": .ints([1, -1])])])
        #expect(repeated?.contains("'rx'") == true, "\(repeated ?? "built")")
        let variableAxes = H.buildError(inputShape: [2], nodes: [H.node("ReduceSum", ["x", "x"], name: "rv")])
        #expect(variableAxes?.contains("'rv'") == true && variableAxes?.contains("constant") == true, "\(variableAxes ?? "built")")
    }
}
