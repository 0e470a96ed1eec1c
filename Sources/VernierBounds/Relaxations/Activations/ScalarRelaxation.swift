import VernierCore

/// Linear relaxations of any `ScalarActivation` on an interval, from its declared facts only.
///
/// Slopes are chosen for tightness (candidates: the chord and the tangent slopes at both ends and
/// the middle), or given explicitly (α-CROWN), and for each slope the intercept is computed
/// rigorously by `SoundIntercept`, so the line is valid whatever the slope. Among the candidates
/// the one with the smallest gap to f at the interval's midpoint is kept (the area between line
/// and function is that gap times the width).
public enum ScalarRelaxation {
    /// The relaxation of f on [l, u]. `lowerSlope`/`upperSlope` (finite) fix the slopes; nil or
    /// NaN chooses them heuristically.
    ///
    /// Degenerate cases: an empty or NaN interval, an infinite end, or an interval that leaves the
    /// activation's domain component gives constant lines from the range enclosure (possibly
    /// infinite: then the relaxation is vacuous and the caller's bound becomes −∞ where it matters).
    public static func relax<A: ScalarActivation>(_ f: A, _ l: Double, _ u: Double,
                                                  lowerSlope: Double? = nil, upperSlope: Double? = nil,
                                                  buffer: inout [CriticalPoint]) -> LinearRelaxation {
        if A.self == Relu.self, l.isFinite, u.isFinite, l <= u {
            return reluRelaxation(l, u, lowerSlope: lowerSlope, upperSlope: upperSlope)
        }
        let model = ActivationRange.errorModel(f.accuracy)
        let range = ActivationRange.enclose(f, l, u, model: model, buffer: &buffer)
        let constant = LinearRelaxation(lower: .constant(range.lower), upper: .constant(range.upper),
                                        lowerTouch: l, upperTouch: l)
        guard l.isFinite, u.isFinite, l < u else { return constant }
        guard f.domain.components.contains(where: { $0.contains(l) && $0.contains(u) }) else { return constant }
        let mid = 0.5 * l + 0.5 * u
        // Heuristic candidates, only for a side whose slope is not given (α-CROWN gives both, and
        // the anchored tangents cost some forty evaluations of f each).
        var common: (slopes: [Double], curved: Bool)? = nil
        func heuristic() -> (slopes: [Double], curved: Bool) {
            if let common { return common }
            let pieces = f.curvature(in: l, u)
            // Where f is affine on the whole interval (a stable ReLU, a clipped plateau) the chord
            // is the exact line: one candidate instead of four.
            let affine = pieces.count == 1 && pieces[0].curvature == .linear
            let slopes = affine ? [chordSlope(f, l, u)] : [chordSlope(f, l, u), f.derivative(l), f.derivative(u), f.derivative(mid)]
            let curved = pieces.contains { $0.curvature == .convex } && pieces.contains { $0.curvature == .concave }
            common = (slopes, curved)
            return (slopes, curved)
        }
        // Where f changes curvature inside (an S-shape around its inflection, GELU near its minimum)
        // the best lines are often tangents through the opposite end point, whose slopes are none
        // of the above: the upper line through (l, f(l)) tangent further right, the lower line
        // through (u, f(u)) tangent further left.
        func upperHeuristic() -> [Double] {
            let h = heuristic()
            return h.curved ? h.slopes + [anchoredSlope(f, anchor: l, towards: u)] : h.slopes
        }
        func lowerHeuristic() -> [Double] {
            let h = heuristic()
            return h.curved ? h.slopes + [anchoredSlope(f, anchor: u, towards: l)] : h.slopes
        }
        var touch = 0.0
        var result = constant

        // Upper line: smallest value at the midpoint among the candidates.
        let upperCandidates = upperSlope.flatMap { $0.isFinite ? [$0] : nil } ?? upperHeuristic()
        var best = upperSlope.flatMap { $0.isFinite ? Double.infinity : nil } ?? range.upper
        for a in upperCandidates where a.isFinite {
            let b = SoundIntercept.maxOfH(f, slope: a, l, u, sign: 1, model: model, buffer: &buffer, argmax: &touch)
            guard b.isFinite else { continue }
            let atMid = a * mid + b
            if atMid < best {
                best = atMid
                result.upper = LinearBound(slope: a, intercept: b)
                result.upperTouch = touch
            }
        }
        // Lower line: largest value at the midpoint.
        let lowerCandidates = lowerSlope.flatMap { $0.isFinite ? [$0] : nil } ?? lowerHeuristic()
        var bestLow = lowerSlope.flatMap { $0.isFinite ? -Double.infinity : nil } ?? range.lower
        for a in lowerCandidates where a.isFinite {
            let negB = SoundIntercept.maxOfH(f, slope: a, l, u, sign: -1, model: model, buffer: &buffer, argmax: &touch)
            guard negB.isFinite else { continue }
            let b = -negB
            let atMid = a * mid + b
            if atMid > bestLow {
                bestLow = atMid
                result.lower = LinearBound(slope: a, intercept: b)
                result.lowerTouch = touch
            }
        }
        return result
    }

