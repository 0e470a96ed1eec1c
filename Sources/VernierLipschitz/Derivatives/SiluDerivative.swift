import Foundation
import VernierCore

/// SiLU′(x) = σ(x)·(1 + x·σ(−x)) = σ(x) + x·σ′(x), the derivative of x·σ(x), as a declarative activation.
///
/// Facts (t = tanh(x/2), p = σ′(x) = (1 − t²)/4):
/// - (SiLU′)′ = SiLU″ = p·(2 − x·t), zero only at ±r₁, r₁ ≈ 2.39936 (x·t is even and increasing on
///   x > 0): minimum at −r₁ (≈ −0.099839), maximum at r₁ (≈ 1.099839); limits 0 and 1 at ∓∞; image
///   [−0.0999, 1.0999].
/// - (SiLU′)″ = SiLU‴ = p·h(x)/2 with h(x) = x·(3t² − 1) − 6t. h is odd, negative just right of 0
///   (h ≈ −4x), positive for large x (h → 2x − 6) with one sign change at r₂ ≈ 3.43584 (a dense
///   sign scan over (0, 50] in the tests finds no other; beyond 50, 3t² − 1 > 1.99 and 6t < 6 keep
///   h > 0). So SiLU′ is concave on (−∞, −r₂], convex on [−r₂, 0], concave on [0, r₂], convex after.
/// - r₁ and r₂ are found once by certified bisection (`CriticalPointSolver`, radius 2⁻³⁰); |SiLU‴| <
///   0.5, so the value margin at r₁ is ½·0.5·r² < 2⁻⁶².
/// Accuracy: near the root of SiLU′ (x ≈ −1.278) the two terms cancel, so only an absolute bound
/// holds: |σ| ≤ 1 and |x·σ′(x)| ≤ 0.23 are each computed within a few hundred ulps and the sum
/// adds one rounding, far below 2⁻⁴⁰.
public struct SiluDerivative: ScalarActivation {
    public init() {}
    public var name: String { "SiluDerivative" }

    public func value(_ x: Double) -> Double {
        if x.isInfinite { return x > 0 ? 1 : 0 }
        return LogisticTerms.sigmoid(x) + x * LogisticTerms.sigmoidDerivative(x)
    }

    public func derivative(_ x: Double) -> Double {
        if x.isInfinite { return 0 }
        return LogisticTerms.sigmoidDerivative(x) * Self.slopeSign(x)
    }

    public var valueRange: ClosedRange<Double> { -0.0999...1.0999 }
    public var monotonicity: Monotonicity { .nonMonotone }
    public var accuracy: ValueAccuracy { .bounded(relative: 0x1p-40, absolute: 0x1p-40) }

    /// SiLU″/σ′ = 2 − x·tanh(x/2).
    static func slopeSign(_ x: Double) -> Double { 2 - x * tanh(x / 2) }

    /// h(x) = x·(3t² − 1) − 6t, the sign of SiLU‴.
    static func curvatureSign(_ x: Double) -> Double {
        let t = tanh(x / 2)
        return x * (3 * t * t - 1) - 6 * t
    }

    static let radius = CriticalPointSolver.defaultRadius
    static let extremum = CriticalPointSolver.root(of: slopeSign, in: 2, 3)
    static let inflection = CriticalPointSolver.root(of: curvatureSign, in: 3, 4)
    static let points = [
        CriticalPoint(kind: .minimum, location: -extremum, locationRadius: radius, valueMargin: 0x1p-62),
        CriticalPoint(kind: .maximum, location: extremum, locationRadius: radius, valueMargin: 0x1p-62),
    ]
    static let layout = CurvaturePiece.layout(inflections: [-inflection, 0, inflection], radius: radius,
                                              curvatures: [.concave, .convex, .concave, .convex])

    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {
        CriticalPoint.append(Self.points, in: lower, upper, to: &points)
    }

    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        CurvaturePiece.clip(Self.layout, to: lower, upper)
    }
}
