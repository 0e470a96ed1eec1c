import RealModule

/// The natural logarithm (ONNX `Log`), defined for x > 0.
///
/// Outside the domain `value` returns NaN for x < 0 and −∞ at ±0 (the limit from the right), as
/// onnxruntime does. Facts: increasing; concave; libm accuracy; log′ = 1/x.
public struct Log: ScalarActivation {
    public init() {}
    public var name: String { "Log" }
    public func value(_ x: Double) -> Double { x == 0 ? -Double.infinity : Double.log(x) }
    public func derivative(_ x: Double) -> Double { 1 / x }
    public var domain: ActivationDomain { .positive }
    public var monotonicity: Monotonicity { .increasing }
    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {}
    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        CurvaturePiece.clip([CurvaturePiece(lower: 0, upper: .infinity, curvature: .concave)], to: lower, upper)
    }
}
