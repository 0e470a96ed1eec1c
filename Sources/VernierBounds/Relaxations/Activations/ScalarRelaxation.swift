import VernierCore

/// Linear relaxations of any `ScalarActivation` on an interval, from its declared facts only.
///
/// Slopes are chosen for tightness (candidates: the chord, tangents at both ends and the middle,
/// and the α-CROWN tangent point when given), and for each candidate the intercept is computed
/// rigorously by `SoundIntercept`, so the chosen line is valid whatever the slope. Among the
/// candidates the one with the smallest gap to f at the interval's midpoint is kept (the area
/// between line and function is the gap at the midpoint times the width).
public enum ScalarRelaxation {
    /// The relaxation of f on [l, u]. `lowerPosition`/`upperPosition` in [0, 1] (α-CROWN) put the
    /// tangent point at l + position·(u − l) and make it the only candidate.
    ///
    /// Degenerate cases: an empty or NaN interval, an infinite end, or an interval that leaves the
    /// activation's domain component gives constant lines from the range enclosure (possibly
    /// infinite: then the relaxation is vacuous and the caller's bound becomes −∞ where it matters).
    public static func relax<A: ScalarActivation>(_ f: A, _ l: Double, _ u: Double,
                                                  lowerPosition: Double? = nil, upperPosition: Double? = nil,
                                                  buffer: inout [CriticalPoint]) -> LinearRelaxation {
        let model = ActivationRange.errorModel(f.accuracy)
        let range = ActivationRange.enclose(f, l, u, model: model, buffer: &buffer)
        let constant = LinearRelaxation(lower: .constant(range.lower), upper: .constant(range.upper))
        guard l.isFinite, u.isFinite, l <= u else { return constant }
        guard f.domain.components.contains(where: { $0.contains(l) && $0.contains(u) }) else { return constant }
        if l == u {
            return constant
        }
        let mid = 0.5 * l + 0.5 * u
        var slopes = [Double]()
        func tangentSlope(_ position: Double) -> Double {
            f.derivative(l + min(max(position, 0), 1) * (u - l))
        }
        // Upper line.
        var upper = LinearBound.constant(range.upper)
        if let p = upperPosition {
            slopes = [tangentSlope(p)]
        } else {
            slopes = [chordSlope(f, l, u), f.derivative(l), f.derivative(u), f.derivative(mid)]
        }
        var bestGap = range.upper  // the constant line's value at mid
        for a in slopes where a.isFinite {
            let b = SoundIntercept.maxOfH(f, slope: a, l, u, sign: 1, model: model, buffer: &buffer)
            guard b.isFinite else { continue }
            let atMid = a * mid + b
            if atMid < bestGap || upperPosition != nil {
                bestGap = atMid
                upper = LinearBound(slope: a, intercept: b)
            }
        }
        // Lower line.
        var lower = LinearBound.constant(range.lower)
        if let p = lowerPosition {
            slopes = [tangentSlope(p)]
        } else {
            slopes = [chordSlope(f, l, u), f.derivative(l), f.derivative(u), f.derivative(mid)]
        }
        var bestLow = range.lower
        for a in slopes where a.isFinite {
            let negB = SoundIntercept.maxOfH(f, slope: a, l, u, sign: -1, model: model, buffer: &buffer)
            guard negB.isFinite else { continue }
            let b = -negB
            let atMid = a * mid + b
            if atMid > bestLow || lowerPosition != nil {
                bestLow = atMid
                lower = LinearBound(slope: a, intercept: b)
            }
        }
        return LinearRelaxation(lower: lower, upper: upper)
    }

    /// (f(u) − f(l)) / (u − l) in floating point (a heuristic slope; soundness does not depend on it).
    static func chordSlope<A: ScalarActivation>(_ f: A, _ l: Double, _ u: Double) -> Double {
        (f.value(u) - f.value(l)) / (u - l)
    }
}
