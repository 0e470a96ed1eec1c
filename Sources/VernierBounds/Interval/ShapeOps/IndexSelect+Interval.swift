import VernierCore

/// IBP for `IndexSelect` (Transpose, Slice, Gather, Expand).
///
/// Enclosure: result element `j` *is* operand element `sourceIndex[j]`, so if `l ≤ x ≤ u`
/// elementwise then `l[map[j]] ≤ y[j] ≤ u[map[j]]`: the same index map applied to the lower and to
/// the upper bounds is the exact range. Exact: elements are copied, never combined, so there is no
/// rounding to cover.
extension IndexSelect: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        let b = inputs[0].lower.batchSize
        return IntervalTensor(lower: forward([inputs[0].lower], batchSize: b),
                              upper: forward([inputs[0].upper], batchSize: b))
    }
}
