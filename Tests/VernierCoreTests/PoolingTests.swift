import Testing
import VernierCore
import VernierTestSupport

private typealias H = NodeHarness

private func pool(_ opType: String, inputShape: [Int], _ attributes: [String: AttributeValue], name: String = "pool") throws -> Graph {
    try H.graph(inputShape: inputShape, nodes: [H.node(opType, ["x"], name: name, attributes: attributes)])
}

@Suite("Pooling")
struct PoolingTests {
    @Test func twoByTwoWindows() throws {
        let x = (0..<16).map(Double.init)
        let attributes: [String: AttributeValue] = ["kernel_shape": .ints([2, 2]), "strides": .ints([2, 2])]
        let maxPool = try pool("MaxPool", inputShape: [1, 1, 4, 4], attributes)
        #expect(maxPool.nodes.last?.op is MaxPool)
        #expect(maxPool.outputShape == [1, 1, 2, 2])
        #expect(maxPool.evaluate(x) == [5, 7, 13, 15])
        let average = try pool("AveragePool", inputShape: [1, 1, 4, 4], attributes)
        #expect(average.evaluate(x) == [2.5, 4.5, 10.5, 12.5])
    }

    @Test func averagePoolPaddingCount() throws {
        let x = (1...9).map(Double.init)  // 3×3
        let attributes: [String: AttributeValue] = ["kernel_shape": .ints([3, 3]), "pads": .ints([1, 1, 1, 1])]
        let exclude = try pool("AveragePool", inputShape: [1, 1, 3, 3], attributes)
        var include = attributes
        include["count_include_pad"] = .int(1)
        let including = try pool("AveragePool", inputShape: [1, 1, 3, 3], include)
        // Corner window holds 1, 2, 4, 5; the centre window everything.
        #expect(exclude.evaluate(x)[0] == 3)
        #expect(including.evaluate(x)[0] == 12.0 / 9)
        #expect(exclude.evaluate(x)[4] == 5 && including.evaluate(x)[4] == 5)
        #expect(exclude.evaluate(x)[1] == 21.0 / 6)
    }

    @Test func ceilModeAddsPartialWindowsButNotOnesStartingInThePadding() throws {
        let x = [1.0, 5, 2, 8, 3]
        // Floor: (5 + 1 − 3)/2 + 1 = 2 windows; ceil: 3, the last reading x[4] and one padded tap.
        let base: [String: AttributeValue] = ["kernel_shape": .ints([3]), "strides": .ints([2]), "pads": .ints([0, 1])]
        #expect(try pool("MaxPool", inputShape: [1, 1, 5], base).outputShape == [1, 1, 2])
        var ceil = base
        ceil["ceil_mode"] = .int(1)
        let maxPool = try pool("MaxPool", inputShape: [1, 1, 5], ceil)
        #expect(maxPool.evaluate(x) == [5, 8, 3])
        #expect(H.close(try pool("AveragePool", inputShape: [1, 1, 5], ceil).evaluate(x), [8.0 / 3, 13.0 / 3, 3]))
        ceil["count_include_pad"] = .int(1)
        #expect(H.close(try pool("AveragePool", inputShape: [1, 1, 5], ceil).evaluate(x), [8.0 / 3, 13.0 / 3, 1.5]))
        // k 2, s 2, pads 1/1: ceil((5 + 2 − 2)/2) + 1 = 4, but the 4th window would start at 6 ≥ 5 + 1.
        let dropped = try pool("MaxPool", inputShape: [1, 1, 5], ["kernel_shape": .ints([2]), "strides": .ints([2]),
                                                                  "pads": .ints([1, 1]), "ceil_mode": .int(1)])
        #expect(dropped.outputShape == [1, 1, 3])
        #expect(dropped.evaluate(x) == [1, 5, 8])
    }

    @Test func dilationsAndAutoPad() throws {
        let x = [3.0, 1, 4, 1, 5, 9, 2]
        let dilated = try pool("MaxPool", inputShape: [1, 1, 7], ["kernel_shape": .ints([2]), "dilations": .ints([2])])
        #expect(dilated.evaluate(x) == [4, 1, 5, 9, 5])
        // SAME_UPPER, k 2, s 2 on 7: output 4, one padded tap at the end.
        let same = try pool("AveragePool", inputShape: [1, 1, 7], ["kernel_shape": .ints([2]), "strides": .ints([2]),
                                                                   "auto_pad": .string("SAME_UPPER")])
        #expect(same.evaluate(x) == [2, 2.5, 7, 2])
        let lower = try pool("MaxPool", inputShape: [1, 1, 7], ["kernel_shape": .ints([2]), "strides": .ints([2]),
                                                                 "auto_pad": .string("SAME_LOWER")])
        #expect(lower.evaluate(x) == [3, 4, 5, 9])
    }

