import VernierCore

/// IBP for `a − b`.
///
/// Enclosure: the difference is increasing in `a` and decreasing in `b`, so its exact range over the
/// box is `[al − bu, au − bl]`. Rounding: one correctly rounded subtraction per endpoint, stepped
/// one ulp outward; an indeterminate endpoint becomes the infinite bound on its side.
extension Sub: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        typealias R = ElementwiseRounding
        return R.binary(plan, inputs[0], inputs[1]) { al, au, bl, bu in (R.down(al - bu), R.up(au - bl)) }
    }
}
