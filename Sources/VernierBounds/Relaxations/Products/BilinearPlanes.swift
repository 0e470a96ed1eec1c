/// Planes bounding a scaled product z = α·x·y over a box x ∈ [lx, ux], y ∈ [ly, uy]: the
/// McCormick relaxation, with intercepts that are rigorous for whatever slopes were chosen.
///
/// **Intercepts (the soundness argument).** For any slopes (a, b), h(x, y) = α·x·y − a·x − b·y is
/// affine in x for fixed y and affine in y for fixed x, so over the box it attains its minimum
/// and maximum at one of the four vertices (minimise over x at an end for each y, then the result
/// is a minimum of two affine functions of y, minimal at an end). Hence
///
///     α·x·y ≥ a·x + b·y + min_vertices h     and     α·x·y ≤ a·x + b·y + max_vertices h
///
/// on the whole box, exactly. `intercept` evaluates h at each vertex with every product and sum
/// rounded in the safe direction (`DirectedRounding`; α·v_x·v_y is enclosed by bounding α·v_x
/// first and multiplying the end that is extreme for the sign of v_y), so the computed intercept
/// is below the exact minimum (above the exact maximum). The slopes are therefore free heuristics.
///
/// **Slopes.** The McCormick planes of x·y are
/// L1: x·y ≥ ly·x + lx·y − lx·ly (from (x − lx)(y − ly) ≥ 0), exact at every vertex but (ux, uy);
/// L2: x·y ≥ uy·x + ux·y − ux·uy, exact at every vertex but (lx, ly);
/// U1: x·y ≤ uy·x + lx·y − lx·uy, exact at every vertex but (ux, ly);
/// U2: x·y ≤ ly·x + ux·y − ux·ly, exact at every vertex but (lx, uy).
/// L1 and L2 lie equally far below x·y at the box centre (both by (ux − lx)(uy − ly)/4), so the
/// centre cannot choose between them; each is exact at three vertices and off at the fourth by
/// the same amount. A backward bound is attained at a vertex where c·z is small, so the lower
/// plane gives up the vertex where x·y is *largest* (L1 if ux·uy ≥ lx·ly, else L2) and the upper
/// plane the vertex where x·y is *smallest* (U1 if ux·ly ≤ lx·uy, else U2). For α < 0 the roles of
/// the lower and upper planes of x·y swap, and all slopes are multiplied by α.
enum BilinearPlanes {
    struct Plane {
        var slopeX: Double
        var slopeY: Double
        var intercept: Double
    }

    /// The lower and upper planes of α·x·y over the box; a side is nil when the box is unbounded
    /// (no plane with finite slopes bounds a product with an infinite factor).
    static func planes(alpha: Double, _ lx: Double, _ ux: Double, _ ly: Double, _ uy: Double) -> (lower: Plane?, upper: Plane?) {
        guard lx.isFinite, ux.isFinite, ly.isFinite, uy.isFinite, alpha.isFinite else { return (nil, nil) }
        // McCormick slopes (a, b) of the lower and upper planes of x·y.
        let lowerSlopes = ux * uy >= lx * ly ? (ly, lx) : (uy, ux)
        let upperSlopes = ux * ly <= lx * uy ? (uy, lx) : (ly, ux)
        let (forLower, forUpper) = alpha >= 0 ? (lowerSlopes, upperSlopes) : (upperSlopes, lowerSlopes)
        let a = (alpha * forLower.0, alpha * forLower.1), b = (alpha * forUpper.0, alpha * forUpper.1)
        let lo = intercept(alpha: alpha, slopeX: a.0, slopeY: a.1, lx, ux, ly, uy, upper: false)
        let hi = intercept(alpha: alpha, slopeX: b.0, slopeY: b.1, lx, ux, ly, uy, upper: true)
        return (lo.isFinite ? Plane(slopeX: a.0, slopeY: a.1, intercept: lo) : nil,
                hi.isFinite ? Plane(slopeX: b.0, slopeY: b.1, intercept: hi) : nil)
    }

    /// A number ≤ min (or, with `upper`, ≥ max) over the box of α·x·y − a·x − b·y (see the type's
    /// documentation).
    static func intercept(alpha: Double, slopeX a: Double, slopeY b: Double,
                          _ lx: Double, _ ux: Double, _ ly: Double, _ uy: Double, upper: Bool) -> Double {
        typealias R = DirectedRounding
        var best = upper ? -Double.infinity : Double.infinity
        for vx in [lx, ux] {
            // α·vx enclosed in [pLo, pHi]; (α·vx)·vy is monotone in α·vx, so its bound over that
            // enclosure is at one of the two ends.
            let pLo = alpha == 1 ? vx : R.mulDown(alpha, vx)
            let pHi = alpha == 1 ? vx : R.mulUp(alpha, vx)
            for vy in [ly, uy] {
                let h: Double
                if upper {
                    let prod = max(R.mulUp(pLo, vy), R.mulUp(pHi, vy))
                    h = R.addUp(R.addUp(prod, -R.mulDown(a, vx)), -R.mulDown(b, vy))
                    best = max(best, h)
                } else {
                    let prod = min(R.mulDown(pLo, vy), R.mulDown(pHi, vy))
                    h = R.addDown(R.addDown(prod, -R.mulUp(a, vx)), -R.mulUp(b, vy))
                    best = min(best, h)
                }
                if h.isNaN { return upper ? .infinity : -.infinity }
            }
        }
        return best
    }
}
