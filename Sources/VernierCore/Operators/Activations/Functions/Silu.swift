import RealModule

/// SiLU, f(x) = x·σ(x) (non-ONNX extension `Silu`, also what `x * Sigmoid(x)` fuses into).
///
/// Evaluation: x/(1 + e^−x) for x ≥ 0 and x·eˣ/(1 + eˣ) for x < 0 — exp only of −|x|, no
/// cancellation, libm accuracy. f′ = σ(x) + x·σ′(x).
///
/// Facts (f″ = σ′(x)·(2 − x·tanh(x/2)), even):
/// - one critical point, the global minimum at x* = −1.2784645427610738, the root of
///   f′ = σ(x)·(1 + x·σ(−x)). Uniqueness: 1 + x·σ(−x) is positive for x ≥ 0 and increasing on
///   x < 0 (its derivative σ(−x) − x·σ′(x) is positive there), from −∞ to 1. At the root
///   σ(x*) = 1 + 1/x*, so f(x*) = x* + 1 = −0.27846454276107380;
/// - inflection points ±2.3994 (x·tanh(x/2) = 2 has exactly one positive root, x·tanh(x/2) being
///   increasing on x > 0): convex on [−2.3994, 2.3994], concave outside;
/// - image [−0.279, ∞).
/// The minimum and the inflection are computed once at start-up by certified bisection
/// (`CriticalPointSolver`) with radius r = 2⁻³⁰; since sup|f″| = f″(0) = 1/2, evaluating f at the
/// computed minimum errs by at most ½·½·r² = 2⁻⁶² from f(x*), which is the declared margin.
public struct Silu: ScalarActivation {
    public init() {}
    public var name: String { "Silu" }
    public func value(_ x: Double) -> Double { SiluMath.value(x) }
    public func derivative(_ x: Double) -> Double { SiluMath.derivative(x) }
    public var valueRange: ClosedRange<Double> { -0.279...Double.infinity }
    public var monotonicity: Monotonicity { .nonMonotone }

    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {
        CriticalPoint.append([SiluMath.minimumPoint], in: lower, upper, to: &points)
    }

    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        CurvaturePiece.clip(SiluMath.curvatureLayout, to: lower, upper)
    }
}

/// Swish, f(x) = x·σ(βx) (non-ONNX extension `Swish`, attribute `beta`, default 1; ONNX opset 24
/// calls the same parameter `alpha`).
///
/// For β ≠ 0, f(x) = SiLU(βx)/β, so every fact is SiLU's mapped through t = βx: the critical point
/// t*/β (a minimum for β > 0, a maximum for β < 0), inflections ±2.3994/β with the curvature classes
/// swapped when β < 0. β = 0 gives the line x/2.
///
/// Location radius of the critical point: |t̃/β − t*/β| ≤ r/|β| and rounding the quotient adds
/// 2⁻⁵³|x̃|; sup|f″| = |β|·sup|SiLU″| = |β|/2, so the value margin is ½·(|β|/2)·radius².
///
/// Accuracy: the argument βx is rounded (relative u) and σ has relative condition |s|·σ(−s) ≤ 745
/// wherever σ(s) is a normal number, so the relative error is below 745·u + libm ≤ 2⁻⁴⁰; when σ(βx)
/// is subnormal or flushes to zero the true |f| ≤ |s|e^{s}/|β| ≤ 2⁻¹⁰⁶⁴/|β|, covered by the absolute
/// term 2⁻¹⁰⁶⁰/|β|. For β = 1 this is SiLU (libm accuracy).
public struct Swish: ScalarActivation {
    public let beta: Double

    public init(beta: Double = 1) { self.beta = beta }

    public var name: String { "Swish" }

    public func value(_ x: Double) -> Double {
        if x.isInfinite {
            // Limits: x → +∞ gives +∞ (β ≥ 0) or 0 (β < 0); x → −∞ gives 0 (β > 0) or −∞ (β ≤ 0).
            if x > 0 { return beta >= 0 ? x : 0 }
            return beta > 0 ? 0 : x
        }
        return x * Logistic.sigmoid(beta * x)
    }

    public func derivative(_ x: Double) -> Double {
        let s = beta * x
        let d = Logistic.sigmoidDerivative(s)
        return d == 0 ? Logistic.sigmoid(s) : Logistic.sigmoid(s) + x * beta * d
    }

    public var valueRange: ClosedRange<Double> {
        if beta > 0 { return (-0.279 / beta).nextDown...Double.infinity }
        if beta < 0 { return -Double.infinity...(0.279 / -beta).nextUp }
        return -Double.infinity...Double.infinity
    }

    public var monotonicity: Monotonicity { beta == 0 ? .increasing : .nonMonotone }

    var criticalPoint: CriticalPoint? {
        guard beta != 0 else { return nil }
        let x = SiluMath.minimumLocation / beta
        let radius = ((SiluMath.radius / abs(beta)).nextUp + abs(x) * 0x1p-52).nextUp
        let margin = (0.25 * abs(beta) * radius * radius).nextUp
        return CriticalPoint(kind: beta > 0 ? .minimum : .maximum, location: x, locationRadius: radius,
                             valueMargin: margin.isNaN ? .infinity : margin)
    }

    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {
        if let p = criticalPoint, p.mayLie(in: lower, upper) { points.append(p) }
    }

    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        guard beta != 0 else { return CurvaturePiece.clip(CurvaturePiece.whole(.linear), to: lower, upper) }
        let p = abs(SiluMath.inflectionLocation / beta)
        let radius = ((SiluMath.radius / abs(beta)).nextUp + p * 0x1p-52).nextUp
        let outer: Curvature = beta > 0 ? .concave : .convex
        let layout = CurvaturePiece.layout(inflections: [-p, p], radius: radius,
                                           curvatures: [outer, outer.negated, outer])
        return CurvaturePiece.clip(layout, to: lower, upper)
    }

    public var accuracy: ValueAccuracy {
        if beta == 1 { return .libm }
        if beta == 0 { return .roundedOperations(1) }
        return .bounded(relative: 0x1p-40, absolute: (0x1p-1060 / abs(beta)).nextUp)
    }
}

/// SiLU's formulas and its computed constants, shared by `Silu` and `Swish`.
enum SiluMath {
    static let radius = CriticalPointSolver.defaultRadius

    static func value(_ x: Double) -> Double {
        if x.isInfinite { return x > 0 ? x : 0 }
        if x >= 0 { return x / (1 + Double.exp(-x)) }
        let e = Double.exp(x)
        return x * e / (1 + e)
    }

    static func derivative(_ x: Double) -> Double {
        if x.isInfinite { return x > 0 ? 1 : 0 }
        return Logistic.sigmoid(x) + x * Logistic.sigmoidDerivative(x)
    }

    /// f″/σ′ = 2 − x·tanh(x/2), whose sign is that of f″.
    static func curvatureSign(_ x: Double) -> Double { 2 - x * Double.tanh(x / 2) }

    /// x* ≈ −1.2784645427610738 (certified within `radius`).
    static let minimumLocation: Double = CriticalPointSolver.root(of: derivative, in: -2, -1)

    /// The positive inflection ≈ 2.3993572805154677 (certified within `radius`).
    static let inflectionLocation: Double = CriticalPointSolver.root(of: curvatureSign, in: 2, 3)

    static let minimumPoint = CriticalPoint(kind: .minimum, location: minimumLocation, locationRadius: radius,
                                            valueMargin: 0x1p-62)

    static let curvatureLayout = CurvaturePiece.layout(
        inflections: [-inflectionLocation, inflectionLocation], radius: radius,
        curvatures: [.concave, .convex, .concave])
}
