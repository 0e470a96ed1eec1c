import VernierCore

/// IBP for elementwise Max / Min.
///
/// Enclosure: max and min are non-decreasing in every argument, so over a box the exact range is
/// `[max(lowers), max(uppers)]` (resp. with min), the constant included as a point. That is the
/// forward evaluation applied to the lower and to the upper bounds.
/// Rounding: none — the result is a selection of one endpoint, exactly representable.
extension ElementwiseExtremum: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        let b = inputs.first?.lower.batchSize ?? 1
        return IntervalTensor(lower: forward(inputs.map(\.lower), batchSize: b),
                              upper: forward(inputs.map(\.upper), batchSize: b))
    }
}
