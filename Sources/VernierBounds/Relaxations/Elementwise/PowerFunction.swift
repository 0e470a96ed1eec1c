import Foundation
import VernierCore

/// The scalar function f(x) = x^p for a constant exponent p ∉ {0, 1}, described declaratively so
/// that `ScalarRelaxation` can relax `Pow` (the constant exponents 0 and 1 are exact lines and are
/// handled by the caller). Integers are the p with p.rounded() == p and |p| < 2⁵³, as in the
/// interval bound (`Pow+Interval.swift`); every other p is "fractional".
///
/// Facts, with f″(x) = p(p − 1)·x^(p−2):
/// - integer p ≥ 2, even: defined on ℝ; f ≥ 0 with its minimum f(0) = 0 at the exact point 0
///   (the only interior extremum); convex (p(p − 1) > 0 and x^(p−2) ≥ 0).
/// - integer p ≥ 3, odd: defined on ℝ, increasing; x^(p−2) has the sign of x: concave on
///   (−∞, 0], convex on [0, ∞).
/// - integer p ≤ −1: defined for x ≠ 0 (pow(±0, p) = ±∞ or +∞ is the one-sided limit); p(p − 1) > 0,
///   and x^(p−2) is positive for x > 0 and has the sign (−1)^p for x < 0: convex on (0, ∞), and on
///   (−∞, 0) convex for even p, concave for odd p. Odd p: decreasing on each component. Even p:
///   increasing on (−∞, 0), decreasing on (0, ∞) — monotone on each component but not the same
///   way, so it is declared non-monotone with no interior extrema (none exist on either
///   component; range enclosures then use the component ends, which is right).
/// - fractional p: defined for x ≥ 0 (p > 0) or x > 0 (p < 0; pow(+0, p) = +∞ is the limit);
///   f ≥ 0; increasing for p > 0, decreasing for p < 0; convex for p > 1 or p < 0, concave for
///   0 < p < 1.
/// Accuracy: x·x (p = 2) is one correctly rounded product, x·x·x (p = 3) two; other exponents use
/// libm `pow`, covered by the project's libm assumption (specs/soundness.md, item 3) like the
/// interval bound of `Pow`.
struct PowerFunction: ScalarActivation {
    let exponent: Double
    let isInteger: Bool
    let isEven: Bool

    init(_ p: Double) {
        precondition(p != 0 && p != 1 && p.isFinite, "x^0 and x^1 are lines; the exponent must be finite")
        exponent = p
        isInteger = p.rounded() == p && abs(p) < 0x1p53
        isEven = isInteger && p.truncatingRemainder(dividingBy: 2) == 0
    }

    var name: String { "Pow" }

    func value(_ x: Double) -> Double {
        switch exponent {
        case 2: x * x
        case 3: x * x * x
        default: Foundation.pow(x, exponent)
        }
    }

    func derivative(_ x: Double) -> Double {
        exponent == 2 ? 2 * x : exponent * Foundation.pow(x, exponent - 1)
    }

    var domain: ActivationDomain {
        if isInteger { return exponent > 0 ? .real : .nonZero }
        return exponent > 0 ? .nonNegative : .positive
    }

    var valueRange: ClosedRange<Double> {
        if isInteger && !isEven { return -Double.infinity...Double.infinity }
        return 0...Double.infinity
    }

    var monotonicity: Monotonicity {
        if !isInteger { return exponent > 0 ? .increasing : .decreasing }
        if isEven { return .nonMonotone }
        return exponent > 0 ? .increasing : .decreasing
    }

    func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {
        if isEven && exponent > 0 && lower <= 0 && upper >= 0 {
            points.append(CriticalPoint(kind: .minimum, location: 0, exactValue: 0))
        }
    }

    func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        let layout: [CurvaturePiece]
        if isInteger {
            if exponent > 0 {
                layout = isEven ? CurvaturePiece.whole(.convex)
                    : CurvaturePiece.layout(breaks: [0], curvatures: [.concave, .convex])
            } else {
                layout = [CurvaturePiece(lower: -.infinity, upper: 0, curvature: isEven ? .convex : .concave),
                          CurvaturePiece(lower: 0, upper: .infinity, curvature: .convex)]
            }
        } else {
            let c: Curvature = exponent > 0 && exponent < 1 ? .concave : .convex
            layout = [CurvaturePiece(lower: 0, upper: .infinity, curvature: c)]
        }
        return CurvaturePiece.clip(layout, to: lower, upper)
    }

    var accuracy: ValueAccuracy {
        switch exponent {
        case 2: .roundedOperations(1)
        case 3: .roundedOperations(2)
        default: .libm
        }
    }
}
