/// The reciprocal 1/x (ONNX `Reciprocal`), defined for x ≠ 0.
///
/// At ±0 `value` returns ±∞ (IEEE division, as onnxruntime), which is the one-sided limit from the
/// side the sign of zero names. Facts: correctly rounded (one division); decreasing on each of
/// (−∞, 0) and (0, ∞); concave on (−∞, 0), convex on (0, ∞); 1/x′ = −1/x².
public struct Reciprocal: ScalarActivation {
    public init() {}
    public var name: String { "Reciprocal" }
    public func value(_ x: Double) -> Double { 1 / x }
    public func derivative(_ x: Double) -> Double { -1 / (x * x) }
    public var domain: ActivationDomain { .nonZero }
    public var monotonicity: Monotonicity { .decreasing }
    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {}
    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        CurvaturePiece.clip([CurvaturePiece(lower: -.infinity, upper: 0, curvature: .concave),
                             CurvaturePiece(lower: 0, upper: .infinity, curvature: .convex)], to: lower, upper)
    }
    public var accuracy: ValueAccuracy { .roundedOperations(1) }
}
