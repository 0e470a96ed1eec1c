import RealModule

/// GELU with the exact Gaussian CDF, f(x) = x·Φ(x) = ½·x·(1 + erf(x/√2)) (ONNX `Gelu`,
/// approximate = "none"), and its variants with the erf argument scaled by the constant an exported
/// subgraph carries: ½·x·(1 + erf(x/c)) or ½·x·(1 + erf(x·m)). The `GeluErfFusion` rewrite keeps
/// the file's constant (float32 exporters write √2 as 1.4142135…), so fusion preserves the function
/// exactly. With μ the real erf multiplier (1/√2, 1/c or m) and κ = √2·μ, f(x) = GELU(κx)/κ, so
/// every fact is GELU's mapped through x ↦ κx (κ = 1 for ONNX's Gelu).
///
/// Evaluation without cancellation: ½·x·(1 + erf(t)) for x ≥ 0 (1 + erf ∈ [1, 2]) and
/// ½·x·erfc(−t) for x < 0 (1 + erf(t) = erfc(−t) avoids the cancellation for negative t).
///
/// Accuracy: the argument t = μx is formed with a relative error ≤ 2.01u (one rounding, plus the
/// rounding of fl(1/√2) for ONNX's Gelu). erf on t ≥ 0 has relative condition ≤ 1, but erfc on
/// t > 0 has condition 2t·e^{−t²}/(√π·erfc t) ≤ 2t² + 1 (Mills-ratio bound), which matters because
/// the result is only representable for t ≤ 27.3 (erfc underflows beyond):
/// ≤ 1492·2.01u + libm + 2u < 2⁻⁴⁰ relative. Below that the true |f| < 2⁻¹⁰⁰⁰ for κ ≈ 1, covered by
/// the engines' underflow slack.
///
/// Facts (for κ = 1; f′ = Φ(x) + x·φ(x), f″ = φ(x)·(2 − x²)):
/// - one critical point, the global minimum at x* = −0.75179152469356446, f(x*) ≈
///   −0.16997120747990366. Uniqueness: f′ > 0 for x ≥ 0; on (−∞, −√2] f″ < 0, so f′ decreases
///   from its limit 0 and stays negative; on [−√2, 0] f″ > 0, so f′ increases through one root.
///   Computed once by certified bisection with radius r = 2⁻³⁰; sup|f″| = 2φ(0) < 0.8, so the
///   declared value margin ½·0.8·r² < 2⁻⁶¹ covers the location error;
/// - inflections at ±√2 (known to within 2⁻⁵³ from fl(√2)): concave, convex on [−√2, √2], concave;
/// - image [−0.17, ∞).
/// For κ ≠ 1: minimum at x*/κ (radius r/κ plus 2⁻⁵⁰·|x̃| for the rounding of κ and the quotient),
/// margin ½·0.8κ·radius²; inflections at ±1/μ (exactly ±c in the divided form); image
/// [−0.17/κ, ∞).
public struct Gelu: ScalarActivation {
    /// How the erf argument t is formed from x.
    public enum ErfArgument: Sendable, Equatable {
        /// t = x/√2 (ONNX Gelu), evaluated as x·fl(1/√2).
        case standard
        /// t = x/c for a positive constant c.
        case divided(by: Double)
        /// t = x·m for a positive constant m.
        case multiplied(by: Double)
    }

    public let erfArgument: ErfArgument
    /// κ = √2·μ (1 for the standard GELU), rounded.
    let kappa: Double
    /// μ/√π, the factor of x·e^{−t²} in f′.
    let derivativeFactor: Double
    let minimumPoint: CriticalPoint
    let curvatureLayout: [CurvaturePiece]

    /// The standard GELU.
    public init() { self.init(erfArgument: .standard) }

    /// A GELU with a scaled erf argument; the constant must be positive and finite (the fusion
    /// rewrite only passes constants close to √2 or 1/√2).
    public init(erfArgument: ErfArgument) {
        self.erfArgument = erfArgument
        switch erfArgument {
        case .standard:
            kappa = 1
            derivativeFactor = Self.inverseSqrt2Pi
            minimumPoint = Self.standardMinimum
            curvatureLayout = Self.standardCurvature
            return
        case .divided(let c):
            precondition(c > 0 && c.isFinite, "Gelu erf divisor must be positive and finite, got \(c)")
            kappa = (2.0).squareRoot() / c
            derivativeFactor = 1 / (c * Self.sqrtPi)
            curvatureLayout = CurvaturePiece.layout(inflections: [-c, c], radius: 0,
                                                    curvatures: [.concave, .convex, .concave])
        case .multiplied(let m):
            precondition(m > 0 && m.isFinite, "Gelu erf multiplier must be positive and finite, got \(m)")
            kappa = (2.0).squareRoot() * m
            derivativeFactor = m / Self.sqrtPi
            let p = 1 / m
            curvatureLayout = CurvaturePiece.layout(inflections: [-p, p], radius: (p * 0x1p-52).nextUp,
                                                    curvatures: [.concave, .convex, .concave])
        }
        let x = Self.minimumLocation / kappa
        let radius = ((CriticalPointSolver.defaultRadius / kappa).nextUp + abs(x) * 0x1p-50).nextUp
        minimumPoint = CriticalPoint(kind: .minimum, location: x, locationRadius: radius,
                                     valueMargin: (0.4 * kappa * radius * radius).nextUp)
    }

    public var name: String { "Gelu" }

    static let inverseSqrt2 = 0.7071067811865476
    static let inverseSqrt2Pi = 0.3989422804014327
    static let sqrtPi = 1.7724538509055159

