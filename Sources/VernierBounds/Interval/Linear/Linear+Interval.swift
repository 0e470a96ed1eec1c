import VernierCore

/// `Linear` is a dense affine map whose outputs are `k`-term dot products, so `AffineEnclosure`
/// (mid-radius with `|W|` and γ error terms, see there for the proof) encloses it rigorously.
extension Linear: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        let box = inputs[0]
        let (lo, hi) = AffineEnclosure.enclose(lower: box.lower.data, upper: box.upper.data,
                                               terms: inFeatures, bias: bias) { v, absolute in
            linearPart(v, weights: absolute ? absWeights : weights)
        }
        let shape = resultShape(box.shape)
        return IntervalTensor(lower: Tensor(shape: shape, data: lo), upper: Tensor(shape: shape, data: hi))
    }
}
