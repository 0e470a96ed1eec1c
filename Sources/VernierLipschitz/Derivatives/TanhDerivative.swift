import Foundation
import VernierCore

/// tanh′(x) = sech²(x) = 1 − tanh²(x), as a declarative activation.
///
/// Facts (T = tanh x): even; maximum 1 at the exact point 0; image [0, 1]; (tanh′)′ = −2·T·sech²;
/// (tanh′)″ = −2·sech²·(1 − 3T²), zero only at T = ±1/√3, x = ±½·ln(2 + √3) ≈ ±0.65848: convex for
/// |x| ≥ 0.65848, concave in between (libm-located, radius 2⁻⁴⁰).
/// Accuracy: `LogisticTerms.sech2`, a cancellation-free libm composition.
public struct TanhDerivative: ScalarActivation {
    public init() {}
    public var name: String { "TanhDerivative" }

    public func value(_ x: Double) -> Double { x.isInfinite ? 0 : LogisticTerms.sech2(x) }

    public func derivative(_ x: Double) -> Double {
        if x.isInfinite { return 0 }
        return -2 * tanh(x) * LogisticTerms.sech2(x)
    }

    public var valueRange: ClosedRange<Double> { 0...1 }
    public var monotonicity: Monotonicity { .nonMonotone }

    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {
        CriticalPoint.append([CriticalPoint(kind: .maximum, location: 0, exactValue: 1)], in: lower, upper, to: &points)
    }

    static let inflection = 0.5 * log(2 + (3.0).squareRoot())
    static let layout = CurvaturePiece.layout(inflections: [-inflection, inflection], radius: 0x1p-40,
                                              curvatures: [.convex, .concave, .convex])

    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        CurvaturePiece.clip(Self.layout, to: lower, upper)
    }
}
