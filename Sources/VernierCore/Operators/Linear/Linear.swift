/// A dense affine map on the last axis: `y[..., j] = Σ_p x[..., p] · W[j, p] + bias`.
///
/// This is ONNX `Gemm` and `MatMul` with a constant weight operand: the weights are stored once as
/// an `n×k` row-major matrix together with `|W|` (for interval bounds), and the whole batch, every
/// leading axis included, is one GEMM. `dropsLastAxis` gives `MatMul` with a 1-D second operand,
/// whose result loses the contracted axis (`n` is then 1).
public struct Linear: Operator {
    /// Input features `k` (size of the contracted last axis).
    public let inFeatures: Int
    /// Output features `n`.
    public let outFeatures: Int
    /// `n×k` row-major.
    public let weights: [Double]
    /// `|weights|`, element by element.
    public let absWeights: [Double]
    public let bias: PeriodicBias?
    public let dropsLastAxis: Bool

    /// `weights` is `outFeatures × inFeatures` row-major.
    public init(weights: [Double], outFeatures n: Int, inFeatures k: Int, bias: PeriodicBias? = nil,
                dropsLastAxis: Bool = false) {
        precondition(weights.count == n * k, "Linear: \(weights.count) weights for \(n)×\(k)")
        precondition(!dropsLastAxis || n == 1, "Linear: only a single output feature can drop the last axis")
        inFeatures = k
        outFeatures = n
        self.weights = weights
        absWeights = weights.map { abs($0) }
        self.bias = bias
        self.dropsLastAxis = dropsLastAxis
    }

    public var kind: String { "Linear" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        guard inputShapes.count == 1, let last = inputShapes[0].last else {
            throw ShapeError("Linear expects one operand of rank >= 1, got shapes \(inputShapes)")
        }
        guard last == inFeatures else {
            throw ShapeError("Linear expects a last axis of \(inFeatures) features, got shape \(inputShapes[0])")
        }
        let out = resultShape(inputShapes[0])
        if let bias, !bias.fits(perSampleCount: Shape.count(out)) {
            throw ShapeError("Linear bias of \(bias.values.count) values does not fit output shape \(out)")
        }
        return out
    }

    /// Result shape for an operand of shape `shape` (batched or not).
    package func resultShape(_ shape: [Int]) -> [Int] {
        Array(shape.dropLast()) + (dropsLastAxis ? [] : [outFeatures])
    }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        let x = inputs[0]
        var y = linearPart(x.data, weights: weights)
        bias?.add(to: &y)
        return Tensor(shape: resultShape(x.shape), data: y)
    }

    /// `x·Mᵀ` over every row of `x` for the `n×k` matrix `m` (the weights or their magnitudes): one
    /// GEMM, each output a `k`-term dot product.
    package func linearPart(_ x: [Double], weights m: [Double]) -> [Double] {
        let rows = inFeatures == 0 ? 0 : x.count / inFeatures
        return BLAS.matmul(x, m, m: rows, n: outFeatures, k: inFeatures, transB: true)
    }

    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let x = inputs[0]
        let rows = inFeatures == 0 ? 0 : x.count / inFeatures
        // ∂L/∂x = ∂L/∂y · W  (rows×n · n×k).
        let dx = BLAS.matmul(outputGradient.data, weights, m: rows, n: inFeatures, k: outFeatures)
        return [Tensor(shape: x.shape, data: dx)]
    }
}
