/// The square root (ONNX `Sqrt`), defined for x ≥ 0; NaN for x < 0 as in onnxruntime.
///
/// Facts: correctly rounded (IEEE `sqrt`, one operation); increasing; concave on [0, ∞); image
/// [0, ∞). sqrt′ = 1/(2√x), +∞ at 0 (the one-sided derivative).
public struct Sqrt: ScalarActivation {
    public init() {}
    public var name: String { "Sqrt" }
    public func value(_ x: Double) -> Double { x.squareRoot() }
    public func derivative(_ x: Double) -> Double { 0.5 / x.squareRoot() }
    public var domain: ActivationDomain { .nonNegative }
    public var valueRange: ClosedRange<Double> { 0...Double.infinity }
    public var monotonicity: Monotonicity { .increasing }
    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {}
    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        CurvaturePiece.clip([CurvaturePiece(lower: 0, upper: .infinity, curvature: .concave)], to: lower, upper)
    }
    public var accuracy: ValueAccuracy { .roundedOperations(1) }
}
