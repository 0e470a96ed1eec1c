import VernierCore

/// A layer of the training engine with its shapes resolved and its slice of the parameter vector.
///
/// The engine is separate from the core because training needs gradients with respect to the
/// *parameters*, while the core's operators hold weights as constants and differentiate with
/// respect to their inputs only. Activations are batched row-major: sample `b` occupies
/// `[b·size, (b+1)·size)`; a `[C, H, W]` feature map is stored channel-major (ONNX NCHW).
struct TrainingLayer: Sendable {
    enum Kind: Sendable {
        /// `y = W·x + b`, W `[out, in]`.
        case dense(inputs: Int, outputs: Int)
        /// `[C, H, W] → [channels, H′, W′]`, kernel `[channels, C, k, k]` then bias.
        case conv(channels: Int, kernel: Int, stride: Int, padding: Int)
        case averagePool(kernel: Int)
        case activation(TrainingActivation)
        /// `(A·x + a) ⊙ (B·x + b)`: parameters A, a, B, b in that order.
        case gate(inputs: Int, outputs: Int)
    }

    let kind: Kind
    /// Per-sample shape of the input and output (`[n]` or `[C, H, W]`).
    let inputShape: [Int]
    let outputShape: [Int]
    /// Where this layer's parameters start in the network's parameter vector.
    let offset: Int

    var inputSize: Int { Shape.count(inputShape) }
    var outputSize: Int { Shape.count(outputShape) }

    var parameterCount: Int {
        switch kind {
        case .dense(let i, let o): o * i + o
        case .gate(let i, let o): 2 * (o * i + o)
        case .conv(let c, let k, _, _): c * inputShape[0] * k * k + c
        case .averagePool, .activation: 0
        }
    }

    /// What the backward pass needs from the forward pass besides the layer input.
    struct Cache: Sendable {
        /// Gate: the two linear branches.
        var left: [Double] = []
        var right: [Double] = []
    }

    // MARK: Forward

    func forward(_ x: [Double], batch: Int, parameters p: [Double]) -> ([Double], Cache) {
        switch kind {
        case .dense(let i, let o):
            return (Self.affine(x, batch: batch, inputs: i, outputs: o, parameters: p, at: offset), Cache())
        case .gate(let i, let o):
            let u = Self.affine(x, batch: batch, inputs: i, outputs: o, parameters: p, at: offset)
            let v = Self.affine(x, batch: batch, inputs: i, outputs: o, parameters: p, at: offset + o * i + o)
            var y = u
            for k in y.indices { y[k] *= v[k] }
            return (y, Cache(left: u, right: v))
        case .activation(let a):
            return (x.map(a.value), Cache())
        case .averagePool(let k):
            return (pool(x, batch: batch, kernel: k), Cache())
        case .conv(let c, let k, let s, let pad):
            return (convolve(x, batch: batch, channels: c, kernel: k, stride: s, padding: pad, parameters: p), Cache())
        }
    }

    /// `x·Wᵀ + b` for a batch, through BLAS.
    static func affine(_ x: [Double], batch: Int, inputs: Int, outputs: Int, parameters p: [Double], at offset: Int) -> [Double] {
        var y = [Double](repeating: 0, count: batch * outputs)
        for b in 0..<batch { for j in 0..<outputs { y[b * outputs + j] = p[offset + outputs * inputs + j] } }
        x.withUnsafeBufferPointer { px in
            p.withUnsafeBufferPointer { pp in
                y.withUnsafeMutableBufferPointer { py in
                    BLAS.gemm(transB: true, m: batch, n: outputs, k: inputs,
                              a: px.baseAddress!, lda: inputs, b: pp.baseAddress! + offset, ldb: inputs,
                              beta: 1, c: py.baseAddress!, ldc: outputs)
                }
            }
        }
        return y
    }

    private func pool(_ x: [Double], batch: Int, kernel k: Int) -> [Double] {
        let (c, h, w) = (inputShape[0], inputShape[1], inputShape[2])
        let (oh, ow) = (outputShape[1], outputShape[2])
        var y = [Double](repeating: 0, count: batch * outputSize)
        let scale = 1 / Double(k * k)
        for b in 0..<batch {
            for ch in 0..<c { for i in 0..<oh { for j in 0..<ow {
                var s = 0.0
                for p in 0..<k { for q in 0..<k { s += x[b * inputSize + (ch * h + i * k + p) * w + j * k + q] } }
                y[b * outputSize + (ch * oh + i) * ow + j] = s * scale
            } } }
        }
        return y
    }

