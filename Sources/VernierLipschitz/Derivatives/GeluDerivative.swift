import Foundation
import VernierCore

/// GELU′(x) = Φ(x) + x·φ(x), the derivative of the exact (erf) GELU x·Φ(x), as a declarative
/// activation. Only the standard GELU (ONNX `Gelu`, approximate = "none") is covered.
///
/// Facts:
/// - (GELU′)′ = GELU″ = φ(x)·(2 − x²): GELU′ decreases on (−∞, −√2], increases on [−√2, √2] and
///   decreases after, so its extrema are the minimum at −√2 (≈ −0.128904) and the maximum at √2
///   (≈ 1.128904), with limits 0 and 1 at ∓∞; image [−0.1290, 1.1290].
/// - (GELU′)″ = GELU‴ = x·φ(x)·(x² − 4), zero exactly at −2, 0, 2: concave, convex, concave, convex.
/// - √2 is located to within an ulp (radius 2⁻⁵⁰); |GELU‴| < 1 everywhere, so evaluating at the
///   rounded location misses the extreme value by at most ½·r² < 2⁻¹⁰⁰ (declared margin 2⁻⁹⁰).
/// Accuracy: Φ(x) = ½·erfc(−x/√2) and x·φ(x) nearly cancel near the root x ≈ −0.7518, so no relative
/// bound holds there. Absolute: |Φ| ≤ 1 is computed within ~2⁻⁴⁴ (erfc's argument rounding matters
/// only where erfc < 10⁻¹⁶), |x·φ(x)| ≤ 0.25 within a few hundred ulps (the rounding of x²/2 costs
/// u·x²/2 relative, and |x|³φ(x) < 0.5), and the sum adds one rounding: well below 2⁻⁴⁰ absolute.
public struct GeluDerivative: ScalarActivation {
    public init() {}
    public var name: String { "GeluDerivative" }

    static let inverseSqrt2 = 0.7071067811865476
    static let inverseSqrt2Pi = 0.3989422804014327

    public func value(_ x: Double) -> Double {
        if x.isInfinite { return x > 0 ? 1 : 0 }
        return 0.5 * erfc(-x * Self.inverseSqrt2) + x * Self.inverseSqrt2Pi * exp(-0.5 * x * x)
    }

    public func derivative(_ x: Double) -> Double {
        if x.isInfinite { return 0 }
        return Self.inverseSqrt2Pi * exp(-0.5 * x * x) * (2 - x * x)
    }

    public var valueRange: ClosedRange<Double> { -0.1290...1.1290 }
    public var monotonicity: Monotonicity { .nonMonotone }
    public var accuracy: ValueAccuracy { .bounded(relative: 0x1p-40, absolute: 0x1p-40) }

    static let extremum = (2.0).squareRoot()
    static let points = [
        CriticalPoint(kind: .minimum, location: -extremum, locationRadius: 0x1p-50, valueMargin: 0x1p-90),
        CriticalPoint(kind: .maximum, location: extremum, locationRadius: 0x1p-50, valueMargin: 0x1p-90),
    ]

    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {
        CriticalPoint.append(Self.points, in: lower, upper, to: &points)
    }

    static let layout = CurvaturePiece.layout(breaks: [-2, 0, 2], curvatures: [.concave, .convex, .concave, .convex])

    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        CurvaturePiece.clip(Self.layout, to: lower, upper)
    }
}
