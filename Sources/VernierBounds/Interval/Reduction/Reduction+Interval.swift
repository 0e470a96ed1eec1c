import VernierCore

/// Enclosure of a reduction over a box.
///
/// **Proof.** Sum and mean have only positive weights (1 and 1/n), so their range over
/// `x ∈ [l, u]` is `[Σ l, Σ u]` (divided by n for the mean). Each end is accumulated with every
/// addition, and the division, stepped one ulp outward: each step bounds the exact result of one
/// correctly rounded operation, so the computed ends enclose the exact real ends. (Directed
/// rounding per operation replaces the γ_n term of a mid-radius bound and is tighter.) The
/// accumulation order is the forward pass's, so by monotonicity of rounding the forward value is
/// enclosed as well. Max and min are non-decreasing in every argument: the extreme of the lower
/// bounds and of the upper bounds are attained and are exact selections, needing no step.
extension Reduction: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        let box = inputs[0]
        let l = box.lower.data, u = box.upper.data
        var lo: [Double], hi: [Double]
        switch mode {
        case .sum, .mean:
            lo = accumulate(l, initial: 0) { ($0 + $1).nextDown }
            hi = accumulate(u, initial: 0) { ($0 + $1).nextUp }
            if mode == .mean {
                let n = Double(reducedCount)
                for i in lo.indices {
                    lo[i] = (lo[i] / n).nextDown
                    hi[i] = (hi[i] / n).nextUp
                }
            }
        case .max:
            lo = accumulate(l, initial: -.infinity) { $1 > $0 ? $1 : $0 }
            hi = accumulate(u, initial: -.infinity) { $1 > $0 ? $1 : $0 }
        case .min:
            lo = accumulate(l, initial: .infinity) { $1 < $0 ? $1 : $0 }
            hi = accumulate(u, initial: .infinity) { $1 < $0 ? $1 : $0 }
        }
        let shape = [box.lower.batchSize] + resultShape
        return IntervalTensor(lower: Tensor(shape: shape, data: lo), upper: Tensor(shape: shape, data: hi))
    }
}
