/// Softsign, f(x) = x/(1 + |x|) (ONNX `Softsign`).
///
/// Facts: two correctly rounded operations (1 + |x| adds non-negative numbers, then a division), so
/// the relative error is at most γ₂; increasing; image [−1, 1]; convex on (−∞, 0], concave on
/// [0, ∞) (f″ = −2·sign(x)/(1 + |x|)³); f′ = 1/(1 + |x|)². At ±∞ `value` returns the limits ±1.
public struct Softsign: ScalarActivation {
    public init() {}
    public var name: String { "Softsign" }
    public func value(_ x: Double) -> Double {
        if x.isInfinite { return x > 0 ? 1 : -1 }
        return x / (1 + abs(x))
    }
    public func derivative(_ x: Double) -> Double {
        let d = 1 + abs(x)
        return 1 / (d * d)
    }
    public var valueRange: ClosedRange<Double> { -1...1 }
    public var monotonicity: Monotonicity { .increasing }
    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {}
    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        CurvaturePiece.clip(CurvaturePiece.layout(breaks: [0], curvatures: [.convex, .concave]), to: lower, upper)
    }
    public var accuracy: ValueAccuracy { .roundedOperations(2) }
}
