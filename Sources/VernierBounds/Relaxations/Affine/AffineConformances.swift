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
}
extension IndexSelect: AffineOperator {
    public var isExactDataMovement: Bool { true }
}
extension Concat: AffineOperator {
    public var isExactDataMovement: Bool { true }
}
