import VernierCore
import VernierBounds

/// Interval bound of y = g·δ, δ in the Clarke set of the pre-activation's interval: the product of
/// [g] with [min δ, max δ]. Slopes 0 and 1 multiply exactly (and keep infinite g from forming
/// 0·∞); any other slope goes through `IntervalMath.multiply`, which rounds outward.
extension PiecewiseLinearGate: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        let g = inputs[0], z = inputs[1]
        var lower = g.lower.data, upper = g.upper.data
        let perSample = max(1, Shape.count(Array(g.shape.dropFirst())))
        for i in lower.indices {
            let (d1, d2) = slopes(z.lower.data[i], z.upper.data[i], element: i % perSample)
            let gl = g.lower.data[i], gu = g.upper.data[i]
            if d1 == d2 && (d1 == 0 || d1 == 1) {
                lower[i] = d1 == 0 ? 0 : gl
                upper[i] = d1 == 0 ? 0 : gu
            } else if d1 == 0 && d2 == 1 {
                // ReLU's unstable case: g·δ lies between min(g, 0) and max(g, 0).
                lower[i] = min(gl, 0)
                upper[i] = max(gu, 0)
            } else {
                let (lo, hi) = IntervalMath.multiply(gl, gu, d1, d2)
                lower[i] = lo.isNaN ? -.infinity : lo
                upper[i] = hi.isNaN ? .infinity : hi
            }
        }
        return IntervalTensor(lower: Tensor(shape: g.shape, data: lower), upper: Tensor(shape: g.shape, data: upper))
    }
}
