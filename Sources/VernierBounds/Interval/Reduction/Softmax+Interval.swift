import Foundation
import VernierCore

/// Enclosure of softmax over a box, per output.
///
/// **Claim.** For `x ∈ [l, u]` and each `i` of a group,
/// `1 / (1 + Σ_{j≠i} exp(u_j − l_i)) ≤ softmax_i(x) ≤ 1 / (1 + Σ_{j≠i} exp(l_j − u_i))`.
///
/// **Proof.** Dividing numerator and denominator by `exp(x_i)`,
/// `softmax_i(x) = 1 / (1 + Σ_{j≠i} exp(x_j − x_i))`. The denominator is increasing in every
/// `x_j` (`j ≠ i`) and decreasing in `x_i`, so it is largest at `x_j = u_j`, `x_i = l_i` and smallest
/// at `x_j = l_j`, `x_i = u_i`; `1/·` reverses the order, giving the two ends.
///
/// **Rounding.** Lower end: each difference `u_j − l_i` is rounded then stepped up, so it is at
/// least the exact difference; `exp` is increasing and `FloatBounds.libmUp` adds the assumed libm
/// error, so each term is at least the exact `exp`; the sum `1 + Σ` steps every addition up; and
/// `1 / S` is stepped down. Every step moves the quantity the safe way, so the result is at most the
/// exact lower end. The upper end mirrors this (differences stepped down, `libmDown` clamped at 0
/// because `exp > 0`, additions down, reciprocal up). An overflowing sum gives `1/∞ = 0`, still a
/// valid lower bound. Results are finally clamped to `[0, 1]`, where softmax lies.
extension Softmax: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        let box = inputs[0]
        let l = box.lower.data, u = box.upper.data
        let n = groups.size, stride = groups.stride
        return groups.enclosure(of: box) { first, i, ii in
            var big = 1.0, small = 1.0
            for j in 0..<n where j != i {
                let jj = first + j * stride
                big = (big + FloatBounds.libmUp(exp((u[jj] - l[ii]).nextUp))).nextUp
                small = (small + max(0, FloatBounds.libmDown(exp((l[jj] - u[ii]).nextDown)))).nextDown
            }
            return (max(0, (1 / big).nextDown), min(1, (1 / small).nextUp))
        }
    }
}
