import VernierCore

/// Planes bounding a quotient z = x/y over a box x ∈ [lx, ux], y ∈ [ly, uy] with 0 ∉ [ly, uy].
///
/// **Intercepts (the soundness argument).** For any slopes (a, s),
/// h(x, y) = x/y − a·x − s·y = x·(1/y − a) − s·y is affine in x for fixed y, so its minimum over the
/// box is min over v ∈ {lx, ux} of min_{y ∈ [ly, uy]} (v/y − s·y) − a·v, and likewise the maximum.
/// For fixed v ≠ 0, y ↦ v/y is the scalar function `ScaledInverse(v)`, convex or concave on the
/// y-interval (which lies in one component of y ≠ 0), and `SoundIntercept.maxOfH` returns a
/// rigorous bound of max_y ±(v/y − s·y) from those facts for any s; for v = 0 the inner extreme
/// is that of −s·y, at an end. Products with v and the final sums are rounded in the safe
/// direction (`DirectedRounding`). So z ≥ a·x + s·y + I_lo and z ≤ a′·x + s′·y + I_up hold on the
/// whole box whatever slopes were chosen.
///
/// **Slopes (heuristic).** z = x·r with r = 1/y ∈ [1/uy, 1/ly]: the McCormick plane of x·r that
/// `BilinearPlanes` would pick, a·x + b·r + …, with r then replaced by a line of the reciprocal
/// in y — its lower line when b ≥ 0, its upper line when b < 0 (for y > 0, where 1/y is convex,
/// the tangent at the midpoint lies below and the chord above; for y < 0 the reverse) — giving
/// the y-slope s = b·(slope of that line).
enum QuotientPlanes {
    /// The lower and upper planes of x/y; nil when the box is unbounded or y's interval meets 0.
    static func planes(_ lx: Double, _ ux: Double, _ ly: Double, _ uy: Double,
                       buffer: inout [CriticalPoint]) -> (lower: BilinearPlanes.Plane?, upper: BilinearPlanes.Plane?) {
        guard lx.isFinite, ux.isFinite, ly.isFinite, uy.isFinite, ly <= uy, ly > 0 || uy < 0 else { return (nil, nil) }
        let rl = 1 / uy, ru = 1 / ly
        let chord = -1 / (ly * uy)
        let mid = 0.5 * ly + 0.5 * uy
        let tangent = -1 / (mid * mid)
        let (rLowerSlope, rUpperSlope) = ly > 0 ? (tangent, chord) : (chord, tangent)
        // McCormick slopes (on x, on r) of the lower and upper planes of x·r.
        let lowerXR = ux * ru >= lx * rl ? (rl, lx) : (ru, ux)
        let upperXR = ux * rl <= lx * ru ? (ru, lx) : (rl, ux)
        let lowerS = lowerXR.1 * (lowerXR.1 >= 0 ? rLowerSlope : rUpperSlope)
        let upperS = upperXR.1 * (upperXR.1 >= 0 ? rUpperSlope : rLowerSlope)
        let lo = intercept(slopeX: lowerXR.0, slopeY: lowerS, lx, ux, ly, uy, upper: false, buffer: &buffer)
        let hi = intercept(slopeX: upperXR.0, slopeY: upperS, lx, ux, ly, uy, upper: true, buffer: &buffer)
        return (lo.isFinite && lowerS.isFinite ? BilinearPlanes.Plane(slopeX: lowerXR.0, slopeY: lowerS, intercept: lo) : nil,
                hi.isFinite && upperS.isFinite ? BilinearPlanes.Plane(slopeX: upperXR.0, slopeY: upperS, intercept: hi) : nil)
    }

    /// A number ≤ min (with `upper`, ≥ max) over the box of x/y − a·x − s·y (see the type's
    /// documentation). y's interval must be finite and exclude 0.
    static func intercept(slopeX a: Double, slopeY s: Double, _ lx: Double, _ ux: Double, _ ly: Double, _ uy: Double,
                          upper: Bool, buffer: inout [CriticalPoint]) -> Double {
        typealias R = DirectedRounding
        guard a.isFinite, s.isFinite else { return upper ? .infinity : -.infinity }
        let model = ActivationRange.errorModel(.roundedOperations(1))
        var touch = 0.0
        var best = upper ? -Double.infinity : Double.infinity
        for v in [lx, ux] {
            if upper {
                // ≥ max_y (v/y − s·y).
                let inner = v == 0 ? max(-R.mulDown(s, ly), -R.mulDown(s, uy))
                    : SoundIntercept.maxOfH(ScaledInverse(v), slope: s, ly, uy, sign: 1, model: model,
                                            buffer: &buffer, argmax: &touch)
                best = max(best, R.addUp(inner, -R.mulDown(a, v)))
            } else {
                // ≤ min_y (v/y − s·y).
                let inner = v == 0 ? min(-R.mulUp(s, ly), -R.mulUp(s, uy))
                    : -SoundIntercept.maxOfH(ScaledInverse(v), slope: s, ly, uy, sign: -1, model: model,
                                             buffer: &buffer, argmax: &touch)
                best = min(best, R.addDown(inner, -R.mulUp(a, v)))
            }
        }
        return best.isNaN ? (upper ? .infinity : -.infinity) : best
    }
}
