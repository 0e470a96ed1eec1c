/// Leaky ReLU, f(x) = x for x ≥ 0 and α·x for x < 0 (ONNX `LeakyRelu`, default α = 0.01 as float32).
///
/// Facts: one rounding (α·x), exact when α ∈ {0, 1}; increasing for α > 0, nondecreasing for α = 0,
/// and for α < 0 decreasing then increasing with its minimum f(0) = 0 at the exact point 0; convex
/// when α ≤ 1 (slope rises from α to 1 at 0), concave when α > 1. f′(0) is taken as 1 (in the
/// Clarke gradient, the hull of {α, 1}).
public struct LeakyRelu: ScalarActivation {
    public let alpha: Double

    public init(alpha: Double) { self.alpha = alpha }

    public var name: String { "LeakyRelu" }
    public func value(_ x: Double) -> Double { x < 0 ? (alpha == 0 ? 0 : alpha * x) : x }
    public func derivative(_ x: Double) -> Double { x < 0 ? alpha : 1 }

    public var valueRange: ClosedRange<Double> {
        alpha > 0 ? -Double.infinity...Double.infinity : 0...Double.infinity
    }

    public var monotonicity: Monotonicity {
        alpha > 0 ? .increasing : (alpha == 0 ? .nondecreasing : .nonMonotone)
    }

    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {
        if alpha < 0, lower <= 0, upper >= 0 {
            points.append(CriticalPoint(kind: .minimum, location: 0, exactValue: 0))
        }
    }

    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        // Two linear pieces (see Relu): exact on either side, and the kink is a piece boundary.
        CurvaturePiece.clip(CurvaturePiece.layout(breaks: [0], curvatures: [.linear, .linear]), to: lower, upper)
    }

    public var accuracy: ValueAccuracy { alpha == 0 || alpha == 1 ? .exact : .roundedOperations(1) }
}
