import Testing
import VernierBounds
import VernierCore
import VernierTestSupport

/// `Pow` with a constant exponent through the declarative `PowerFunction` relaxation.
@Suite struct PowRelaxationTests {
    @Test(arguments: [2.0, 3, 4, 5, -1, -2, -3, 0.5, 1.5, -0.5, 2.5, 0, 1])
    func testPow_linesHoldOnRandomBoxes(p: Double) throws {
        let op = try Pow(exponent: Tensor(scalar: p), inputShape: [3])
        for (i, range) in [-3.0...3, 0.2...3, -3 ... -0.2].enumerated() {
            for (j, width) in [0.05, 1, 3].enumerated() {
                let failures = RelaxationChecks.sweep(op, shapes: [[3]], rounds: 40, seed: UInt64(100 * i + 10 * j), range: range, maxWidth: width)
                #expect(failures.isEmpty, "x^\(p) in \(range): \(failures.prefix(2))")
            }
        }
    }

    @Test func testPow_perElementExponents() throws {
        let op = try Pow(exponent: Tensor(shape: [2, 1], data: [2, -1]), inputShape: [3])
        let failures = RelaxationChecks.sweep(op, shapes: [[3]], rounds: 100, seed: 3, range: 0.2...3)
        #expect(failures.isEmpty, "\(failures.prefix(2))")
    }

    @Test func testSquare_isTheChordAboveAndATangentBelow() throws {
        // x² on [1, 3]: the upper line is the chord 4x − 3, exact at both ends.
        let op = try Pow(exponent: Tensor(scalar: 2), inputShape: [1])
        let box = IntervalTensor(lower: Tensor(shape: [1, 1], data: [1]), upper: Tensor(shape: [1, 1], data: [3]))
        let step = op.backward(CoefficientMatrix(rows: 1, columns: 1, data: [-1]), operandBounds: [box], parameters: nil)
        let slope = try #require(step.operandCoefficients[0]?.data[0])
        #expect(slope == -4)
        #expect(step.bias[0] <= 3 && step.bias[0] > 3 - 1e-12)
    }
}