    /// Whether f is affine on [l, u]: its curvature pieces that overlap the open interval are a
    /// single linear one (a ReLU on [0, u] or [l, 0], a clipped plateau). Its relaxation is then
    /// exact up to rounding, and tightening the interval or splitting it gains nothing.
    public static func isAffine<A: ScalarActivation>(_ f: A, _ l: Double, _ u: Double) -> Bool {
        guard l.isFinite, u.isFinite else { return false }
        if l >= u { return true }
        if A.self == Relu.self { return l >= 0 || u <= 0 }
        let inside = f.curvature(in: l, u).filter { min($0.upper, u) > max($0.lower, l) }
        return inside.count == 1 && inside[0].curvature == .linear
    }

    /// The range of f′ over [l, u], a box for α-CROWN's slopes: f′ is extremal at the ends or at
    /// the curvature breakpoints (inflections, kinks) inside. Heuristic (slopes outside it are
    /// still sound, just not useful).
    public static func slopeRange<A: ScalarActivation>(_ f: A, _ l: Double, _ u: Double) -> ClosedRange<Double>? {
        guard l.isFinite, u.isFinite, l < u else { return nil }
        var lo = Double.infinity, hi = -Double.infinity
        func take(_ x: Double) {
            let d = f.derivative(x)
            if d.isFinite { lo = min(lo, d); hi = max(hi, d) }
        }
        take(l)
        take(u)
        for piece in f.curvature(in: l, u) {
            take(piece.lower)
            take(piece.upper)
            // Kinks inside a piece (ReLU at 0): one-sided slopes.
            if piece.lower < 0 && 0 < piece.upper {
                take(-Double.leastNonzeroMagnitude)
                take(Double.leastNonzeroMagnitude)
            }
        }
        return lo <= hi ? lo...hi : nil
    }

