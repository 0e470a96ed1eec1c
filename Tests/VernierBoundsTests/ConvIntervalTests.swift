import Testing
import VernierBounds
import VernierCore
import VernierTestSupport

private typealias H = NodeHarness

private func lowered(_ opType: String, inputShape: [Int], weights: TensorData, bias: TensorData? = nil,
                     _ attributes: [String: AttributeValue]) throws -> any IntervalPropagating {
    let inputs = ["x", "W"] + (bias.map { [$0.name] } ?? [])
    let g = try H.graph(inputShape: inputShape, nodes: [H.node(opType, inputs, attributes: attributes)],
                        initializers: [weights] + (bias.map { [$0] } ?? []))
    return try #require(g.nodes.last?.op as? any IntervalPropagating)
}

@Suite("Convolution interval bounds")
struct ConvIntervalTests {
    @Test(arguments: [
        ["pads": AttributeValue.ints([1, 1, 1, 1])],
        ["strides": .ints([2, 1]), "pads": .ints([0, 1, 1, 0]), "dilations": .ints([1, 2])],
        ["group": .int(2), "auto_pad": .string("SAME_UPPER")],
    ])
    func convIsSoundOnRandomBoxes(attributes: [String: AttributeValue]) throws {
        // 2 channels 4×4 → 3 channels (groups: weights [4, 1, 2, 2]).
        var rng = SeededGenerator(seed: 40)
        let grouped = attributes["group"] != nil
        let w = grouped ? H.floats("W", [4, 1, 2, 2], rng.uniformArray(16, -1...1))
                        : H.floats("W", [3, 2, 3, 3], rng.uniformArray(54, -1...1))
        let b = H.floats("B", [grouped ? 4 : 3], rng.uniformArray(grouped ? 4 : 3, -1...1))
        let op = try lowered("Conv", inputShape: [1, 2, 4, 4], weights: w, bias: b, attributes)
        let (boxes, failures) = IntervalSweeps.violations(op, shapes: [[4, 1, 2, 4, 4]], rounds: 250, seed: 41)
        #expect(boxes >= 1000)
        #expect(failures.isEmpty, "\(failures.prefix(2))")
        let (width, contains) = IntervalSweeps.pointWidth(op, at: [Tensor(shape: [2, 1, 2, 4, 4], data: rng.uniformArray(64, -3...3))])
        #expect(contains && width < 2e-12, "point width \(width)")  // 2·2γ₃₈·Σ|w x|, Σ|w x| ≈ 27
    }

    @Test func convTransposeIsSoundOnRandomBoxes() throws {
        var rng = SeededGenerator(seed: 42)
        let w = H.floats("W", [2, 2, 3, 3], rng.uniformArray(36, -1...1))
        let b = H.floats("B", [2], [0.5, -0.25])
        for attributes: [String: AttributeValue] in [["strides": .ints([2, 2]), "pads": .ints([1, 0, 0, 1]), "output_padding": .ints([1, 1])],
                                                     ["dilations": .ints([2, 1])]] {
            let op = try lowered("ConvTranspose", inputShape: [1, 2, 3, 3], weights: w, bias: b, attributes)
            let (boxes, failures) = IntervalSweeps.violations(op, shapes: [[4, 1, 2, 3, 3]], rounds: 250, seed: 43)
            #expect(boxes >= 1000)
            #expect(failures.isEmpty, "\(failures.prefix(2))")
            let (width, contains) = IntervalSweeps.pointWidth(op, at: [Tensor(shape: [1, 1, 2, 3, 3], data: rng.uniformArray(18, -3...3))])
            #expect(contains && width < 2e-12, "point width \(width)")  // 2·2γ₃₈·Σ|w x|, Σ|w x| ≈ 27
        }
    }

    @Test func convBoundIsTheExactRangeUpToRounding() throws {
        // One output of a 1×1×2×2 filter over a 2×2 image: the exact range is Σ min/max(w l, w u).
        let w = [0.5, -1.5, 2, 0.25]
        let op = try lowered("Conv", inputShape: [1, 1, 2, 2], weights: H.floats("W", [1, 1, 2, 2], w), [:])
        let l = [-1.0, 0, 1, -2], u = [1.0, 0.5, 3, 2]
        let b = op.interval([IntervalTensor(lower: Tensor(shape: [1, 1, 1, 2, 2], data: l), upper: Tensor(shape: [1, 1, 1, 2, 2], data: u))])
        let lo = (0..<4).reduce(0.0) { $0 + min(w[$1] * l[$1], w[$1] * u[$1]) }
        let hi = (0..<4).reduce(0.0) { $0 + max(w[$1] * l[$1], w[$1] * u[$1]) }
        #expect(b.lower.data[0] <= lo && lo - b.lower.data[0] < 1e-13)
        #expect(b.upper.data[0] >= hi && b.upper.data[0] - hi < 1e-13)
    }
}
