import Testing
import VernierBounds
import VernierCore
import VernierTestSupport

/// `Reduction`: max/min planes and the affine step for sum/mean, by sampling.
@Suite struct ReductionRelaxationTests {
    static let configurations: [(Reduction.Mode, [Int], Bool)] = [
        (.max, [1], false), (.max, [0, 2], true), (.min, [2], true), (.min, [0, 1, 2], false),
        (.sum, [1], false), (.mean, [0, 2], true),
    ]

    @Test(arguments: configurations.indices)
    func testReduction_stepHoldsOnRandomBoxes(_ k: Int) throws {
        let (mode, axes, keep) = Self.configurations[k]
        let op = Reduction(mode, inputShape: [2, 3, 4], axes: axes, keepDims: keep)
        for (i, width) in [0.3, 2, 6].enumerated() {
            let failures = RelaxationChecks.sweep(op, shapes: [[2, 3, 4]], rounds: 30, seed: UInt64(10 * k + i), maxWidth: width)
            #expect(failures.isEmpty, "\(op.kind) axes \(axes): \(failures.prefix(2))")
        }
    }

    @Test func testReduction_needsOperandBoundsOnlyForExtrema() {
        #expect(Reduction(.max, inputShape: [3], axes: [0], keepDims: false).needsOperandBounds)
        #expect(Reduction(.min, inputShape: [3], axes: [0], keepDims: false).needsOperandBounds)
        #expect(!Reduction(.sum, inputShape: [3], axes: [0], keepDims: false).needsOperandBounds)
        #expect(!Reduction(.mean, inputShape: [3], axes: [0], keepDims: false).needsOperandBounds)
    }

    @Test func testReduceMean_isExactUpToRounding() throws {
        let op = Reduction(.mean, inputShape: [4], axes: [0], keepDims: false)
        let box = IntervalTensor(lower: Tensor(shape: [1, 4], data: [0, 1, -2, 3]), upper: Tensor(shape: [1, 4], data: [1, 1.5, 2, 3]))
        let step = op.backward(CoefficientMatrix(rows: 2, columns: 1, data: [1, -1]), operandBounds: [box], parameters: nil)
        let bounds = RelaxationChecks.concretized(step, boxes: [box])
        #expect(bounds[0] <= 0.5 && bounds[0] > 0.5 - 1e-12)
        #expect(-bounds[1] >= 1.875 && -bounds[1] < 1.875 + 1e-12)
    }

    @Test func testReduceMax_groupsFollowTheKeptAxes() throws {
        // ReduceMax over axis 1 of [2, 3]: result j is the max of row j. Dominant elements at
        // (0, 2) and (1, 0) make the planes exact there.
        let op = Reduction(.max, inputShape: [2, 3], axes: [1], keepDims: false)
        let box = IntervalTensor(lower: Tensor(shape: [1, 2, 3], data: [0, 0, 10, 20, 0, 0]),
                                 upper: Tensor(shape: [1, 2, 3], data: [1, 1, 11, 21, 1, 1]))
        let step = op.backward(CoefficientMatrix(rows: 2, columns: 2, data: [1, 0, 0, -1]), operandBounds: [box], parameters: nil)
        #expect(step.operandCoefficients[0]?.data == [0, 0, 1, 0, 0, 0, 0, 0, 0, -1, 0, 0])
        let bounds = RelaxationChecks.concretized(step, boxes: [box])
        #expect(bounds[0] <= 10 && bounds[0] > 10 - 1e-12 && bounds[1] <= -21 && bounds[1] > -21 - 1e-12, "\(bounds)")
    }
}
