import VernierCore

/// `LeftLinear` multiplies each trailing matrix by constant weights: every output is a `k`-term dot
/// product, so `AffineEnclosure` (mid-radius with `|W|` and γ error terms) encloses it rigorously.
extension LeftLinear: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        let box = inputs[0]
        let columns = box.shape[box.shape.count - 1]
        let (lo, hi) = AffineEnclosure.enclose(lower: box.lower.data, upper: box.upper.data,
                                               terms: inner, bias: bias) { v, absolute in
            linearPart(v, columns: columns, weights: absolute ? absWeights : weights)
        }
        let shape = resultShape(box.shape)
        return IntervalTensor(lower: Tensor(shape: shape, data: lo), upper: Tensor(shape: shape, data: hi))
    }
}
