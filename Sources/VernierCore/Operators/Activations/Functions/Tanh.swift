import RealModule

/// The hyperbolic tangent (ONNX `Tanh`).
///
/// Facts: increasing; image [−1, 1]; convex on (−∞, 0], concave on [0, ∞) (tanh″ = −2·tanh·sech²);
/// libm accuracy (one libm call). tanh′ = sech², computed as 4e^−2|x|/(1 + e^−2|x|)² so it neither
/// overflows nor cancels.
public struct Tanh: ScalarActivation {
    public init() {}
    public var name: String { "Tanh" }
    public func value(_ x: Double) -> Double { Double.tanh(x) }
    public func derivative(_ x: Double) -> Double { Logistic.sech2(x) }
    public var valueRange: ClosedRange<Double> { -1...1 }
    public var monotonicity: Monotonicity { .increasing }
    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {}
    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        CurvaturePiece.clip(CurvaturePiece.layout(breaks: [0], curvatures: [.convex, .concave]), to: lower, upper)
    }
}