    /// ReLU on a finite [l, u], the bounding hot path (the generic route above gives the same lines,
    /// at the cost of curvature partitions and candidate searches). Heuristic slopes: 1 or 0 on a
    /// stable interval; on an unstable one the chord above and, below, 1 when u > −l else 0 (the
    /// line of least area; CROWN's adaptive choice). Intercepts, for any slope a: g(x) = relu(x) − a·x
    /// is convex and piecewise linear with its kink at 0, so its maximum over [l, u] is at l or u
    /// and its minimum at l, 0 or u; each candidate value relu(p) − a·p is rounded outward (one
    /// product, one subtraction), so the lines are valid whatever a is.
    static func reluRelaxation(_ l: Double, _ u: Double, lowerSlope: Double?, upperSlope: Double?) -> LinearRelaxation {
        let unstable = l < 0 && u > 0
        let heuristicLower: Double = l >= 0 ? 1 : (u <= 0 ? 0 : (u > -l ? 1 : 0))
        let heuristicUpper: Double = l >= 0 ? 1 : (u <= 0 ? 0 : u / (u - l))
        let a = lowerSlope.flatMap { $0.isFinite ? $0 : nil } ?? heuristicLower
        let c = upperSlope.flatMap { $0.isFinite ? $0 : nil } ?? heuristicUpper
        // relu(p) − s·p rounded down / up; exact for the common slopes 0 and 1 (then relu(p) and
        // relu(−p)), so stable and adaptive lines keep intercept 0 and touch the kink.
        func down(_ p: Double, _ s: Double) -> Double {
            s == 0 ? max(p, 0) : (s == 1 ? max(-p, 0) : (max(p, 0) - (s * p).nextUp).nextDown)
        }
        func up(_ p: Double, _ s: Double) -> Double {
            s == 0 ? max(p, 0) : (s == 1 ? max(-p, 0) : (max(p, 0) - (s * p).nextDown).nextUp)
        }
        var lowerIntercept = down(l, a), lowerTouch = l
        let atUpper = down(u, a)
        if atUpper < lowerIntercept { (lowerIntercept, lowerTouch) = (atUpper, u) }
        if unstable, 0 <= lowerIntercept { (lowerIntercept, lowerTouch) = (0, 0) }
        var upperIntercept = up(l, c), upperTouch = l
        let atUpperEnd = up(u, c)
        if atUpperEnd > upperIntercept { (upperIntercept, upperTouch) = (atUpperEnd, u) }
        return LinearRelaxation(lower: LinearBound(slope: a, intercept: lowerIntercept),
                                upper: LinearBound(slope: c, intercept: upperIntercept),
                                lowerTouch: lowerTouch, upperTouch: upperTouch)
    }

    /// The largest secant slope from the anchor: max over x of (f(x) − f(anchor)) / (x − anchor) for x
    /// between the anchor and `towards` — the slope of the flattest line through (anchor, f(anchor))
    /// that stays above f right of the anchor, or below f left of it:
    /// the tangent through an end point of an S-shaped function. A grid of 16 points and a golden-section
    /// refinement around the best one: a heuristic slope (the intercept is computed rigorously for
    /// whatever slope comes out), exact for secant functions with one maximum.
    static func anchoredSlope<A: ScalarActivation>(_ f: A, anchor: Double, towards: Double) -> Double {
        let fa = f.value(anchor)
        func secant(_ x: Double) -> Double {
            let s = (f.value(x) - fa) / (x - anchor)
            return s.isNaN ? -.infinity : s
        }
        let count = 16
        let step = (towards - anchor) / Double(count)
        var bestIndex = count, bestValue = secant(towards)
        for i in 1..<count {
            let v = secant(anchor + Double(i) * step)
            if v > bestValue { (bestIndex, bestValue) = (i, v) }
        }
        // Golden section on the cells beside the best grid point.
        var p = anchor + Double(bestIndex - 1) * step, q = anchor + Double(min(bestIndex + 1, count)) * step
        let ratio = 0.5 * (5.0.squareRoot() - 1)
        var x1 = q - ratio * (q - p), x2 = p + ratio * (q - p)
        var v1 = secant(x1), v2 = secant(x2)
        for _ in 0..<24 {
            if v1 >= v2 {
                q = x2; x2 = x1; v2 = v1
                x1 = q - ratio * (q - p); v1 = secant(x1)
            } else {
                p = x1; x1 = x2; v1 = v2
                x2 = p + ratio * (q - p); v2 = secant(x2)
            }
        }
        return max(bestValue, v1, v2)
    }

    /// (f(u) − f(l)) / (u − l) in floating point (a heuristic slope; soundness does not depend on it).
    static func chordSlope<A: ScalarActivation>(_ f: A, _ l: Double, _ u: Double) -> Double {
        (f.value(u) - f.value(l)) / (u - l)
    }
}
