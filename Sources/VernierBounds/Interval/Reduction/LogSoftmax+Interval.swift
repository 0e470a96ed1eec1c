import Foundation
import VernierCore

/// Enclosure of log-softmax over a box, per output.
///
/// **Claim.** For `x ∈ [l, u]` and each `i` of a group, with `F(d) = log(1 + Σ_{j≠i} exp(d_j))`,
/// `−F(u − l_i) ≤ logsoftmax_i(x) ≤ −F(l − u_i)` (where `(u − l_i)_j = u_j − l_i`).
///
/// **Proof.** `logsoftmax_i(x) = −log(1 + Σ_{j≠i} exp(x_j − x_i))`; the argument of the log is
/// increasing in `x_j` and decreasing in `x_i` and `log` is increasing, so the ends are attained at
/// the same corners as for softmax.
///
/// **Rounding.** `F` is evaluated stably: with `M = max(0, max_j d_j)`,
/// `F(d) = M + log(exp(−M) + Σ_j exp(d_j − M))`, all terms in `[0, 1]`. For an upper bound of `F`
/// (the lower end of the output) every `d_j` and `d_j − M` is stepped up, every `exp` and the `log`
/// get `FloatBounds.libmUp`, every addition is stepped up; since `exp` and `log` are increasing
/// each step can only raise the value. The lower bound of `F` mirrors this downward (`libmDown`
/// clamped at 0 for `exp`; the sum stays ≥ about 1 because the largest term is `exp(≈0)`). The
/// outputs are clamped to `≤ 0`, where log-softmax lies.
extension LogSoftmax: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        let box = inputs[0]
        let l = box.lower.data, u = box.upper.data
        let n = groups.size, stride = groups.stride
        var d = [Double](repeating: 0, count: max(n - 1, 0))
        return groups.enclosure(of: box) { first, i, ii in
            // Upper bound of F at d_j = u_j − l_i (rounded up).
            var t = 0
            for j in 0..<n where j != i { d[t] = (u[first + j * stride] - l[ii]).nextUp; t += 1 }
            let lower = min(0, -Self.logOnePlusSumExpUp(d))
            // Lower bound of F at d_j = l_j − u_i (rounded down).
            t = 0
            for j in 0..<n where j != i { d[t] = (l[first + j * stride] - u[ii]).nextDown; t += 1 }
            return (lower, min(0, -Self.logOnePlusSumExpDown(d)))
        }
    }

    /// An upper bound of `log(1 + Σ exp(d_j))` for the exact real `d_j`s (given as floats).
    static func logOnePlusSumExpUp(_ d: [Double]) -> Double {
        let top = max(0, d.max() ?? 0)
        var s = FloatBounds.libmUp(exp(-top))
        for v in d { s = (s + FloatBounds.libmUp(exp((v - top).nextUp))).nextUp }
        return (top + FloatBounds.libmUp(log(s))).nextUp
    }

    /// A lower bound of `log(1 + Σ exp(d_j))` for the exact real `d_j`s (given as floats).
    static func logOnePlusSumExpDown(_ d: [Double]) -> Double {
        let top = max(0, d.max() ?? 0)
        var s = max(0, FloatBounds.libmDown(exp(-top)))
        for v in d { s = (s + max(0, FloatBounds.libmDown(exp((v - top).nextDown)))).nextDown }
        // log(1 + Σ ...) ≥ 0; a non-positive s can only come from total underflow.
        guard s > 0 else { return 0 }
        return max(0, (top + FloatBounds.libmDown(log(s))).nextDown)
    }
}
