import VernierCore

/// IBP for `a · b` of two variables.
///
/// Enclosure: `a·b` is bilinear, so over a box its extremes are at vertices: the min / max of the
/// four endpoint products (`ElementwiseRounding.product`, with `0 · ∞ = 0`). When both operands
/// are the same value (`x · x`) this is still sound, only looser than a square.
/// Rounding: each product is one correctly rounded multiplication; the chosen min / max is stepped
/// one ulp outward.
extension Mul: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        ElementwiseRounding.binary(plan, inputs[0], inputs[1], ElementwiseRounding.product)
    }
}
