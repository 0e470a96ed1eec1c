import VernierCore

// Operators that are affine in their operands get CROWN from `AffineOperator` alone.
// (Each already has its interval bound in Interval/<Family>/.)

extension Linear: AffineOperator {}
extension LeftLinear: AffineOperator {}
extension Conv: AffineOperator {}
extension ConvTranspose: AffineOperator {}
extension ChannelAffine: AffineOperator {}
extension AveragePool: AffineOperator {}
extension Add: AffineOperator {}
extension Sub: AffineOperator {}
extension Neg: AffineOperator {}
extension ConstantBinary: AffineOperator {}

extension Reshape: AffineOperator {
    public var isExactDataMovement: Bool { true }

    /// A reshape keeps the row-major order of the elements, so A·y = A·x with the very same
    /// coefficient matrix: no copy, no bias, no rounding. (The generic step computes the same
    /// thing through a VJP on zero tensors of m × size, which on a flattened MNIST image was a
    /// few megabytes of memset per backward pass.)
    public func backward(_ a: CoefficientMatrix, operandBounds: [IntervalTensor],
                         parameters: RelaxationParameters?) -> BackwardStep {
        precondition(operandBounds.count == 1 && a.columns == operandBounds[0].count,
                     "Reshape backward: \(a.columns) coefficients per row for \(operandBounds.first?.count ?? 0) elements")
        let zeros = [Double](repeating: 0, count: a.rows)
        return BackwardStep(operandCoefficients: [a], bias: zeros, slack: zeros)
    }
}
extension IndexSelect: AffineOperator {
    public var isExactDataMovement: Bool { true }
}
extension Concat: AffineOperator {
    public var isExactDataMovement: Bool { true }
}
