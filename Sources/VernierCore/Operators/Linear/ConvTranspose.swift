/// N-D transposed convolution (ONNX `ConvTranspose` with constant weights): the adjoint of a
/// strided, dilated, padded convolution, plus a bias.
///
/// Per group, one GEMM `W_gᵀ · X_g` over the whole batch gives every input position's contribution
/// to each (output channel, tap); a scatter-add through the tap → output-position map (built once
/// at lowering) places them. Positions no tap reaches (e.g. `output_padding`) get the bias only.
/// The kernels are `TapCorrelation.applyAdjoint` (forward) and `TapCorrelation.apply` (gradient),
/// with the output as the correlation's source; shapes and the bias come from `ConvolutionOperator`.
public struct ConvTranspose: ConvolutionOperator {
    public let inputChannels: Int
    public let outputChannels: Int
    public let groups: Int
    public let inputSpatial: [Int]
    public let outputSpatial: [Int]
    public let kernelShape: [Int]
    /// `[C, M/groups, kernel...]` row-major (ONNX layout).
    public let weights: [Double]
    /// `|weights|`, element by element.
    public let absWeights: [Double]
    /// One value per output channel.
    public let bias: [Double]?
    /// Source = the output, target = the input, map: the output position each input position
    /// reaches through each tap (−1: none).
    let correlation: TapCorrelation

    init(weights: [Double], outputChannels: Int, inputChannels: Int, groups: Int, bias: [Double]?,
         axes: [WindowAxis]) {
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.groups = groups
        inputSpatial = axes.map(\.input)
        outputSpatial = axes.map(\.output)
        kernelShape = axes.map(\.kernel)
        self.weights = weights
        absWeights = weights.map { abs($0) }
        self.bias = bias
        let taps = Shape.count(kernelShape), hw = Shape.count(inputSpatial)
        correlation = TapCorrelation(sourceChannels: outputChannels, targetChannels: inputChannels, groups: groups,
                                     sourcePlane: Shape.count(outputSpatial), targetPlane: hw, taps: taps,
                                     map: WindowMaps.scatterMap(axes),
                                     scratchPerImage: max(outputChannels / groups * taps, inputChannels / groups) * hw)
    }

    public var kind: String { "ConvTranspose" }

    /// An upper bound on the number of products summed into one output: `C/groups · Π kernel`.
    public var termsPerOutput: Int { inputChannels / groups * Shape.count(kernelShape) }

    /// The bias-free transposed convolution of every image of `x` with the filters `w` (weights or
    /// magnitudes). Each output is a sum of at most `termsPerOutput` products, in some order.
    package func linearPart(_ x: [Double], weights w: [Double]) -> [Double] {
        correlation.applyAdjoint(x, images: images(in: x.count), weights: w)
    }

    /// Gathers `∂L/∂y` through the map, then `∂L/∂x = W_g · ∂L/∂cols` per group.
    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let x = inputs[0]
        let dx = correlation.apply(outputGradient.data, images: images(in: x.count), weights: weights)
        return [Tensor(shape: x.shape, data: dx)]
    }
}
