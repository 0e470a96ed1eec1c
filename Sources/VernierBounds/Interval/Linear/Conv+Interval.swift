import VernierCore

/// Every output of `Conv` is a dot product of `C/groups · Π kernel` terms (padding taps contribute
/// exact zeros); every output of `ConvTranspose` sums at most that many products (a GEMM over the
/// channels, then scatter-adds of those partial sums onto a zero-initialised output: one summation
/// tree). Either way `termsPerOutput` bounds the terms, and with the channel's bias added,
/// `AffineEnclosure` (mid-radius with the precomputed `|W|` and γ error terms, see there for the
/// proof) encloses it rigorously.
extension ConvolutionOperator {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        let box = inputs[0]
        let shape = resultShape(box.shape)
        let (lo, hi) = AffineEnclosure.enclose(lower: box.lower.data, upper: box.upper.data,
                                               terms: termsPerOutput, bias: channelBias) { v, absolute in
            linearPart(v, weights: absolute ? absWeights : weights)
        }
        return IntervalTensor(lower: Tensor(shape: shape, data: lo), upper: Tensor(shape: shape, data: hi))
    }

    /// The bias laid out over one `[M, outputSpatial...]` image.
    private var channelBias: PeriodicBias? {
        guard let bias, !outputSpatial.contains(0) else { return nil }
        var values = [Double](repeating: 0, count: outputChannels * Shape.count(outputSpatial))
        addChannelBias(bias, to: &values)
        return PeriodicBias(values)
    }
}

extension Conv: IntervalPropagating {}
extension ConvTranspose: IntervalPropagating {}
