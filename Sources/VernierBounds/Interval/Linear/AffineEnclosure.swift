import VernierCore

/// Rigorous enclosure of a dense affine map `y = L(x) + b` over a box, in mid-radius form. Shared by
/// every linear operator whose interval bound is "weights times box" (Linear, LeftLinear, Conv,
/// ConvTranspose).
///
/// **Claim.** For every real `x` with `lower ≤ x ≤ upper`, the exact real `L(x) + b` lies in the
/// returned `[lo, hi]`; so does any floating-point evaluation `fl(L(x)) ⊕ b` of the same map (the
/// forward pass), whatever its summation order.
///
/// **Proof.** Per input: `c = fl(l/2 + u/2)` (any float), `r = max(u − c, c − l)` rounded up one
/// step, so `[c − r, c + r] ⊇ [l, u]` exactly; `μ = (|c| + r)` rounded up, so `μ ≥ |c| + r ≥ |x|`.
/// Write `x = c + d`, `|d| ≤ r`. Then `L(x) + b = L(c) + L(d) + b` with `|L(d)| ≤ |L|(r)`.
/// The caller evaluates `ŷc = fl(L(c))`, `ŷr = fl(|L|(r))`, `ŷm = fl(|L|(μ))` where every output is a
/// sum of at most `T` products. For any summation order, with or without FMA, such a sum errs by
/// at most `γ_T · Σ|w_i||v_i|` (Higham, *Accuracy and Stability*, Thm 3.1 / §3.1), plus `T·2⁻¹⁰⁷⁵`
/// from underflow. Hence `|ŷc − L(c)| + | ŷr − |L|(r)| ≤ γ_T |L|(|c| + r) ≤ γ_T |L|(μ)` and
/// `|L|(μ) ≤ ŷm / (1 − γ_T)`, so `γ_T |L|(μ) ≤ γ_{2T} ŷm`. The exact value thus lies in
/// `ŷc + b ± (ŷr + γ_{2T} ŷm)`. A forward evaluation `fl(L(x)) ⊕ b` differs from the exact value by
/// at most `γ_T |L|(|x|) + u|fl(L(x)) + b| ≤ γ_{2T+2}(ŷm + |b|)` as well, so the error term
/// `err = 2 γ_{2T+2} (ŷm + |b|) + (T + 2)·underflowMargin`, rounded up, covers both. Finally each
/// of the three additions forming `lo = ((ŷc + b) − ŷr) − err` (and `hi` alike) is stepped one ulp
/// outward, which bounds the exact sum of the two floats it rounds.
enum AffineEnclosure {
    /// - Parameters:
    ///   - terms: `T`, the largest number of products summed into one output of `L`.
    ///   - bias: `b`, repeated per sample (nil: no bias).
    ///   - apply: `apply(v, false)` evaluates `L(v)`, `apply(v, true)` evaluates `|L|(v)` (the same
    ///     map with every weight replaced by its magnitude), in floating point, any order.
    static func enclose(lower: [Double], upper: [Double], terms: Int, bias: PeriodicBias?,
                        apply: ([Double], _ absolute: Bool) -> [Double]) -> (lower: [Double], upper: [Double]) {
        let count = lower.count
        var center = [Double](repeating: 0, count: count)
        var radius = [Double](repeating: 0, count: count)
        var magnitude = [Double](repeating: 0, count: count)
        for i in 0..<count {
            let c = 0.5 * lower[i] + 0.5 * upper[i]
            let r = max(upper[i] - c, c - lower[i]).nextUp
            center[i] = c
            radius[i] = r
            magnitude[i] = (abs(c) + r).nextUp
        }
        let yc = apply(center, false)
        // |L| applied to the radii and the magnitudes together (one product over twice the batch).
        let both = apply(radius + magnitude, true)
        let yr = both[0..<yc.count], ym = both[yc.count...]
        let g = 2 * FloatBounds.gamma(2 * max(terms, 1) + 2)
        let slack = FloatBounds.underflowMargin * Double(max(terms, 1) + 2)
        var lo = [Double](repeating: 0, count: yc.count)
        var hi = [Double](repeating: 0, count: yc.count)
        let period = bias?.values.count ?? 1
        for t in 0..<yc.count {
            let b = bias?.values[t % period] ?? 0
            let err = ((g * (ym[yc.count + t] + abs(b)).nextUp).nextUp + slack).nextUp
            let l = (((yc[t] + b).nextDown - yr[t]).nextDown - err).nextDown
            let h = (((yc[t] + b).nextUp + yr[t]).nextUp + err).nextUp
            lo[t] = l.isNaN ? -.infinity : l
            hi[t] = h.isNaN ? .infinity : h
        }
        return (lo, hi)
    }
}
