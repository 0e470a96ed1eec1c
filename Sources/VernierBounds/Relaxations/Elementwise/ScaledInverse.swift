import VernierCore

/// The scalar function f(x) = c/x for a constant c ≠ 0, described declaratively so that the
/// relaxation machinery (`ScalarRelaxation`, `SoundIntercept`) can bound it: used for
/// `ScaledReciprocal` (c/x) and, with c an end of the numerator's interval, inside the quotient
/// planes of `Div`.
///
/// Facts (c ≠ 0): defined for x ≠ 0; at ±0 `value` returns c/±0 = ±∞, the one-sided limit from
/// the side the sign of zero names. f″(x) = 2c/x³: for c > 0 concave on (−∞, 0) and convex on
/// (0, ∞), for c < 0 the reverse. f′(x) = −c/x² has the sign of −c, so f is decreasing on each
/// component for c > 0 and increasing for c < 0; no interior extrema. `value` is one correctly
/// rounded division (`roundedOperations(1)`).
struct ScaledInverse: ScalarActivation {
    let numerator: Double

    init(_ numerator: Double) {
        precondition(numerator != 0 && numerator.isFinite, "c/x needs a finite nonzero c")
        self.numerator = numerator
    }

    var name: String { "ScaledReciprocal" }
    func value(_ x: Double) -> Double { numerator / x }
    func derivative(_ x: Double) -> Double { -numerator / (x * x) }
    var domain: ActivationDomain { .nonZero }
    var monotonicity: Monotonicity { numerator > 0 ? .decreasing : .increasing }
    func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {}
    func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        let negative: Curvature = numerator > 0 ? .concave : .convex
        return CurvaturePiece.clip([CurvaturePiece(lower: -.infinity, upper: 0, curvature: negative),
                                    CurvaturePiece(lower: 0, upper: .infinity, curvature: negative.negated)],
                                   to: lower, upper)
    }
    var accuracy: ValueAccuracy { .roundedOperations(1) }
}
