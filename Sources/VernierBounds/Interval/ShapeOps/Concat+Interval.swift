import VernierCore

/// IBP for `Concat`.
///
/// Enclosure: every result element is a copy of one element of one piece, and constant pieces are
/// points, so concatenating the operands' lower bounds (with the constants) gives the exact lower
/// bound, and likewise for the upper. Exact: only copies, no rounding.
extension Concat: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        let b = inputs.first?.lower.batchSize ?? 1
        return IntervalTensor(lower: forward(inputs.map(\.lower), batchSize: b),
                              upper: forward(inputs.map(\.upper), batchSize: b))
    }
}
