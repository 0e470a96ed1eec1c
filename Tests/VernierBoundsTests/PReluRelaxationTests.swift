import Testing
import VernierBounds
import VernierCore
import VernierTestSupport

/// `PRelu` through the declarative `LeakyRelu` relaxation, by sampling.
@Suite struct PReluRelaxationTests {
    @Test func testPRelu_linesHoldOnRandomBoxes() throws {
        // Slopes of every kind: between 0 and 1 (convex), negative (non-monotone), above 1 (concave), 0.
        let op = try PRelu(slope: Tensor(shape: [4], data: [0.25, -0.5, 2, 0]), inputShape: [2, 4])
        for (i, width) in [0.1, 2, 8].enumerated() {
            let failures = RelaxationChecks.sweep(op, shapes: [[2, 4]], rounds: 100, seed: UInt64(i), maxWidth: width)
            #expect(failures.isEmpty, "\(failures.prefix(2))")
        }
    }

    @Test func testPRelu_withGivenSlopes_staysSound() throws {
        // α-CROWN slopes are arbitrary: the intercepts must absorb them.
        let op = try PRelu(slope: Tensor(shape: [3], data: [0.1, -0.3, 1.5]), inputShape: [3])
        let parameters = RelaxationParameters(lowerSlope: [0.7, -2, 0.2], upperSlope: [5, .nan, -1])
        let failures = RelaxationChecks.sweep(op, shapes: [[3]], rounds: 100, seed: 5, parameters: parameters)
        #expect(failures.isEmpty, "\(failures.prefix(2))")
    }

    @Test func testPRelu_onOneSideOfZero_isNearlyExact() throws {
        let op = try PRelu(slope: Tensor(shape: [1], data: [0.5]), inputShape: [1])
        let box = IntervalTensor(lower: Tensor(shape: [1, 1], data: [-3]), upper: Tensor(shape: [1, 1], data: [-1]))
        let step = op.backward(CoefficientMatrix(rows: 2, columns: 1, data: [1, -1]), operandBounds: [box], parameters: nil)
        let bounds = RelaxationChecks.concretized(step, boxes: [box])
        // (LeakyRelu declares one convex piece through its kink, so the lower line on a one-sided box
        // carries SoundIntercept's small certificate gap, ~1e-7 of the width.)
        #expect(bounds[0] <= -1.5 && bounds[0] > -1.5 - 1e-6, "lower \(bounds[0])")
        #expect(-bounds[1] >= -0.5 && -bounds[1] < -0.5 + 1e-6, "upper \(-bounds[1])")
    }
}
