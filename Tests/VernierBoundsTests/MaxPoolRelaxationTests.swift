import Testing
import VernierBounds
import VernierCore
import VernierTestSupport

/// Window-maximum planes of `MaxPool` by sampling; the operator is built through the real lowering.
@Suite struct MaxPoolRelaxationTests {
    static let attributeSets: [[String: AttributeValue]] = [
        ["kernel_shape": .ints([2, 2]), "strides": .ints([2, 2])],
        ["kernel_shape": .ints([3, 3]), "strides": .ints([1, 1]), "pads": .ints([1, 1, 1, 1])],   // overlapping, padded
        ["kernel_shape": .ints([2, 2]), "strides": .ints([1, 2]), "dilations": .ints([2, 1])],
        ["kernel_shape": .ints([2, 3]), "strides": .ints([2, 2]), "ceil_mode": .int(1)],
    ]

    static func maxPool(_ attributes: [String: AttributeValue], inputShape: [Int] = [1, 2, 4, 5]) throws -> any LinearBoundPropagating {
        let graph = try NodeHarness.graph(inputShape: inputShape,
                                          nodes: [NodeHarness.node("MaxPool", ["x"], attributes: attributes)])
        return try #require(graph.nodes.last?.op as? any LinearBoundPropagating)
    }

    @Test(arguments: attributeSets.indices)
    func testMaxPool_planesHoldOnRandomBoxes(_ k: Int) throws {
        let op = try Self.maxPool(Self.attributeSets[k])
        for (i, width) in [0.5, 2, 8].enumerated() {
            let failures = RelaxationChecks.sweep(op, shapes: [[1, 2, 4, 5]], rounds: 40, seed: UInt64(10 * k + i), maxWidth: width)
            #expect(failures.isEmpty, "attributes \(k), width \(width): \(failures.prefix(2))")
        }
    }

    @Test func testMaxPool_usesItsWindows_notTheIntervalFallback() throws {
        // The relaxation gives operand coefficients (the fallback gives none), and where one element
        // of each window dominates the bound is exact: y = that element.
        let op = try Self.maxPool(Self.attributeSets[0], inputShape: [1, 1, 2, 2])
        let box = IntervalTensor(lower: Tensor(shape: [1, 1, 1, 2, 2], data: [0, 5, 1, 2]),
                                 upper: Tensor(shape: [1, 1, 1, 2, 2], data: [1, 6, 2, 3]))
        let step = op.backward(CoefficientMatrix(rows: 2, columns: 1, data: [1, -1]), operandBounds: [box], parameters: nil)
        #expect(step.operandCoefficients.count == 1)
        #expect(step.operandCoefficients[0]?.data == [0, 1, 0, 0, 0, -1, 0, 0])
        let bounds = RelaxationChecks.concretized(step, boxes: [box])
        #expect(bounds[0] <= 5 && bounds[0] > 5 - 1e-12, "lower \(bounds[0])")
        #expect(-bounds[1] >= 6 && -bounds[1] < 6 + 1e-12, "upper \(-bounds[1])")
    }
}