    @inline(__always)
    func argument(_ x: Double) -> Double {
        switch erfArgument {
        case .standard: x * Self.inverseSqrt2
        case .divided(let c): x / c
        case .multiplied(let m): x * m
        }
    }

    public func value(_ x: Double) -> Double {
        if x.isInfinite { return x > 0 ? x : 0 }
        let t = argument(x)
        if x >= 0 { return 0.5 * x * (1 + Double.erf(t)) }
        return 0.5 * x * Double.erfc(-t)
    }

    public func derivative(_ x: Double) -> Double {
        if x.isInfinite { return x > 0 ? 1 : 0 }
        let t = argument(x)
        return 0.5 * Double.erfc(-t) + x * derivativeFactor * Double.exp(-t * t)
    }

    public var valueRange: ClosedRange<Double> { (-0.17 / kappa).nextDown...Double.infinity }
    public var monotonicity: Monotonicity { .nonMonotone }
    public var accuracy: ValueAccuracy { .bounded(relative: 0x1p-40, absolute: 0) }

    /// f′ of the standard GELU (no instance needed, so the static constants can use it).
    static func standardDerivative(_ x: Double) -> Double {
        0.5 * Double.erfc(-x * inverseSqrt2) + x * inverseSqrt2Pi * Double.exp(-0.5 * x * x)
    }

    static let minimumLocation: Double = CriticalPointSolver.root(of: standardDerivative, in: -1, -0.5)
    static let standardMinimum = CriticalPoint(kind: .minimum, location: minimumLocation,
                                               locationRadius: CriticalPointSolver.defaultRadius, valueMargin: 0x1p-61)
    static let standardCurvature = CurvaturePiece.layout(
        inflections: [-(2.0).squareRoot(), (2.0).squareRoot()], radius: 0x1p-52,
        curvatures: [.concave, .convex, .concave])

    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {
        if minimumPoint.mayLie(in: lower, upper) { points.append(minimumPoint) }
    }

    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        CurvaturePiece.clip(curvatureLayout, to: lower, upper)
    }
}

/// GELU with the tanh approximation, f(x) = ½·x·(1 + tanh(√(2/π)·(x + 0.044715x³))) (ONNX `Gelu`,
/// approximate = "tanh"), evaluated as x·σ(2z) with z = √(2/π)(x + 0.044715x³) — the same number,
/// since ½(1 + tanh z) = σ(2z), but without the cancellation of 1 + tanh z for negative z. The
/// cubic adds terms of one sign, so z carries ≤ 7u relative error.
///
/// Accuracy: σ(s) has relative condition |s|·σ(−s) ≤ 745 while σ(s) is normal, so the relative
/// error is ≤ 745·7u + libm < 2⁻³⁹; below that the true |f| < 2⁻¹⁰⁰⁰ (underflow slack).
///
/// Facts (f″ even, as f(x) − f(−x) = x): global minimum at x* ≈ −0.75246142207101626,
/// f(x*) ≈ −0.17004075057125405; inflections ±1.4185040087908284 (concave, convex, concave; checked
/// numerically with 400-digit arithmetic on [−23, 23], and asymptotically f″ < 0 beyond); both
/// computed once by certified bisection with radius r = 2⁻³⁰; sup|f″| < 0.8 so the value margin is
/// ½·0.8·r² < 2⁻⁶¹; image [−0.171, ∞).
public struct GeluTanh: ScalarActivation {
    public init() {}
    public var name: String { "Gelu" }

    static let twoC = 1.5957691216057308  // 2·√(2/π)
    static let k = 0.044715

    @inline(__always)
    static func argument(_ x: Double) -> Double { twoC * (x + k * (x * x * x)) }

    public func value(_ x: Double) -> Double {
        if x.isInfinite { return x > 0 ? x : 0 }
        return x * Logistic.sigmoid(Self.argument(x))
    }

    public func derivative(_ x: Double) -> Double {
        if x.isInfinite { return x > 0 ? 1 : 0 }
        let s = Self.argument(x)
        let d = Logistic.sigmoidDerivative(s)
        if d == 0 { return Logistic.sigmoid(s) }
        return Logistic.sigmoid(s) + x * d * Self.twoC * (1 + 3 * Self.k * x * x)
    }

    /// f″/σ′(s) = 2s′ + x·(s″ − tanh(s/2)·s′²), with s′ = 2c(1 + 3kx²), s″ = 12ckx.
    static func curvatureSign(_ x: Double) -> Double {
        let s = argument(x)
        let s1 = twoC * (1 + 3 * k * x * x)
        let s2 = twoC * 6 * k * x
        return 2 * s1 + x * (s2 - Double.tanh(s / 2) * s1 * s1)
    }

    public var valueRange: ClosedRange<Double> { -0.171...Double.infinity }
    public var monotonicity: Monotonicity { .nonMonotone }
    public var accuracy: ValueAccuracy { .bounded(relative: 0x1p-39, absolute: 0) }

    static let minimumLocation: Double = CriticalPointSolver.root(of: { GeluTanh().derivative($0) }, in: -1, -0.5)
    static let inflectionLocation: Double = CriticalPointSolver.root(of: curvatureSign, in: 1, 2)
    static let minimumPoint = CriticalPoint(kind: .minimum, location: minimumLocation,
                                            locationRadius: CriticalPointSolver.defaultRadius, valueMargin: 0x1p-61)
    static let curvatureLayout = CurvaturePiece.layout(
        inflections: [-inflectionLocation, inflectionLocation], radius: CriticalPointSolver.defaultRadius,
        curvatures: [.concave, .convex, .concave])

    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {
        CriticalPoint.append([Self.minimumPoint], in: lower, upper, to: &points)
    }

    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        CurvaturePiece.clip(Self.curvatureLayout, to: lower, upper)
    }
}
