/// The logistic sigmoid σ(x) = 1/(1 + e^−x) (ONNX `Sigmoid`).
///
/// Facts: increasing; image [0, 1]; convex on (−∞, 0], concave on [0, ∞) (σ″ = σ′·(1 − 2σ), whose
/// sign changes only at the exact inflection 0). Accuracy: libm — exp is only taken of −|x| and the
/// remaining division and addition do not cancel (`Logistic.sigmoid`). σ′ = σ(x)·σ(−x).
public struct Sigmoid: ScalarActivation {
    public init() {}
    public var name: String { "Sigmoid" }
    public func value(_ x: Double) -> Double { Logistic.sigmoid(x) }
    public func derivative(_ x: Double) -> Double { Logistic.sigmoidDerivative(x) }
    public var valueRange: ClosedRange<Double> { 0...1 }
    public var monotonicity: Monotonicity { .increasing }
    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {}
    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        CurvaturePiece.clip(CurvaturePiece.layout(breaks: [0], curvatures: [.convex, .concave]), to: lower, upper)
    }
}
