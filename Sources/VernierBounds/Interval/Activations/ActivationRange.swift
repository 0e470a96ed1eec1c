import VernierCore

/// A rigorous enclosure of the range {f(x) : x ∈ [l, u]} of a `ScalarActivation`, derived only from
/// its declared facts — no activation has code of its own here.
///
/// Proof of the enclosure. Let D be the domain. For each component C of D, f is continuous on the
/// closure of [l, u] ∩ C = [a, b] (with one-sided limits at excluded ends, possibly ±∞), so its
/// minimum and maximum over [a, b] are attained at a, at b, or at an interior local extremum.
/// `appendCriticalPoints` lists every interior local extremum that may lie in [a, b] (a plateau
/// reaching ±∞ or a domain boundary repeats an end value), so the minimum is among
/// {f(a), f(b), f(x*) for listed minima} and the maximum among {f(a), f(b), f(x*) for listed maxima}.
/// Listing a point whose true location is outside [a, b] only adds a candidate, which keeps the
/// enclosure sound. The range over [l, u] is the union over components, so its hull is enclosed by
/// the hull of the candidates. Finally the result is intersected with `valueRange`, an exact
/// enclosure of the whole image, which can only remove values f cannot take.
///
/// Rounding. The enclosure contains both the exact f(x) and the floating-point result value(x) that
/// forward evaluation produces, for every x in the box (so concrete evaluations never fall outside
/// the bounds). With err(y) = relative·|y| + absolute from the activation's `ValueAccuracy`
/// (`errorModel`): a candidate computed as y = value(c) satisfies |y − f(c)| ≤ err(y), and any
/// value(x) lies within err of f(x); hence f ≥ y − err and value ≥ y − 2·err over the box wherever
/// y is the smallest candidate, and symmetrically above. Candidates are therefore widened by 2·err
/// (rounded up) and stepped one ulp outward (covering the rounding of the subtraction and the
/// second-order difference between err at two nearby values); exact values (a critical point's
/// `exactValue`, the `valueRange` ends) are widened by err once. Exact models (selections: Relu,
/// Clip, Abs) take y as is — no arithmetic, no step. At a numerically located critical point the
/// candidate f(x̃) is widened further by the declared `valueMargin` ≥ |f(x̃) − f(x*)| (second order,
/// since f′(x*) = 0). Infinite values: ±∞ obtained at an excluded domain boundary (log at 0, 1/x at
/// ±0) or at an infinite interval end is the exact limit and kept; +∞ (−∞) obtained by overflow at a
/// finite point stands for a finite value above (below) every double up to the relative error, so
/// as a lower (upper) bound it is replaced by ±(1 − 2⁻³⁰)·greatestFiniteMagnitude. NaN never
/// survives: a NaN candidate makes the corresponding bound infinite, and a box that misses the
/// domain gets `valueRange` (points outside the domain have no real value; an over-approximated box
/// may poke outside it although no reachable value does). A box meeting a component only in an
/// excluded boundary point (1/x on [0, 2] and the component x < 0) skips that component.
public enum ActivationRange {
    /// |value(x) − f(x)| ≤ relative·|value(x)| + absolute.
    public struct ErrorModel: Sendable, Equatable {
        public var relative: Double
        public var absolute: Double
        public var isExact: Bool { relative == 0 && absolute == 0 }
    }

    /// The numbers behind a `ValueAccuracy`; every inexact model includes the underflow slack.
    public static func errorModel(_ accuracy: ValueAccuracy) -> ErrorModel {
        switch accuracy {
        case .exact:
            return ErrorModel(relative: 0, absolute: 0)
        case .roundedOperations(let n):
            return ErrorModel(relative: FloatBounds.gamma(max(n, 1)), absolute: FloatBounds.underflowMargin * Double(max(n, 1)))
        case .libm:
            return ErrorModel(relative: FloatBounds.libmRelativeError, absolute: FloatBounds.underflowMargin)
        case let .bounded(relative, absolute):
            return ErrorModel(relative: relative, absolute: (absolute + FloatBounds.underflowMargin).nextUp)
        }
    }

    static let overflowFloor = Double.greatestFiniteMagnitude * (1 - 0x1p-30)

