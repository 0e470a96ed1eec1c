import RealModule

/// The facts shared by the exponential linear units (Elu, Selu, Celu): f is linear with slope
/// `rightSlope` on [0, ∞) and on (−∞, 0] has the form c·expm1(x/s) with f′ = leftSlopeAtZero·e^{x/s},
/// so f′ keeps one sign on each side and f″ has the sign of `leftCurvatureSign` on x < 0.
/// f(0) = 0 and the limit at −∞ is `leftLimit`.
struct ExponentialLinearFacts: Sendable {
    var leftSlopeAtZero: Double
    var rightSlope: Double
    var leftCurvatureSign: Double
    var leftLimit: Double

    var monotonicity: Monotonicity {
        let l = leftSlopeAtZero.sign01, r = rightSlope.sign01
        switch (l, r) {
        case (1, 1): return .increasing
        case (-1, -1): return .decreasing
        case (0, 0): return .constant
        case (0, 1), (1, 0): return .nondecreasing
        case (0, -1), (-1, 0): return .nonincreasing
        default: return .nonMonotone
        }
    }

    /// The kink at 0 is the only possible interior extremum (f is strictly monotone on each side).
    func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {
        guard monotonicity == .nonMonotone, lower <= 0, upper >= 0 else { return }
        points.append(CriticalPoint(kind: leftSlopeAtZero < 0 ? .minimum : .maximum, location: 0, exactValue: 0))
    }

    var curvatureLayout: [CurvaturePiece] {
        let left: Curvature = leftCurvatureSign > 0 ? .convex : (leftCurvatureSign < 0 ? .concave : .linear)
        return CurvaturePiece.kinkAtZero(left: left, right: .linear, slopeJump: rightSlope - leftSlopeAtZero)
    }

    /// Hull of the monotone pieces' end values: leftLimit (at −∞), 0 (at 0) and the limit at +∞;
    /// a finite nonzero `leftLimit` is a rounded product, so it is stepped outward.
    var valueRange: ClosedRange<Double> {
        let right = rightSlope > 0 ? Double.infinity : (rightSlope < 0 ? -Double.infinity : 0)
        let lowEnd = leftLimit.isFinite && leftLimit != 0 ? leftLimit.nextDown : leftLimit
        let highEnd = leftLimit.isFinite && leftLimit != 0 ? leftLimit.nextUp : leftLimit
        return min(lowEnd, 0, right)...max(highEnd, 0, right)
    }
}

extension Double {
    /// −1, 0 or 1 (0 for NaN).
    var sign01: Int { self > 0 ? 1 : (self < 0 ? -1 : 0) }
}

/// ELU, f(x) = x for x ≥ 0 and α·(eˣ − 1) for x < 0 (ONNX `Elu`, default α = 1), evaluated as
/// α·expm1(x) so small negative x lose no digits.
///
/// Facts: libm accuracy (one expm1 and one product); for α > 0 increasing, convex when α ≤ 1 and
/// otherwise convex on (−∞, 0] and linear on [0, ∞) (the slope falls from α to 1 at 0); for α < 0
/// decreasing then increasing with minimum f(0) = 0. f′(0) is taken as 1.
public struct Elu: ScalarActivation {
    public let alpha: Double
    public init(alpha: Double) { self.alpha = alpha }

    public var name: String { "Elu" }
    public func value(_ x: Double) -> Double { x < 0 ? alpha * Double.expMinusOne(x) : x }
    public func derivative(_ x: Double) -> Double { x < 0 ? alpha * Double.exp(x) : 1 }

    var facts: ExponentialLinearFacts {
        ExponentialLinearFacts(leftSlopeAtZero: alpha, rightSlope: 1, leftCurvatureSign: alpha, leftLimit: -alpha)
    }
    public var valueRange: ClosedRange<Double> { facts.valueRange }
    public var monotonicity: Monotonicity { facts.monotonicity }
    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {
        facts.appendCriticalPoints(in: lower, upper, to: &points)
    }
    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        CurvaturePiece.clip(facts.curvatureLayout, to: lower, upper)
    }
}

/// SELU, f(x) = γ·x for x > 0 and γ·(α·eˣ − α) for x ≤ 0 (ONNX `Selu`; defaults are the float32
/// values α = 1.6732632, γ = 1.0507010 that ONNX declares), evaluated as γ·(α·expm1(x)).
///
/// Facts: libm accuracy; the same structure as ELU scaled by γ (left slope γα, right slope γ).
/// f′(0) is taken as γ (the right derivative, in the Clarke gradient).
public struct Selu: ScalarActivation {
    public let alpha: Double
    public let gamma: Double
    public init(alpha: Double, gamma: Double) {
        self.alpha = alpha
        self.gamma = gamma
    }

    public var name: String { "Selu" }
    public func value(_ x: Double) -> Double { x > 0 ? gamma * x : gamma * (alpha * Double.expMinusOne(x)) }
    public func derivative(_ x: Double) -> Double { x < 0 ? gamma * alpha * Double.exp(x) : gamma }

    var facts: ExponentialLinearFacts {
        ExponentialLinearFacts(leftSlopeAtZero: gamma * alpha, rightSlope: gamma,
                               leftCurvatureSign: (gamma * alpha).isNaN ? 0 : gamma * alpha, leftLimit: -(gamma * alpha))
    }
    public var valueRange: ClosedRange<Double> { facts.valueRange }
    public var monotonicity: Monotonicity { facts.monotonicity }
    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {
        facts.appendCriticalPoints(in: lower, upper, to: &points)
    }
    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        CurvaturePiece.clip(facts.curvatureLayout, to: lower, upper)
    }
}

/// CELU, f(x) = max(0, x) + min(0, α·(exp(x/α) − 1)) (ONNX `Celu`, default α = 1, α ≠ 0),
/// evaluated as x for x ≥ 0 and α·expm1(x/α) for x < 0 (equal: α·expm1(x/α) < 0 there for any α ≠ 0).
///
/// Facts: increasing for every α (f′ = e^{x/α} > 0 on x < 0, 1 on x > 0, continuous at 0);
/// convex for α > 0, concave for α < 0. Accuracy: expm1 has relative condition ≤ 1 on x/α < 0 and
/// the rounding of x/α is relative, so the libm model holds except when x/α underflows to a
/// subnormal, whose absolute error 2⁻¹⁰⁷⁵ becomes |α|·2⁻¹⁰⁷⁵ after the product; the model adds
/// |α|·2⁻¹⁰⁷⁰ absolute for that.
public struct Celu: ScalarActivation {
    public let alpha: Double
    public init(alpha: Double) { self.alpha = alpha }

    public var name: String { "Celu" }
    public func value(_ x: Double) -> Double { x < 0 ? alpha * Double.expMinusOne(x / alpha) : x }
    public func derivative(_ x: Double) -> Double { x < 0 ? Double.exp(x / alpha) : 1 }

    var facts: ExponentialLinearFacts {
        ExponentialLinearFacts(leftSlopeAtZero: 1, rightSlope: 1, leftCurvatureSign: alpha,
                               leftLimit: alpha > 0 ? -alpha : -Double.infinity)
    }
    public var valueRange: ClosedRange<Double> { facts.valueRange }
    public var monotonicity: Monotonicity { facts.monotonicity }
    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {}
    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        CurvaturePiece.clip(facts.curvatureLayout, to: lower, upper)
    }
    public var accuracy: ValueAccuracy {
        .bounded(relative: 0x1p-44, absolute: (abs(alpha) * 0x1p-1070).nextUp)
    }
}
