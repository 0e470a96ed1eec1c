/// ReLU, f(x) = max(x, 0) (ONNX `Relu`).
///
/// Facts: exact in floating point; nondecreasing; affine on (−∞, 0] and on [0, ∞) — declared as two
/// linear pieces rather than one convex piece, so that bound engines treat an interval on one side
/// as exactly linear and evaluate a piecewise-linear max at the kink exactly; image [0, ∞). f′(0) is taken as 0, an element of the Clarke gradient [0, 1].
public struct Relu: ScalarActivation {
    public init() {}
    public var name: String { "Relu" }
    public func value(_ x: Double) -> Double { x < 0 ? 0 : x }
    public func derivative(_ x: Double) -> Double { x > 0 ? 1 : 0 }
    public var valueRange: ClosedRange<Double> { 0...Double.infinity }
    public var monotonicity: Monotonicity { .nondecreasing }
    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {}
    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        CurvaturePiece.clip(CurvaturePiece.layout(breaks: [0], curvatures: [.linear, .linear]), to: lower, upper)
    }
    public var accuracy: ValueAccuracy { .exact }
}
