/// Softplus, f(x) = log(1 + eˣ) (ONNX `Softplus`), evaluated as max(x, 0) + log1p(e^−|x|): a sum of
/// two non-negative terms, so libm accuracy holds and nothing overflows for large x.
///
/// Facts: increasing; convex (f″ = σ′ > 0); image [0, ∞); f′ = σ.
public struct Softplus: ScalarActivation {
    public init() {}
    public var name: String { "Softplus" }
    public func value(_ x: Double) -> Double { Logistic.softplus(x) }
    public func derivative(_ x: Double) -> Double { Logistic.sigmoid(x) }
    public var valueRange: ClosedRange<Double> { 0...Double.infinity }
    public var monotonicity: Monotonicity { .increasing }
    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {}
    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        CurvaturePiece.clip(CurvaturePiece.whole(.convex), to: lower, upper)
    }
}