    @Test func globalPoolsKeepUnitSpatialAxes() throws {
        let x = [1.0, 2, 3, 4, -1, -2, -3, -8]
        let average = try pool("GlobalAveragePool", inputShape: [1, 2, 2, 2], [:])
        #expect(average.outputShape == [1, 2, 1, 1])
        #expect(average.evaluate(x) == [2.5, -3.5])
        #expect(average.nodes.last?.op.kind == "GlobalAveragePool")
        let maximum = try pool("GlobalMaxPool", inputShape: [1, 2, 2, 2], [:])
        #expect(maximum.evaluate(x) == [4, -1])
    }

    @Test func batchedChannelsPoolIndependently() throws {
        let g = try pool("MaxPool", inputShape: [2, 3, 2, 2], ["kernel_shape": .ints([2, 2])])
        let samples = (0..<3).map { s in (0..<24).map { Double(($0 * 7 + s * 5) % 24) } }
        let out = g.evaluate(batch: samples)
        for (s, sample) in samples.enumerated() {
            let expected = (0..<6).map { plane in sample[(plane * 4)..<(plane * 4 + 4)].max()! }
            #expect(out[s] == expected)
        }
    }

    @Test func gradientsMatchFiniteDifferences() throws {
        var rng = SeededGenerator(seed: 21)
        let x = Tensor(shape: [2, 1, 2, 5, 5], data: rng.uniformArray(100, -3...3))  // distinct values: no ties
        let attributes: [String: AttributeValue] = ["kernel_shape": .ints([3, 2]), "strides": .ints([2, 1]),
                                                    "pads": .ints([1, 0, 1, 1]), "ceil_mode": .int(1)]
        let maxPool = try #require(try pool("MaxPool", inputShape: [1, 2, 5, 5], attributes).nodes.last?.op as? MaxPool)
        #expect(OperatorChecks.gradientError(maxPool, inputs: [x]) < 1e-5)
        var averaging = attributes
        averaging["count_include_pad"] = .int(1)
        let average = try #require(try pool("AveragePool", inputShape: [1, 2, 5, 5], averaging).nodes.last?.op as? AveragePool)
        #expect(OperatorChecks.gradientError(average, inputs: [x]) < 1e-5)
        let global = try #require(try pool("GlobalMaxPool", inputShape: [1, 2, 5, 5], [:]).nodes.last?.op)
        #expect(OperatorChecks.gradientError(global, inputs: [x]) < 1e-5)
    }

    @Test func malformedNodesNameTheNode() {
        let missing = H.buildError(inputShape: [1, 1, 4, 4], nodes: [H.node("MaxPool", ["x"], name: "mp1")])
        #expect(missing?.contains("'mp1'") == true && missing?.contains("kernel_shape") == true, "\(missing ?? "built")")
        let rank = H.buildError(inputShape: [1, 1, 4, 4], nodes: [H.node("MaxPool", ["x"], name: "mp2", attributes: ["kernel_shape": .ints([2])])])
        #expect(rank?.contains("'mp2'") == true, "\(rank ?? "built")")
        let pads = H.buildError(inputShape: [1, 1, 4, 4], nodes: [H.node("AveragePool", ["x"], name: "ap3",
                                                                         attributes: ["kernel_shape": .ints([2, 2]), "pads": .ints([2, 0, 0, 0])])])
        #expect(pads?.contains("'ap3'") == true && pads?.contains("pads") == true, "\(pads ?? "built")")
        let big = H.buildError(inputShape: [1, 1, 2, 2], nodes: [H.node("MaxPool", ["x"], name: "mp4", attributes: ["kernel_shape": .ints([3, 3])])])
        #expect(big?.contains("'mp4'") == true, "\(big ?? "built")")
        let global = H.buildError(inputShape: [1, 4], nodes: [H.node("GlobalAveragePool", ["x"], name: "gap")])
        #expect(global?.contains("'gap'") == true, "\(global ?? "built")")
    }
}
