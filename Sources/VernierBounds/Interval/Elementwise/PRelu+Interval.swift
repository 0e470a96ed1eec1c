import VernierCore

/// IBP for PRelu, `f(x) = x` for `x ≥ 0` and `s·x` for `x < 0`, with any sign of slope `s`.
///
/// Enclosure: `f` is linear on each side of 0 and continuous, so its extremes over `[l, u]` are
/// among `f(l)`, `f(u)` and, when `l < 0 < u`, `f(0) = 0`. (For `s ≥ 0` `f` is monotone and 0 never
/// changes the result; for `s < 0` the minimum may be 0.)
/// Rounding: the identity piece is exact; each `s·x` is one correctly rounded multiplication,
/// stepped one ulp outward on the side it bounds.
extension PRelu: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        typealias R = ElementwiseRounding
        let x = inputs[0]
        let n = expandedSlope.count
        var lo = x.lower.data, hi = x.upper.data
        expandedSlope.withUnsafeBufferPointer { ps in
            for i in lo.indices {
                let l = lo[i], u = hi[i], s = ps[i % n]
                let fl = l >= 0 ? (l, l) : (R.down(R.times(s, l)), R.up(R.times(s, l)))
                let fu = u >= 0 ? (u, u) : (R.down(R.times(s, u)), R.up(R.times(s, u)))
                var a = min(fl.0, fu.0), b = max(fl.1, fu.1)
                if l < 0 && u > 0 { a = min(a, 0); b = max(b, 0) }
                lo[i] = a
                hi[i] = b
            }
        }
        return IntervalTensor(lower: Tensor(shape: x.shape, data: lo), upper: Tensor(shape: x.shape, data: hi))
    }
}
