import Foundation
import VernierCore

/// Rigorous bounds of log Σ_j exp(v_j) for exact reals v_j given as doubles — the logit part of a
/// softmax group that the other elements contribute.
///
/// Evaluated stably as M + log Σ_j exp(v_j − M) with M = max_j v_j, every step rounded the safe
/// way: the differences v_j − M are stepped outward, `exp` and `log` (increasing, so an outward
/// argument moves the result outward) are widened by the libm assumption
/// (`FloatBounds.libmUp/libmDown`, specs/soundness.md item 3), sums and the final addition use
/// `DirectedRounding`. The largest term is exp(≈0) ≈ 1, so the sum is positive and its log finite.
/// An element at −∞ contributes exp(−∞) = 0 and is skipped; no element left gives log 0 = −∞.
enum LogSumExpBounds {
    /// Bounds of log Σ_{j≠i} exp(x_j) for element `i` of a softmax group (members at
    /// `first + j·stride`, j < n) over the box [lower, upper]: the lower bound from the members'
    /// lower ends, the upper bound from their upper ends (log-sum-exp is increasing in every
    /// argument). `scratch` is reused to avoid allocation per element.
    static func ofOthers(_ i: Int, first: Int, size n: Int, stride: Int, lower l: [Double], upper u: [Double],
                         scratch: inout [Double]) -> (lower: Double, upper: Double) {
        scratch.removeAll(keepingCapacity: true)
        for j in 0..<n where j != i { scratch.append(u[first + j * stride]) }
        let hi = upper(scratch)
        scratch.removeAll(keepingCapacity: true)
        for j in 0..<n where j != i { scratch.append(l[first + j * stride]) }
        return (lower(scratch), hi)
    }

    /// A number ≥ log Σ exp(v_j).
    static func upper(_ v: [Double]) -> Double {
        if v.contains(where: { $0 == .infinity || $0.isNaN }) { return .infinity }
        let finite = v.filter { $0 != -.infinity }
        guard let top = finite.max() else { return -.infinity }
        var s = 0.0
        for x in finite { s = DirectedRounding.addUp(s, FloatBounds.libmUp(exp((x - top).nextUp))) }
        return DirectedRounding.addUp(top, FloatBounds.libmUp(log(s)))
    }

    /// A number ≤ log Σ exp(v_j).
    static func lower(_ v: [Double]) -> Double {
        if v.contains(where: { $0 == .infinity || $0.isNaN }) { return -.infinity }
        let finite = v.filter { $0 != -.infinity }
        guard let top = finite.max() else { return -.infinity }
        var s = 0.0
        for x in finite { s = DirectedRounding.addDown(s, max(0, FloatBounds.libmDown(exp((x - top).nextDown)))) }
        guard s > 0 else { return -.infinity }
        return DirectedRounding.addDown(top, FloatBounds.libmDown(log(s)))
    }
}
