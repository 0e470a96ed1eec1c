import RealModule

/// Mish, f(x) = x·tanh(softplus(x)) (ONNX `Mish`), evaluated as written with the cancellation-free
/// softplus: softplus ≥ 0 and tanh has relative condition ≤ 1 there, so libm accuracy holds.
///
/// With T = tanh(softplus x): f′ = T + x·sech²(softplus x)·σ(x) and
/// f″ = sech²(softplus x)·σ(x)·(2 + x·(σ(−x) − 2Tσ(x))).
/// Facts: global minimum at x* ≈ −1.1924312145154952, f(x*) ≈ −0.30884341301725041; inflections
/// ≈ −2.2563763963607931 and ≈ 1.4905711794854285: concave, convex, concave (sign changes of f″
/// checked numerically with 400-digit arithmetic on [−40, 40]; f″ ≈ (x + 2)eˣ < 0 as x → −∞ and
/// ≈ −8(x − 1)e^{−2x} < 0 as x → +∞). All computed once by certified bisection with radius r = 2⁻³⁰;
/// sup|f″| < 0.65, so the value margin ½·0.65·r² < 2⁻⁶¹ is declared. Image [−0.309, ∞).
public struct Mish: ScalarActivation {
    public init() {}
    public var name: String { "Mish" }

    public func value(_ x: Double) -> Double {
        if x.isInfinite { return x > 0 ? x : 0 }
        return x * Double.tanh(Logistic.softplus(x))
    }

    public func derivative(_ x: Double) -> Double {
        if x.isInfinite { return x > 0 ? 1 : 0 }
        let w = Logistic.softplus(x)
        return Double.tanh(w) + x * Logistic.sech2(w) * Logistic.sigmoid(x)
    }

    /// f″/(sech²·σ) = 2 + x·(σ(−x) − 2Tσ(x)).
    static func curvatureSign(_ x: Double) -> Double {
        let t = Double.tanh(Logistic.softplus(x))
        return 2 + x * (Logistic.sigmoid(-x) - 2 * t * Logistic.sigmoid(x))
    }

    public var valueRange: ClosedRange<Double> { -0.309...Double.infinity }
    public var monotonicity: Monotonicity { .nonMonotone }

    static let minimumLocation: Double = CriticalPointSolver.root(of: { Mish().derivative($0) }, in: -2, -1)
    static let lowerInflection: Double = CriticalPointSolver.root(of: curvatureSign, in: -3, -2)
    static let upperInflection: Double = CriticalPointSolver.root(of: curvatureSign, in: 1, 2)
    static let minimumPoint = CriticalPoint(kind: .minimum, location: minimumLocation,
                                            locationRadius: CriticalPointSolver.defaultRadius, valueMargin: 0x1p-61)
    static let curvatureLayout = CurvaturePiece.layout(
        inflections: [lowerInflection, upperInflection], radius: CriticalPointSolver.defaultRadius,
        curvatures: [.concave, .convex, .concave])

    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {
        CriticalPoint.append([Self.minimumPoint], in: lower, upper, to: &points)
    }

    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        CurvaturePiece.clip(Self.curvatureLayout, to: lower, upper)
    }
}
