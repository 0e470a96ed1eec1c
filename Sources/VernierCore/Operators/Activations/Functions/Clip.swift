/// Clip, f(x) = min(max(x, lo), hi) (ONNX `Clip`; an absent bound is ±∞). When lo > hi every value
/// becomes hi, as the ONNX definition Min(max, Max(input, min)) says.
///
/// Facts: exact (selections only); nondecreasing (constant when lo ≥ hi); image [min(lo, hi), hi];
/// convex up to the midpoint of [lo, hi] (the kink at lo raises the slope) and concave from there
/// (the kink at hi lowers it). f′ is 1 strictly inside (lo, hi) and 0 elsewhere, including at the
/// kinks (in the Clarke gradient [0, 1]).
public struct Clip: ScalarActivation {
    public let lower: Double
    public let upper: Double

    public init(lower: Double = -.infinity, upper: Double = .infinity) {
        self.lower = lower
        self.upper = upper
    }

    public var name: String { "Clip" }

    public func value(_ x: Double) -> Double {
        let t = x < lower ? lower : x
        return t > upper ? upper : t
    }

    public func derivative(_ x: Double) -> Double { x > lower && x < upper ? 1 : 0 }

    public var valueRange: ClosedRange<Double> { min(lower, upper)...upper }

    public var monotonicity: Monotonicity { lower < upper ? .nondecreasing : .constant }

    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {}

    public func curvature(in l: Double, _ u: Double) -> [CurvaturePiece] {
        let layout: [CurvaturePiece]
        if lower >= upper || (lower == -.infinity && upper == .infinity) {
            layout = CurvaturePiece.whole(.linear)
        } else if lower == -.infinity {
            layout = CurvaturePiece.whole(.concave)
        } else if upper == .infinity {
            layout = CurvaturePiece.whole(.convex)
        } else {
            // Any split point in [lower, upper] works: each kink then sits in the piece it suits.
            let mid = min(max(lower + (upper - lower) / 2, lower), upper)
            layout = CurvaturePiece.layout(breaks: [mid], curvatures: [.convex, .concave])
        }
        return CurvaturePiece.clip(layout, to: l, u)
    }

    public var accuracy: ValueAccuracy { .exact }
}
