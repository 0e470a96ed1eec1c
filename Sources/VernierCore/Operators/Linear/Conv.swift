/// N-D convolution (ONNX `Conv` with constant weights), evaluated as im2col + GEMM.
///
/// The operand has per-sample shape `[N, C, spatial...]`; every `[C, spatial...]` image of every
/// sample is convolved the same way, so images of the whole batch are laid side by side as the
/// columns of one patch matrix per group, and one GEMM per group computes them all (in chunks that
/// bound the patch matrix to `columnBudget` values). The kernel-tap → input-position map is built
/// once at lowering. Output channel `m` of group `g` reads input channels `g·C/G ..< (g+1)·C/G`.
public struct Conv: Operator {
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
    /// `taps × outputPositions`: input position read by each tap for each output position (−1: padding).
    let gather: [Int32]

    /// Values of one patch matrix chunk (32 MiB of doubles).
    static let columnBudget = 1 << 22

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
        gather = WindowMaps.gatherMap(axes)
    }

    public var kind: String { "Conv" }

    /// Number of products in each output (before the bias): `C/groups · Π kernel`.
    public var termsPerOutput: Int { inputChannels / groups * Shape.count(kernelShape) }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let r = inputSpatial.count
        guard inputShapes.count == 1, inputShapes[0].count == r + 2 else {
            throw ShapeError("Conv expects one operand of shape [N, C, \(r) spatial dims], got \(inputShapes)")
        }
        let s = inputShapes[0]
        guard s[1] == inputChannels, Array(s.suffix(r)) == inputSpatial else {
            throw ShapeError("Conv was built for input [N, \(inputChannels)] + \(inputSpatial), got \(s)")
        }
        return resultShape(s)
    }

    package func resultShape(_ shape: [Int]) -> [Int] {
        Array(shape.dropLast(inputSpatial.count + 1)) + [outputChannels] + outputSpatial
    }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        let x = inputs[0]
        var y = linearPart(x.data, weights: weights)
        if let bias { addChannelBias(bias, to: &y) }
        return Tensor(shape: resultShape(x.shape), data: y)
    }

    /// Adds one value per output channel.
    package func addChannelBias(_ bias: [Double], to y: inout [Double]) {
        let plane = Shape.count(outputSpatial)
        let image = outputChannels * plane
        guard image > 0 else { return }
        y.withUnsafeMutableBufferPointer { yp in
            var start = 0
            while start < yp.count {
                for c in 0..<outputChannels {
                    let b = bias[c]
                    for p in 0..<plane { yp[start + c * plane + p] += b }
                }
                start += image
            }
        }
    }

    /// The bias-free convolution of every image in `x` with the filters `w` (the weights or their
    /// magnitudes). Each output is one dot product of `termsPerOutput` terms (padding taps are 0).
    package func linearPart(_ x: [Double], weights w: [Double]) -> [Double] {
        let hw = Shape.count(inputSpatial), plane = Shape.count(outputSpatial), taps = Shape.count(kernelShape)
        let cg = inputChannels / groups, mg = outputChannels / groups, kk = cg * taps
        let imageSize = inputChannels * hw
        let images = imageSize == 0 ? 0 : x.count / imageSize
        var y = [Double](repeating: 0, count: images * outputChannels * plane)
        guard images > 0, plane > 0, mg > 0, kk > 0 else { return y }
        let chunk = max(1, min(images, Self.columnBudget / (kk * plane)))
        var cols = [Double](repeating: 0, count: kk * chunk * plane)
        var product = [Double](repeating: 0, count: mg * chunk * plane)
        x.withUnsafeBufferPointer { xp in
            w.withUnsafeBufferPointer { wp in
                gather.withUnsafeBufferPointer { tp in
                    cols.withUnsafeMutableBufferPointer { cp in
                        product.withUnsafeMutableBufferPointer { pp in
                            y.withUnsafeMutableBufferPointer { yp in
                                var first = 0
                                while first < images {
                                    let count = min(chunk, images - first)
                                    let width = count * plane
                                    for g in 0..<groups {
                                        // im2col: row (c, tap), column (image, output position).
                                        for c in 0..<cg {
                                            for t in 0..<taps {
                                                let row = (c * taps + t) * width
                                                let tapRow = t * plane
                                                for s in 0..<count {
                                                    let src = ((first + s) * inputChannels + g * cg + c) * hw
                                                    let dst = row + s * plane
                                                    for p in 0..<plane {
                                                        let i = Int(tp[tapRow + p])
                                                        cp[dst + p] = i >= 0 ? xp[src + i] : 0
                                                    }
                                                }
                                            }
                                        }
                                        BLAS.gemm(m: mg, n: width, k: kk, a: wp.baseAddress! + g * mg * kk, lda: kk,
                                                  b: cp.baseAddress!, ldb: width, c: pp.baseAddress!, ldc: width)
                                        for mo in 0..<mg {
                                            for s in 0..<count {
                                                let dst = ((first + s) * outputChannels + g * mg + mo) * plane
                                                let src = mo * width + s * plane
                                                for p in 0..<plane { yp[dst + p] = pp[src + p] }
                                            }
                                        }
                                    }
                                    first += count
                                }
                            }
                        }
                    }
                }
            }
        }
        return y
    }

    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let x = inputs[0]
        let hw = Shape.count(inputSpatial), plane = Shape.count(outputSpatial), taps = Shape.count(kernelShape)
        let cg = inputChannels / groups, mg = outputChannels / groups, kk = cg * taps
        let imageSize = inputChannels * hw
        let images = imageSize == 0 ? 0 : x.count / imageSize
        var dx = [Double](repeating: 0, count: x.count)
        guard images > 0, plane > 0, mg > 0, kk > 0 else { return [Tensor(shape: x.shape, data: dx)] }
        let chunk = max(1, min(images, Self.columnBudget / (kk * plane)))
        var dcols = [Double](repeating: 0, count: kk * chunk * plane)
        var dproduct = [Double](repeating: 0, count: mg * chunk * plane)
        outputGradient.data.withUnsafeBufferPointer { gp in
            weights.withUnsafeBufferPointer { wp in
                gather.withUnsafeBufferPointer { tp in
                    dcols.withUnsafeMutableBufferPointer { cp in
                        dproduct.withUnsafeMutableBufferPointer { pp in
                            dx.withUnsafeMutableBufferPointer { dp in
                                var first = 0
                                while first < images {
                                    let count = min(chunk, images - first)
                                    let width = count * plane
                                    for g in 0..<groups {
                                        for mo in 0..<mg {
                                            for s in 0..<count {
                                                let src = ((first + s) * outputChannels + g * mg + mo) * plane
                                                let dst = mo * width + s * plane
                                                for p in 0..<plane { pp[dst + p] = gp[src + p] }
                                            }
                                        }
                                        // ∂L/∂cols = W_gᵀ · ∂L/∂Y_g, then col2im (scatter-add through the same map).
                                        BLAS.gemm(transA: true, m: kk, n: width, k: mg, a: wp.baseAddress! + g * mg * kk, lda: kk,
                                                  b: pp.baseAddress!, ldb: width, c: cp.baseAddress!, ldc: width)
                                        for c in 0..<cg {
                                            for t in 0..<taps {
                                                let row = (c * taps + t) * width
                                                let tapRow = t * plane
                                                for s in 0..<count {
                                                    let dst = ((first + s) * inputChannels + g * cg + c) * hw
                                                    let src = row + s * plane
                                                    for p in 0..<plane {
                                                        let i = Int(tp[tapRow + p])
                                                        if i >= 0 { dp[dst + i] += cp[src + p] }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                    first += count
                                }
                            }
                        }
                    }
                }
            }
        }
        return [Tensor(shape: x.shape, data: dx)]
    }
}
