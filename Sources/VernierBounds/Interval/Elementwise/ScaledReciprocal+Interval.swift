import VernierCore

/// IBP for `c / x` with a constant `c`.
///
/// Enclosure: when `[l, u]` contains 0, `c / x` is unbounded near the pole (and undefined at 0), so
/// the result is (−∞, +∞). Otherwise `c / x` is monotone on `[l, u]` (a reciprocal scaled by a
/// constant), so its range is spanned by `c/l` and `c/u`.
/// Rounding: each endpoint quotient is one correctly rounded division, stepped one ulp outward.
extension ScaledReciprocal: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        typealias R = ElementwiseRounding
        return expandedNumerator.withUnsafeBufferPointer { pc in
            R.unary(plan, inputs[0]) { l, u, j in R.quotient(pc[j], pc[j], l, u) }
        }
    }
}
