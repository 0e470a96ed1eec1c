/// HardSigmoid, f(x) = max(0, min(1, α·x + β)) (ONNX `HardSigmoid`; defaults α = 0.2 as float32,
/// β = 0.5).
///
/// Facts: nondecreasing for α > 0, nonincreasing for α < 0, constant for α = 0; image [0, 1];
/// for α > 0 convex up to x_m = (0.5 − β)/α (the lower kink raises the slope) and concave after
/// (mirrored for α < 0); f′ = α strictly between the kinks and 0 elsewhere (Clarke element at kinks).
///
/// Accuracy: α·x + β can cancel (the kink at αx = −β), so a relative model is impossible. Absolute:
/// with z = fl(fl(αx) + β), |z − (αx+β)| ≤ u·|αx|·(1+u) + u·|αx+β|. Clamping to [0, 1] is exact and
/// 1-Lipschitz, and the result can differ from the exact one only when αx + β lies within that error
/// of [0, 1], i.e. |αx| ≤ (1 + |β|)(1 + 2u); hence |error| ≤ u·(2 + |β|)·(1 + 3u) ≤ 2⁻⁵¹·(2 + |β|).
public struct HardSigmoid: ScalarActivation {
    public let alpha: Double
    public let beta: Double

    public init(alpha: Double, beta: Double) {
        self.alpha = alpha
        self.beta = beta
    }

    public var name: String { "HardSigmoid" }

    public func value(_ x: Double) -> Double {
        let z = alpha == 0 ? beta : alpha * x + beta
        return z <= 0 ? 0 : (z >= 1 ? 1 : z)
    }

    public func derivative(_ x: Double) -> Double {
        let z = alpha * x + beta
        return z > 0 && z < 1 ? alpha : 0
    }

    public var valueRange: ClosedRange<Double> {
        if alpha == 0 { let c = value(0); return c...c }
        return 0...1
    }

    public var monotonicity: Monotonicity {
        alpha > 0 ? .nondecreasing : (alpha < 0 ? .nonincreasing : .constant)
    }

    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {}

    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        let layout: [CurvaturePiece]
        if alpha == 0 {
            layout = CurvaturePiece.whole(.linear)
        } else {
            // x_m lies strictly between the kinks −β/α and (1−β)/α (0.5/|α| away from each) as long
            // as its rounding error 2u·|0.5 − β|/|α| is below 0.5/|α|.
            let mid = (0.5 - beta) / alpha
            if mid.isFinite && abs(0.5 - beta) < 0x1p40 {
                layout = CurvaturePiece.layout(breaks: [mid], curvatures: alpha > 0 ? [.convex, .concave] : [.concave, .convex])
            } else {
                layout = CurvaturePiece.whole(.mixed)
            }
        }
        return CurvaturePiece.clip(layout, to: lower, upper)
    }

    public var accuracy: ValueAccuracy {
        alpha == 0 ? .exact : .bounded(relative: 0, absolute: 0x1p-51 * (2 + abs(beta)))
    }
}