    private func convolve(_ x: [Double], batch: Int, channels: Int, kernel k: Int, stride s: Int, padding pad: Int,
                          parameters p: [Double]) -> [Double] {
        let (c, h, w) = (inputShape[0], inputShape[1], inputShape[2])
        let (oh, ow) = (outputShape[1], outputShape[2])
        let biasAt = offset + channels * c * k * k
        var y = [Double](repeating: 0, count: batch * outputSize)
        for b in 0..<batch {
            let xb = b * inputSize, yb = b * outputSize
            for o in 0..<channels { for i in 0..<oh { for j in 0..<ow {
                var sum = p[biasAt + o]
                for ch in 0..<c { for r in 0..<k {
                    let row = i * s + r - pad
                    if row < 0 || row >= h { continue }
                    for q in 0..<k {
                        let col = j * s + q - pad
                        if col < 0 || col >= w { continue }
                        sum += p[offset + ((o * c + ch) * k + r) * k + q] * x[xb + (ch * h + row) * w + col]
                    }
                } }
                y[yb + (o * oh + i) * ow + j] = sum
            } } }
        }
        return y
    }

    // MARK: Backward

    /// Given the layer input `x`, its cache and the gradient `g` of the loss with respect to the
    /// output, adds the parameter gradient into `dp` and returns the gradient with respect to `x`.
    func backward(_ x: [Double], cache: Cache, outputGradient g: [Double], batch: Int,
                  parameters p: [Double], into dp: inout [Double]) -> [Double] {
        switch kind {
        case .dense(let i, let o):
            return Self.affineBackward(x, g, batch: batch, inputs: i, outputs: o, parameters: p, at: offset, into: &dp)
        case .gate(let i, let o):
            var gu = g, gv = g
            for k in g.indices { gu[k] *= cache.right[k]; gv[k] *= cache.left[k] }
            var dx = Self.affineBackward(x, gu, batch: batch, inputs: i, outputs: o, parameters: p, at: offset, into: &dp)
            let dx2 = Self.affineBackward(x, gv, batch: batch, inputs: i, outputs: o, parameters: p,
                                          at: offset + o * i + o, into: &dp)
            for k in dx.indices { dx[k] += dx2[k] }
            return dx
        case .activation(let a):
            var dx = g
            for k in dx.indices { dx[k] *= a.derivative(x[k]) }
            return dx
        case .averagePool(let k):
            let (c, h, w) = (inputShape[0], inputShape[1], inputShape[2])
            let (oh, ow) = (outputShape[1], outputShape[2])
            let scale = 1 / Double(k * k)
            var dx = [Double](repeating: 0, count: batch * inputSize)
            for b in 0..<batch {
                for ch in 0..<c { for i in 0..<oh { for j in 0..<ow {
                    let gij = g[b * outputSize + (ch * oh + i) * ow + j] * scale
                    for r in 0..<k { for q in 0..<k { dx[b * inputSize + (ch * h + i * k + r) * w + j * k + q] += gij } }
                } } }
            }
            return dx
        case .conv(let channels, let k, let s, let pad):
            let (c, h, w) = (inputShape[0], inputShape[1], inputShape[2])
            let (oh, ow) = (outputShape[1], outputShape[2])
            let biasAt = offset + channels * c * k * k
            var dx = [Double](repeating: 0, count: batch * inputSize)
            for b in 0..<batch {
                let xb = b * inputSize, yb = b * outputSize
                for o in 0..<channels { for i in 0..<oh { for j in 0..<ow {
                    let gij = g[yb + (o * oh + i) * ow + j]
                    if gij == 0 { continue }
                    dp[biasAt + o] += gij
                    for ch in 0..<c { for r in 0..<k {
                        let row = i * s + r - pad
                        if row < 0 || row >= h { continue }
                        for q in 0..<k {
                            let col = j * s + q - pad
                            if col < 0 || col >= w { continue }
                            let wi = offset + ((o * c + ch) * k + r) * k + q
                            let xi = xb + (ch * h + row) * w + col
                            dp[wi] += gij * x[xi]
                            dx[xi] += gij * p[wi]
                        }
                    } }
                } } }
            }
            return dx
        }
    }

    /// Backward of `y = x·Wᵀ + b`: dW += gᵀ·x, db += Σ_b g, returns g·W.
    static func affineBackward(_ x: [Double], _ g: [Double], batch: Int, inputs: Int, outputs: Int,
                               parameters p: [Double], at offset: Int, into dp: inout [Double]) -> [Double] {
        var dx = [Double](repeating: 0, count: batch * inputs)
        g.withUnsafeBufferPointer { pg in
            x.withUnsafeBufferPointer { px in
                dp.withUnsafeMutableBufferPointer { pd in
                    BLAS.gemm(transA: true, m: outputs, n: inputs, k: batch,
                              a: pg.baseAddress!, lda: outputs, b: px.baseAddress!, ldb: inputs,
                              beta: 1, c: pd.baseAddress! + offset, ldc: inputs)
                }
            }
            p.withUnsafeBufferPointer { pp in
                dx.withUnsafeMutableBufferPointer { pdx in
                    BLAS.gemm(m: batch, n: inputs, k: outputs,
                              a: pg.baseAddress!, lda: outputs, b: pp.baseAddress! + offset, ldb: inputs,
                              c: pdx.baseAddress!, ldc: inputs)
                }
            }
        }
        let biasAt = offset + outputs * inputs
        for b in 0..<batch { for j in 0..<outputs { dp[biasAt + j] += g[b * outputs + j] } }
        return dx
    }
}
