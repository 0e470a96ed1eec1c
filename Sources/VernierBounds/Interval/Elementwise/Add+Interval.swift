import VernierCore

/// IBP for `a + b`.
///
/// Enclosure: the sum is increasing in both arguments, so over the box its exact range is
/// `[al + bl, au + bu]`. Rounding: each endpoint is one correctly rounded addition, stepped one ulp
/// outward; an indeterminate `∞ − ∞` endpoint becomes the infinite bound on its side.
extension Add: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        typealias R = ElementwiseRounding
        return R.binary(plan, inputs[0], inputs[1]) { al, au, bl, bu in (R.down(al + bl), R.up(au + bu)) }
    }
}
