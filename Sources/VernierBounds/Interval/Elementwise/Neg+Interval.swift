import VernierCore

/// IBP for `−x`: the exact range over `[l, u]` is `[−u, −l]`. Negation only flips the sign bit, so
/// it is exact and no outward step is needed.
extension Neg: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        IntervalTensor(lower: forward([inputs[0].upper], batchSize: inputs[0].lower.batchSize), upper: forward([inputs[0].lower], batchSize: inputs[0].lower.batchSize))
    }
}
