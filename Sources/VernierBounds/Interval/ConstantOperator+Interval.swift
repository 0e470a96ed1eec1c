import VernierCore

/// A constant node's value is known exactly: the degenerate interval, repeated over the batch.
extension ConstantOperator: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        IntervalTensor(point: value.broadcastToBatch(1))
    }
}

/// CROWN: A·c, bounded below exactly by `AffineOperator` (no operands, no coefficient rounding).
extension ConstantOperator: AffineOperator {
    public var isExactDataMovement: Bool { true }
}
