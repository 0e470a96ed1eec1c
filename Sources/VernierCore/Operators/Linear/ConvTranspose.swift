/// N-D transposed convolution (ONNX `ConvTranspose` with constant weights): the adjoint of a
/// strided, dilated, padded convolution, plus a bias.
///
/// Per group, one GEMM `W_gᵀ · X_g` over the whole batch gives every input position's contribution
/// to each (output channel, tap); a scatter-add through the tap → output-position map (built once
/// at lowering) places them. Positions no tap reaches (e.g. `output_padding`) get the bias only.
public struct ConvTranspose: Operator {
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
    /// `taps × inputPositions`: output position each input position reaches through each tap (−1: none).
    let scatter: [Int32]

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
        scatter = WindowMaps.scatterMap(axes)
    }

    public var kind: String { "ConvTranspose" }

    /// An upper bound on the number of products summed into one output: `C/groups · Π kernel`.
    public var termsPerOutput: Int { inputChannels / groups * Shape.count(kernelShape) }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        let r = inputSpatial.count
        guard inputShapes.count == 1, inputShapes[0].count == r + 2 else {
            throw ShapeError("ConvTranspose expects one operand of shape [N, C, \(r) spatial dims], got \(inputShapes)")
        }
        let s = inputShapes[0]
        guard s[1] == inputChannels, Array(s.suffix(r)) == inputSpatial else {
            throw ShapeError("ConvTranspose was built for input [N, \(inputChannels)] + \(inputSpatial), got \(s)")
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

    /// The bias-free transposed convolution of every image of `x` with the filters `w` (weights or
    /// magnitudes). Each output is a sum of at most `termsPerOutput` products, in some order.
    package func linearPart(_ x: [Double], weights w: [Double]) -> [Double] {
        let hw = Shape.count(inputSpatial), plane = Shape.count(outputSpatial), taps = Shape.count(kernelShape)
        let cg = inputChannels / groups, mg = outputChannels / groups, rowsG = mg * taps
        let imageSize = inputChannels * hw
        let images = imageSize == 0 ? 0 : x.count / imageSize
        var y = [Double](repeating: 0, count: images * outputChannels * plane)
        guard images > 0, hw > 0, rowsG > 0, cg > 0 else { return y }
        let chunk = max(1, min(images, Conv.columnBudget / (max(rowsG, cg) * hw)))
        var xg = [Double](repeating: 0, count: cg * chunk * hw)
        var cols = [Double](repeating: 0, count: rowsG * chunk * hw)
        x.withUnsafeBufferPointer { xp in
            w.withUnsafeBufferPointer { wp in
                scatter.withUnsafeBufferPointer { tp in
                    xg.withUnsafeMutableBufferPointer { gp in
                        cols.withUnsafeMutableBufferPointer { cp in
                            y.withUnsafeMutableBufferPointer { yp in
                                var first = 0
                                while first < images {
                                    let count = min(chunk, images - first)
                                    let width = count * hw
                                    for g in 0..<groups {
                                        for c in 0..<cg {
                                            for s in 0..<count {
                                                let src = ((first + s) * inputChannels + g * cg + c) * hw
                                                let dst = c * width + s * hw
                                                for q in 0..<hw { gp[dst + q] = xp[src + q] }
                                            }
                                        }
                                        BLAS.gemm(transA: true, m: rowsG, n: width, k: cg,
                                                  a: wp.baseAddress! + g * cg * rowsG, lda: rowsG,
                                                  b: gp.baseAddress!, ldb: width, c: cp.baseAddress!, ldc: width)
                                        for mo in 0..<mg {
                                            for t in 0..<taps {
                                                let row = (mo * taps + t) * width
                                                let tapRow = t * hw
                                                for s in 0..<count {
                                                    let dst = ((first + s) * outputChannels + g * mg + mo) * plane
                                                    let src = row + s * hw
                                                    for q in 0..<hw {
                                                        let o = Int(tp[tapRow + q])
                                                        if o >= 0 { yp[dst + o] += cp[src + q] }
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
        return y
    }

    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let x = inputs[0]
        let hw = Shape.count(inputSpatial), plane = Shape.count(outputSpatial), taps = Shape.count(kernelShape)
        let cg = inputChannels / groups, mg = outputChannels / groups, rowsG = mg * taps
        let imageSize = inputChannels * hw
        let images = imageSize == 0 ? 0 : x.count / imageSize
        var dx = [Double](repeating: 0, count: x.count)
        guard images > 0, hw > 0, rowsG > 0, cg > 0 else { return [Tensor(shape: x.shape, data: dx)] }
        let chunk = max(1, min(images, Conv.columnBudget / (max(rowsG, cg) * hw)))
        var dcols = [Double](repeating: 0, count: rowsG * chunk * hw)
        var dxg = [Double](repeating: 0, count: cg * chunk * hw)
        outputGradient.data.withUnsafeBufferPointer { gy in
            weights.withUnsafeBufferPointer { wp in
                scatter.withUnsafeBufferPointer { tp in
                    dcols.withUnsafeMutableBufferPointer { cp in
                        dxg.withUnsafeMutableBufferPointer { gp in
                            dx.withUnsafeMutableBufferPointer { dp in
                                var first = 0
                                while first < images {
                                    let count = min(chunk, images - first)
                                    let width = count * hw
                                    for g in 0..<groups {
                                        // Gather ∂L/∂y through the map, then ∂L/∂X_g = W_g · ∂L/∂cols.
                                        for mo in 0..<mg {
                                            for t in 0..<taps {
                                                let row = (mo * taps + t) * width
                                                let tapRow = t * hw
                                                for s in 0..<count {
                                                    let src = ((first + s) * outputChannels + g * mg + mo) * plane
                                                    let dst = row + s * hw
                                                    for q in 0..<hw {
                                                        let o = Int(tp[tapRow + q])
                                                        cp[dst + q] = o >= 0 ? gy[src + o] : 0
                                                    }
                                                }
                                            }
                                        }
                                        BLAS.gemm(m: cg, n: width, k: rowsG, a: wp.baseAddress! + g * cg * rowsG, lda: rowsG,
                                                  b: cp.baseAddress!, ldb: width, c: gp.baseAddress!, ldc: width)
                                        for c in 0..<cg {
                                            for s in 0..<count {
                                                let dst = ((first + s) * inputChannels + g * cg + c) * hw
                                                let src = c * width + s * hw
                                                for q in 0..<hw { dp[dst + q] = gp[src + q] }
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
