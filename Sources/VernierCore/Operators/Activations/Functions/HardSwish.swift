/// HardSwish, f(x) = x·max(0, min(1, x/6 + 1/2)) (ONNX `HardSwish`, α = 1/6, β = 1/2).
///
/// Facts: f = 0 on (−∞, −3], x(x + 3)/6 on [−3, 3], x on [3, ∞); minimum f(−1.5) = −0.375, an exact
/// point and value; linear, convex, linear on those three pieces (both kinks lower the slope, so
/// the pieces do not merge); image [−0.375, ∞). f′ = x/3 + 1/2 inside (−3, 3), 0 below, 1 above
/// (Clarke elements at the kinks).
///
/// Accuracy: h = fl(fl(x/6) + 0.5) can cancel near x = −3; on the active range |x| ≤ 3(1 + 2u),
/// |h − (x/6 + ½)| ≤ 1.51u, clamping is exact and 1-Lipschitz, and the product adds u·|f|; so
/// |error| ≤ 3.01·1.51u + 1.01u·|f| ≤ 2⁻⁵⁰ + 2⁻⁵²·|f|. Outside that range h clamps to exactly 0 or 1
/// (rounding is monotone) and the result is exact.
public struct HardSwish: ScalarActivation {
    public init() {}
    public var name: String { "HardSwish" }

    public func value(_ x: Double) -> Double {
        let h = x / 6 + 0.5
        if h <= 0 { return 0 }
        return h >= 1 ? x : x * h
    }

    public func derivative(_ x: Double) -> Double {
        let h = x / 6 + 0.5
        if h <= 0 { return 0 }
        return h >= 1 ? 1 : x / 3 + 0.5
    }

    public var valueRange: ClosedRange<Double> { -0.375...Double.infinity }
    public var monotonicity: Monotonicity { .nonMonotone }

    static let minimum = CriticalPoint(kind: .minimum, location: -1.5, exactValue: -0.375)

    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {
        CriticalPoint.append([Self.minimum], in: lower, upper, to: &points)
    }

    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        CurvaturePiece.clip(CurvaturePiece.layout(breaks: [-3, 3], curvatures: [.linear, .convex, .linear]), to: lower, upper)
    }

    public var accuracy: ValueAccuracy { .bounded(relative: 0x1p-52, absolute: 0x1p-50) }
}
