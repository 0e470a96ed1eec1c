import VernierCore

/// IBP for `a / b` of two variables.
///
/// Enclosure: if the divisor interval contains 0 the quotient is unbounded (undefined at 0), and the
/// result is (−∞, +∞) — never NaN. Otherwise `a/b` is monotone in each argument on the box (its sign
/// of `b` is fixed), so the extremes are among the four endpoint quotients.
/// Rounding: each quotient is one correctly rounded division; the chosen min / max is stepped one
/// ulp outward (`ElementwiseRounding.quotient`).
extension Div: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        ElementwiseRounding.binary(plan, inputs[0], inputs[1], ElementwiseRounding.quotient)
    }
}
