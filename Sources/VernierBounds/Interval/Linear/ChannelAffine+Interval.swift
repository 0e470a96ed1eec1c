import VernierCore

/// Enclosure of `y = a·x + c` (one `a`, `c` per channel) over `x ∈ [l, u]`.
///
/// **Proof.** `a·x + c` is monotone in `x`: increasing for `a ≥ 0`, decreasing for `a < 0`, so its
/// range over `[l, u]` is `[a·l + c, a·u + c]` or `[a·u + c, a·l + c]`. The bound is computed with
/// two correctly rounded operations per end, each stepped one ulp outward (`down(down(a·x) + c)`),
/// which encloses the exact real value of each. It also encloses the forward value `fl(fl(a·x) + c)`
/// (or its FMA form) since rounding is monotone.
extension ChannelAffine: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        let box = inputs[0]
        let inner = inner(of: box.shape)
        var lo = [Double](repeating: 0, count: box.count)
        var hi = [Double](repeating: 0, count: box.count)
        let block = channels * inner
        if block > 0 {
            let l = box.lower.data, u = box.upper.data
            var start = 0
            while start < box.count {
                for ch in 0..<channels {
                    let a = scale[ch], c = shift[ch]
                    let base = start + ch * inner
                    for i in base..<(base + inner) {
                        let (from, to) = a >= 0 ? (l[i], u[i]) : (u[i], l[i])
                        lo[i] = ((a * from).nextDown + c).nextDown
                        hi[i] = ((a * to).nextUp + c).nextUp
                    }
                }
                start += block
            }
        }
        return IntervalTensor(lower: Tensor(shape: box.shape, data: lo), upper: Tensor(shape: box.shape, data: hi))
    }
}
