import RealModule

/// The error function (ONNX `Erf`).
///
/// Facts: increasing; image [−1, 1]; convex on (−∞, 0], concave on [0, ∞) (erf″ = −(4x/√π)e^{−x²});
/// libm accuracy; erf′ = (2/√π)·e^{−x²}.
public struct Erf: ScalarActivation {
    public init() {}
    public var name: String { "Erf" }
    public func value(_ x: Double) -> Double { Double.erf(x) }
    public func derivative(_ x: Double) -> Double { 1.1283791670955126 * Double.exp(-x * x) }
    public var valueRange: ClosedRange<Double> { -1...1 }
    public var monotonicity: Monotonicity { .increasing }
    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {}
    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        CurvaturePiece.clip(CurvaturePiece.layout(breaks: [0], curvatures: [.convex, .concave]), to: lower, upper)
    }
}
