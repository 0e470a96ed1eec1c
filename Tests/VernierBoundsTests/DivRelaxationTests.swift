import Testing
import VernierBounds
import VernierCore
import VernierTestSupport

/// Quotient planes of `Div` (two variables) and the c/x relaxation of `ScaledReciprocal`.
@Suite struct DivRelaxationTests {
    @Test func testDiv_planesHoldOnRandomBoxes() throws {
        for (k, (a, b)) in [([3], [3]), ([2, 3], [3]), ([3], [2, 3])].enumerated() {
            let op = try Div(shapes: a, b)
            for (i, divisor) in [0.2...3, -3 ... -0.2, 0.01...0.5].enumerated() {
                for (j, numerator) in [-3.0...3, 0.5...3, -3 ... -0.5].enumerated() {
                    let failures = RelaxationChecks.sweep(op, shapes: [a, b], rounds: 25, seed: UInt64(100 * k + 10 * i + j),
                                                          ranges: [numerator, divisor], maxWidth: 0.8 * divisor.lowerBound.magnitude + 0.1)
                    #expect(failures.isEmpty, "\(a)/\(b), divisor \(divisor): \(failures.prefix(2))")
                }
            }
        }
    }

    @Test func testDiv_byAnIntervalWithZero_isVacuousWhereUsed() throws {
        let op = try Div(shapes: [2], [2])
        let x = IntervalTensor(lower: Tensor(shape: [1, 2], data: [1, 1]), upper: Tensor(shape: [1, 2], data: [2, 2]))
        let y = IntervalTensor(lower: Tensor(shape: [1, 2], data: [-1, 1]), upper: Tensor(shape: [1, 2], data: [1, 2]))
        let step = op.backward(CoefficientMatrix(rows: 2, columns: 2, data: [1, 0, 0, 1]), operandBounds: [x, y], parameters: nil)
        #expect(step.bias[0] == -.infinity)
        #expect(step.bias[1].isFinite)
        #expect(RelaxationChecks.violations(op, boxes: [x, y], seed: 1).isEmpty)
    }

    @Test func testScaledReciprocal_linesHoldOnRandomBoxes() throws {
        let op = try ScaledReciprocal(numerator: Tensor(shape: [3], data: [2, -1, 0]), inputShape: [2, 3])
        for (i, range) in [0.2...3, -3 ... -0.2, -3.0...3].enumerated() {
            let failures = RelaxationChecks.sweep(op, shapes: [[2, 3]], rounds: 80, seed: UInt64(i), range: range, maxWidth: 1)
            #expect(failures.isEmpty, "\(range): \(failures.prefix(2))")
        }
        let given = RelaxationParameters(lowerSlope: [Double](repeating: -0.3, count: 6), upperSlope: [Double](repeating: 2, count: 6))
        #expect(RelaxationChecks.sweep(op, shapes: [[2, 3]], rounds: 80, seed: 9, range: 0.2...3, parameters: given).isEmpty)
    }
}
