import RealModule

/// The exponential (ONNX `Exp`). Facts: increasing; convex; image [0, ∞); libm accuracy
/// (overflow to +∞ beyond x ≈ 709.78 is handled by the bound engines as "larger than any double").
public struct Exp: ScalarActivation {
    public init() {}
    public var name: String { "Exp" }
    public func value(_ x: Double) -> Double { Double.exp(x) }
    public func derivative(_ x: Double) -> Double { Double.exp(x) }
    public var valueRange: ClosedRange<Double> { 0...Double.infinity }
    public var monotonicity: Monotonicity { .increasing }
    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {}
    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        CurvaturePiece.clip(CurvaturePiece.whole(.convex), to: lower, upper)
    }
}
