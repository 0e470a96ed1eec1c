import VernierCore

/// Enclosure of a window average `(Σ_{i∈window} x_i) / d` over a box.
///
/// **Proof.** Every weight of the map is `1/d > 0`, so its range over `x ∈ [l, u]` is exactly
/// `[Σ l_i / d, Σ u_i / d]`. The lower end is computed with every addition and the final division
/// stepped one ulp down (`s ← down(s + l_i)`, `down(s / d)`), each step bounding the exact result of
/// one correctly rounded operation, so it is at most the exact `Σ l_i / d`; the upper end alike,
/// upward. Directed rounding per operation plays the role of the γ_n term of a mid-radius bound,
/// and is tighter. The sums run in the forward pass's order, so by monotonicity of rounding the
/// forward value `fl(fl(Σ x_i) / d)` is enclosed too.
extension AveragePool: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        let box = inputs[0]
        let shape = Array(box.shape.dropLast(inputSpatial.count)) + outputSpatial
        var lo = windowSums(box.lower.data) { ($0 + $1).nextDown }
        var hi = windowSums(box.upper.data) { ($0 + $1).nextUp }
        let plane = divisors.count
        for i in lo.indices {
            let d = divisors[i % plane]
            lo[i] = (lo[i] / d).nextDown
            hi[i] = (hi[i] / d).nextUp
        }
        return IntervalTensor(lower: Tensor(shape: shape, data: lo), upper: Tensor(shape: shape, data: hi))
    }
}
