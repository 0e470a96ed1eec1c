/// The absolute value (ONNX `Abs`).
///
/// Facts: exact; decreasing then increasing with its minimum f(0) = 0 at the exact point 0; convex;
/// image [0, ∞). f′(0) is taken as 0 (in the Clarke gradient [−1, 1]).
public struct Abs: ScalarActivation {
    public init() {}
    public var name: String { "Abs" }
    public func value(_ x: Double) -> Double { abs(x) }
    public func derivative(_ x: Double) -> Double { x > 0 ? 1 : (x < 0 ? -1 : 0) }
    public var valueRange: ClosedRange<Double> { 0...Double.infinity }
    public var monotonicity: Monotonicity { .nonMonotone }
    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {
        if lower <= 0, upper >= 0 { points.append(CriticalPoint(kind: .minimum, location: 0, exactValue: 0)) }
    }
    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        CurvaturePiece.clip(CurvaturePiece.whole(.convex), to: lower, upper)
    }
    public var accuracy: ValueAccuracy { .exact }
}
