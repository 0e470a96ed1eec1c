import VernierCore

/// The interval-bound (IBP) capability of an operator.
///
/// Contract: for every choice of operand values inside the operand intervals, the *exact real*
/// result of the operator lies inside the returned interval. Floating-point rounding of the
/// computation of the bounds themselves is accounted for (with `FloatBounds`), so the enclosure
/// is rigorous, not approximate. Operands and results are batched like in `Operator.forward`.
public protocol IntervalPropagating: Operator {
    func interval(_ inputs: [IntervalTensor]) -> IntervalTensor
}

/// An operator without interval support, named for the error message.
public struct UnsupportedBoundError: Error, Sendable, CustomStringConvertible {
    public var node: String
    public var kind: String
    public var method: String
    public var description: String { "\(method) does not support operator \(kind) (node '\(node)')" }
}
