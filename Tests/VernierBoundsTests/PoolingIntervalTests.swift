import Testing
import VernierBounds
import VernierCore
import VernierTestSupport

private typealias H = NodeHarness

private func lowered(_ opType: String, _ attributes: [String: AttributeValue]) throws -> any IntervalPropagating {
    let g = try H.graph(inputShape: [1, 2, 4, 4], nodes: [H.node(opType, ["x"], attributes: attributes)])
    return try #require(g.nodes.last?.op as? any IntervalPropagating)
}

@Suite("Pooling interval bounds")
struct PoolingIntervalTests {
    static let cases: [(String, [String: AttributeValue])] = [
        ("MaxPool", ["kernel_shape": .ints([2, 2]), "strides": .ints([2, 2])]),
        ("MaxPool", ["kernel_shape": .ints([3, 3]), "pads": .ints([1, 1, 1, 1]), "ceil_mode": .int(1), "strides": .ints([2, 2])]),
        ("AveragePool", ["kernel_shape": .ints([2, 3]), "pads": .ints([1, 1, 0, 1])]),
        ("AveragePool", ["kernel_shape": .ints([3, 3]), "pads": .ints([1, 1, 1, 1]), "count_include_pad": .int(1),
                         "strides": .ints([2, 2]), "ceil_mode": .int(1)]),
        ("GlobalAveragePool", [:]),
        ("GlobalMaxPool", [:]),
    ]

    @Test(arguments: 0..<cases.count)
    func soundOnRandomBoxesAndExactAtPoints(index: Int) throws {
        let (opType, attributes) = Self.cases[index]
        let op = try lowered(opType, attributes)
        let (boxes, failures) = IntervalSweeps.violations(op, shapes: [[4, 1, 2, 4, 4]], rounds: 250, seed: 50 + UInt64(index))
        #expect(boxes >= 1000)
        #expect(failures.isEmpty, "\(opType): \(failures.prefix(2))")
        var rng = SeededGenerator(seed: 60)
        let (width, contains) = IntervalSweeps.pointWidth(op, at: [Tensor(shape: [2, 1, 2, 4, 4], data: rng.uniformArray(64, -3...3))])
        #expect(contains, "\(opType)")
        // Max pools select exactly; averages are a few directed roundings wide.
        #expect(width <= (opType.contains("Max") ? 0 : 1e-14), "\(opType): point width \(width)")
    }

    @Test func maxPoolBoundsAreTheWindowExtremes() throws {
        let op = try lowered("MaxPool", ["kernel_shape": .ints([4, 4])])
        let lower = Tensor(shape: [1, 1, 2, 4, 4], data: (0..<32).map { Double($0 % 7) - 3 })
        let upper = lower.map { $0 + 0.5 }
        let b = op.interval([IntervalTensor(lower: lower, upper: upper)])
        #expect(b.lower.data == [3, 3] && b.upper.data == [3.5, 3.5])
    }
}
