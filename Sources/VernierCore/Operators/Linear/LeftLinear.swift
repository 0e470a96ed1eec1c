/// A dense affine map on the second-to-last axis: `y[..., i, j] = Σ_p W[i, p] · x[..., p, j] + bias`.
///
/// This is ONNX `MatMul(W, x)` (and `Gemm` with a constant first operand) where the constant is on
/// the left: each trailing `k×cols` matrix of the operand is multiplied by the `m×k` matrix `W`.
/// `dropsAxis` gives a 1-D left operand (`m` is then 1), whose result loses that axis.
public struct LeftLinear: Operator {
    /// Rows `m` of `W` (size of the result's second-to-last axis).
    public let rows: Int
    /// Columns `k` of `W` (size of the operand's contracted second-to-last axis).
    public let inner: Int
    /// `m×k` row-major.
    public let weights: [Double]
    /// `|weights|`, element by element.
    public let absWeights: [Double]
    public let bias: PeriodicBias?
    public let dropsAxis: Bool

    public init(weights: [Double], rows m: Int, inner k: Int, bias: PeriodicBias? = nil, dropsAxis: Bool = false) {
        precondition(weights.count == m * k, "LeftLinear: \(weights.count) weights for \(m)×\(k)")
        precondition(!dropsAxis || m == 1, "LeftLinear: only a single row can drop the axis")
        rows = m
        inner = k
        self.weights = weights
        absWeights = weights.map { abs($0) }
        self.bias = bias
        self.dropsAxis = dropsAxis
    }

    public var kind: String { "LeftLinear" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        guard inputShapes.count == 1, inputShapes[0].count >= 2 else {
            throw ShapeError("LeftLinear expects one operand of rank >= 2, got shapes \(inputShapes)")
        }
        let s = inputShapes[0]
        guard s[s.count - 2] == inner else {
            throw ShapeError("matrix product: the constant left operand has \(inner) columns but the operand shape \(s) has \(s[s.count - 2]) rows")
        }
        let out = resultShape(s)
        if let bias, !bias.fits(perSampleCount: Shape.count(out)) {
            throw ShapeError("LeftLinear bias of \(bias.values.count) values does not fit output shape \(out)")
        }
        return out
    }

    package func resultShape(_ shape: [Int]) -> [Int] {
        Array(shape.dropLast(2)) + (dropsAxis ? [] : [rows]) + [shape[shape.count - 1]]
    }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        let x = inputs[0]
        var y = linearPart(x.data, columns: x.shape[x.rank - 1], weights: weights)
        bias?.add(to: &y)
        return Tensor(shape: resultShape(x.shape), data: y)
    }

    /// `M·X_s` for every trailing `k×cols` matrix `X_s` of `x`, for `M` the weights or their
    /// magnitudes: the matrices are packed side by side (`k × slices·cols`) so that the whole batch
    /// is one GEMM. Each output is a `k`-term dot product.
    package func linearPart(_ x: [Double], columns: Int, weights m: [Double]) -> [Double] {
        let block = inner * columns
        let slices = block == 0 ? 0 : x.count / block
        guard slices > 0, rows > 0, columns > 0 else { return [Double](repeating: 0, count: slices * rows * columns) }
        if slices == 1 { return BLAS.matmul(m, x, m: rows, n: columns, k: inner) }
        let packed = Self.pack(x, slices: slices, height: inner, columns: columns)
        let product = BLAS.matmul(m, packed, m: rows, n: slices * columns, k: inner)
        return Self.unpack(product, slices: slices, height: rows, columns: columns)
    }

    /// `[slices, h, cols]` → `[h, slices·cols]` (the matrices side by side).
    static func pack(_ x: [Double], slices: Int, height: Int, columns: Int) -> [Double] {
        let width = slices * columns
        var packed = [Double](repeating: 0, count: height * width)
        x.withUnsafeBufferPointer { xp in
            packed.withUnsafeMutableBufferPointer { pp in
                for s in 0..<slices {
                    for p in 0..<height {
                        let src = (s * height + p) * columns, dst = p * width + s * columns
                        for j in 0..<columns { pp[dst + j] = xp[src + j] }
                    }
                }
            }
        }
        return packed
    }

    /// `[h, slices·cols]` → `[slices, h, cols]`, the inverse of `pack`.
    static func unpack(_ packed: [Double], slices: Int, height: Int, columns: Int) -> [Double] {
        let width = slices * columns
        var y = [Double](repeating: 0, count: packed.count)
        packed.withUnsafeBufferPointer { pp in
            y.withUnsafeMutableBufferPointer { yp in
                for s in 0..<slices {
                    for i in 0..<height {
                        let src = i * width + s * columns, dst = (s * height + i) * columns
                        for j in 0..<columns { yp[dst + j] = pp[src + j] }
                    }
                }
            }
        }
        return y
    }

    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let x = inputs[0]
        let columns = x.shape[x.rank - 1]
        let block = inner * columns
        let slices = block == 0 ? 0 : x.count / block
        guard slices > 0, rows > 0, columns > 0 else {
            return [Tensor(shape: x.shape, data: [Double](repeating: 0, count: x.count))]
        }
        // ∂L/∂X_s = Wᵀ · ∂L/∂Y_s for every slice, as one GEMM on the packed gradients.
        let packed = Self.pack(outputGradient.data, slices: slices, height: rows, columns: columns)
        let product = BLAS.matmul(weights, packed, m: inner, n: slices * columns, k: rows, transA: true)
        return [Tensor(shape: x.shape, data: Self.unpack(product, slices: slices, height: inner, columns: columns))]
    }
}