    /// A lower bound, below f and below every computed value, from a candidate y: computed by
    /// `value` (`multiple` 2) or exact (`multiple` 1); `isLimit`: an infinite y is an exact limit.
    @inline(__always)
    static func lowerBound(_ y: Double, _ model: ErrorModel, isLimit: Bool, multiple: Double = 2) -> Double {
        if y.isNaN { return -.infinity }
        if y.isInfinite { return y < 0 || isLimit ? y : overflowFloor }
        if model.isExact { return y }
        let error = (multiple * (abs(y) * model.relative + model.absolute)).nextUp
        return (y - error).nextDown
    }

    /// The upper counterpart of `lowerBound`.
    @inline(__always)
    static func upperBound(_ y: Double, _ model: ErrorModel, isLimit: Bool, multiple: Double = 2) -> Double {
        if y.isNaN { return .infinity }
        if y.isInfinite { return y > 0 || isLimit ? y : -overflowFloor }
        if model.isExact { return y }
        let error = (multiple * (abs(y) * model.relative + model.absolute)).nextUp
        return (y + error).nextUp
    }

    /// The enclosure of f over [lower, upper]. `buffer` is scratch space reused across calls so
    /// that bounding a tensor allocates nothing per element.
    public static func enclose<A: ScalarActivation>(_ f: A, _ lower: Double, _ upper: Double,
                                                    model: ErrorModel, buffer: inout [CriticalPoint]) -> (lower: Double, upper: Double) {
        let range = f.valueRange
        guard !lower.isNaN, !upper.isNaN, lower <= upper else {
            return (lowerBound(range.lowerBound, model, isLimit: true, multiple: 1),
                    upperBound(range.upperBound, model, isLimit: true, multiple: 1))
        }
        var lo = Double.infinity, hi = -Double.infinity
        var found = false
        let monotone = f.monotonicity.isMonotone
        for c in f.domain.components {
            let a = max(lower, c.lower), b = min(upper, c.upper)
            guard a <= b else { continue }
            // End points; at an excluded boundary 0 the sign of zero selects the one-sided limit.
            let aIsBoundary = a == c.lower && !c.includesLower
            let bIsBoundary = b == c.upper && !c.includesUpper
            if a == b && (aIsBoundary || bIsBoundary) { continue }
            found = true
            let xa = aIsBoundary && a == 0 ? 0.0 : a
            let xb = bIsBoundary && b == 0 ? -0.0 : b
            let ya = f.value(xa), yb = f.value(xb)
            let limitA = aIsBoundary || a.isInfinite, limitB = bIsBoundary || b.isInfinite
            lo = min(lo, lowerBound(ya, model, isLimit: limitA), lowerBound(yb, model, isLimit: limitB))
            hi = max(hi, upperBound(ya, model, isLimit: limitA), upperBound(yb, model, isLimit: limitB))
            guard !monotone else { continue }
            buffer.removeAll(keepingCapacity: true)
            f.appendCriticalPoints(in: a, b, to: &buffer)
            for p in buffer where p.mayLie(in: a, b) {
                let candidateLow: Double, candidateHigh: Double
                if let v = p.exactValue {
                    candidateLow = lowerBound(v, model, isLimit: false, multiple: 1)
                    candidateHigh = upperBound(v, model, isLimit: false, multiple: 1)
                } else {
                    let y = f.value(p.location)
                    candidateLow = (lowerBound(y, model, isLimit: false) - p.valueMargin).nextDown
                    candidateHigh = (upperBound(y, model, isLimit: false) + p.valueMargin).nextUp
                }
                switch p.kind {
                case .minimum: lo = min(lo, candidateLow.isNaN ? -.infinity : candidateLow)
                case .maximum: hi = max(hi, candidateHigh.isNaN ? .infinity : candidateHigh)
                }
            }
        }
        let floor = lowerBound(range.lowerBound, model, isLimit: true, multiple: 1)
        let ceiling = upperBound(range.upperBound, model, isLimit: true, multiple: 1)
        guard found else { return (floor, ceiling) }
        return (max(lo, floor), min(hi, ceiling))
    }
}
