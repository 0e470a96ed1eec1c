/// Walking the windows of every plane of a batched operand `[..., C] + inputSpatial` (planes of
/// `inputPlane` values, results `outputPlane` values per plane), the loops shared by the pools'
/// evaluation, gradients and interval bounds.
extension PoolingWindows {
    /// Calls `body(base, window, output, taps)` for every window of every plane of an operand of
    /// `count` values, plane by plane and in window order: `base` is the plane's first flat input
    /// index, `output` the window's flat result index, and `taps` the window's range in `sources`
    /// (its inputs are `base + sources[i]`, `i` in `taps`, in kernel-tap order).
    func forEachWindow(count: Int, _ body: (_ base: Int, _ window: Int, _ output: Int, _ taps: Range<Int>) -> Void) {
        let inPlane = inputPlane, outPlane = outputPlane
        let planes = inPlane == 0 ? 0 : count / inPlane
        for plane in 0..<planes {
            for p in 0..<outPlane {
                body(plane * inPlane, p, plane * outPlane + p, Int(offsets[p])..<Int(offsets[p + 1]))
            }
        }
    }

    /// One value per window of every plane of `x`: `reduce(value, n)` for a window of `n` taps,
    /// where `value(i)` is the input under its `i`-th tap (in kernel-tap order, padding left out).
    func reduceWindows(_ x: [Double], _ reduce: (_ value: (Int) -> Double, _ n: Int) -> Double) -> [Double] {
        let planes = inputPlane == 0 ? 0 : x.count / inputPlane
        var y = [Double](repeating: 0, count: planes * outputPlane)
        x.withUnsafeBufferPointer { xp in
            sources.withUnsafeBufferPointer { sp in
                y.withUnsafeMutableBufferPointer { yp in
                    forEachWindow(count: xp.count) { base, _, output, taps in
                        let start = taps.lowerBound
                        yp[output] = reduce({ xp[base + Int(sp[start + $0])] }, taps.count)
                    }
                }
            }
        }
        return y
    }
}
