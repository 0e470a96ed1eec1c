import Testing
import VernierBounds
import VernierCore
import VernierTestSupport

/// Elementwise `Max` / `Min` planes by sampling.
@Suite struct ElementwiseExtremumRelaxationTests {
    static func cases() throws -> [ElementwiseExtremum] {
        [
            try ElementwiseExtremum(.maximum, operandShapes: [[3], [3]]),
            try ElementwiseExtremum(.minimum, operandShapes: [[2, 3], [3]]),
            try ElementwiseExtremum(.maximum, operandShapes: [[2, 3], [3], [2, 1]], constant: Tensor(shape: [3], data: [0, -1, 0.5])),
            try ElementwiseExtremum(.minimum, operandShapes: [[3], [3]], constant: Tensor(scalar: 0.25)),
            try ElementwiseExtremum(.maximum, operandShapes: [[4]], constant: Tensor(scalar: 0)),   // ReLU
            try ElementwiseExtremum(.minimum, operandShapes: [[4]]),
        ]
    }

    @Test(arguments: 0..<6)
    func testExtremum_planesHoldOnRandomBoxes(_ k: Int) throws {
        let op = try Self.cases()[k]
        let shapes = Array(op.plan.operandShapes.prefix(op.operandCount))
        for (i, width) in [0.3, 2, 6].enumerated() {
            let failures = RelaxationChecks.sweep(op, shapes: shapes, rounds: 80, seed: UInt64(10 * k + i), maxWidth: width)
            #expect(failures.isEmpty, "case \(k): \(failures.prefix(2))")
        }
    }

    @Test func testMaxWithZero_isTheReluTriangle() throws {
        // max(x, 0) on [−1, 3]: upper plane 0.75·(x + 1), lower plane x (u > −l).
        let op = try ElementwiseExtremum(.maximum, operandShapes: [[1]], constant: Tensor(scalar: 0))
        let box = IntervalTensor(lower: Tensor(shape: [1, 1], data: [-1]), upper: Tensor(shape: [1, 1], data: [3]))
        let step = op.backward(CoefficientMatrix(rows: 2, columns: 1, data: [1, -1]), operandBounds: [box], parameters: nil)
        #expect(step.operandCoefficients[0]?.data == [1, -0.75])
        #expect(step.bias[0] == 0)
        #expect(abs(step.bias[1] - -0.75) < 1e-15 && step.bias[1] <= -0.75)
    }
}
