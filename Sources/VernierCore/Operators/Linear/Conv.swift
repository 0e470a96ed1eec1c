/// N-D convolution (ONNX `Conv` with constant weights), evaluated as im2col + GEMM.
///
/// The operand has per-sample shape `[N, C, spatial...]`; every `[C, spatial...]` image of every
/// sample is convolved the same way, so images of the whole batch are laid side by side as the
/// columns of one patch matrix per group, and one GEMM per group computes them all (in chunks that
/// bound the patch matrix to `TapCorrelation.columnBudget` values). The kernel-tap → input-position
/// map is built once at lowering. Output channel `m` of group `g` reads input channels
/// `g·C/G ..< (g+1)·C/G`. The kernels are `TapCorrelation.apply` (forward) and its adjoint
/// (gradient); shapes and the bias come from `ConvolutionOperator`.
public struct Conv: ConvolutionOperator {
    public let inputChannels: Int
    public let outputChannels: Int
    public let groups: Int
    public let inputSpatial: [Int]
    public let outputSpatial: [Int]
    public let kernelShape: [Int]
    /// `[M, C/groups, kernel...]` row-major: row `m` is the filter of output channel `m`.
    public let weights: [Double]
    /// `|weights|`, element by element.
    public let absWeights: [Double]
    /// One value per output channel.
    public let bias: [Double]?
    /// Source = the input, target = the output, map: the input position read by each tap for each
    /// output position (−1: padding).
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
        let taps = Shape.count(kernelShape), plane = Shape.count(outputSpatial)
        correlation = TapCorrelation(sourceChannels: inputChannels, targetChannels: outputChannels, groups: groups,
                                     sourcePlane: Shape.count(inputSpatial), targetPlane: plane, taps: taps,
                                     map: WindowMaps.gatherMap(axes),
                                     scratchPerImage: inputChannels / groups * taps * plane)
    }

    public var kind: String { "Conv" }

    /// Number of products in each output (before the bias): `C/groups · Π kernel`.
    public var termsPerOutput: Int { inputChannels / groups * Shape.count(kernelShape) }

    /// The bias-free convolution of every image in `x` with the filters `w` (the weights or their
    /// magnitudes). Each output is one dot product of `termsPerOutput` terms (padding taps are 0).
    package func linearPart(_ x: [Double], weights w: [Double]) -> [Double] {
        correlation.apply(x, images: images(in: x.count), weights: w)
    }

    /// `∂L/∂x = Wᵀ · ∂L/∂y` per group, then col2im (scatter-add through the same map).
    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let x = inputs[0]
        let dx = correlation.applyAdjoint(outputGradient.data, images: images(in: x.count), weights: weights)
        return [Tensor(shape: x.shape, data: dx)]
    }
}
