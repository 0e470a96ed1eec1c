import VernierCore

/// IBP for `Reshape` (Flatten, Reshape, Squeeze, Unsqueeze): the result is the operand with a new
/// shape and the same elements, so the bounds are the operand's bounds relabelled. Exact: no
/// arithmetic is done, hence no rounding.
extension Reshape: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        let b = inputs[0].lower.batchSize
        return inputs[0].reshaped([b] + resultShape)
    }
}
