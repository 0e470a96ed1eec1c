import Foundation
import VernierCore

/// σ′(x) = σ(x)·σ(−x), the derivative of the logistic sigmoid, as a declarative activation so that
/// the bound engines relax "g · σ′(z)" from these facts alone.
///
/// Facts (with t = tanh(x/2), so 1 − 2σ = −t and σ′ = (1 − t²)/4):
/// - even; maximum 1/4 at the exact point 0; image [0, 1/4]; increasing on x ≤ 0, decreasing after;
/// - (σ′)′ = σ″ = −σ′·t;
/// - (σ′)″ = σ‴ = σ′·(3t² − 1)/2, which vanishes only at t = ±1/√3, i.e. x = ±ln(2 + √3) ≈ ±1.31696:
///   convex for |x| ≥ 1.31696, concave in between. The location is computed with libm (a few ulps),
///   so the inflections carry a radius of 2⁻⁴⁰ — far above that error.
/// Accuracy: `LogisticTerms.sigmoidDerivative` is a cancellation-free libm composition.
public struct SigmoidDerivative: ScalarActivation {
    public init() {}
    public var name: String { "SigmoidDerivative" }

    public func value(_ x: Double) -> Double {
        x.isInfinite ? 0 : LogisticTerms.sigmoidDerivative(x)
    }

    public func derivative(_ x: Double) -> Double {
        if x.isInfinite { return 0 }
        return -LogisticTerms.sigmoidDerivative(x) * tanh(x / 2)
    }

    public var valueRange: ClosedRange<Double> { 0...0.25 }
    public var monotonicity: Monotonicity { .nonMonotone }

    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {
        CriticalPoint.append([CriticalPoint(kind: .maximum, location: 0, exactValue: 0.25)], in: lower, upper, to: &points)
    }

    static let inflection = log(2 + (3.0).squareRoot())
    static let layout = CurvaturePiece.layout(inflections: [-inflection, inflection], radius: 0x1p-40,
                                              curvatures: [.convex, .concave, .convex])

    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        CurvaturePiece.clip(Self.layout, to: lower, upper)
    }
}
