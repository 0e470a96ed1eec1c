/// The product of two variable operands: `y = alpha · op(A) · op(B) + bias` with NumPy matrix-product
/// semantics (ONNX `MatMul`, and `Gemm` when its weight operand is not a constant).
///
/// The last two axes of each operand are matrices; leading axes broadcast. A 1-D `A` is a row
/// vector and a 1-D `B` a column vector, and the added axis is removed from the result. `op` is a
/// transpose when `transposeA`/`transposeB` is set (Gemm only, 2-D operands). The operand shapes
/// are fixed when the graph is built, so the broadcast maps are computed once.
public struct BilinearMatMul: Operator {
    public let shapeA: [Int]
    public let shapeB: [Int]
    public let transposeA: Bool
    public let transposeB: Bool
    public let alpha: Double
    public let bias: PeriodicBias?
    /// Matrix sizes: op(A) is m×k, op(B) is k×n.
    public let m: Int, k: Int, n: Int
    /// Per-sample result shape.
    public let resultShape: [Int]
    /// For each matrix of the result (row-major over the broadcast leading axes), the index of the
    /// matrix of A and of B it multiplies.
    package let matrixOfA: [Int]
    package let matrixOfB: [Int]

    public init(shapeA: [Int], shapeB: [Int], transposeA: Bool = false, transposeB: Bool = false,
                alpha: Double = 1, bias: PeriodicBias? = nil) throws {
        guard !shapeA.isEmpty, !shapeB.isEmpty else {
            throw ShapeError("matrix product needs operands of rank >= 1, got \(shapeA) and \(shapeB)")
        }
        guard (!transposeA || shapeA.count == 2), (!transposeB || shapeB.count == 2) else {
            throw ShapeError("transposed operands must be 2-D, got \(shapeA) and \(shapeB)")
        }
        self.shapeA = shapeA
        self.shapeB = shapeB
        self.transposeA = transposeA
        self.transposeB = transposeB
        self.alpha = alpha
        self.bias = bias
        let a2 = shapeA.count == 1 ? [1] + shapeA : shapeA
        let b2 = shapeB.count == 1 ? shapeB + [1] : shapeB
        let (am, ak) = transposeA ? (a2[a2.count - 1], a2[a2.count - 2]) : (a2[a2.count - 2], a2[a2.count - 1])
        let (bk, bn) = transposeB ? (b2[b2.count - 1], b2[b2.count - 2]) : (b2[b2.count - 2], b2[b2.count - 1])
        guard ak == bk else {
            throw ShapeError("matrix product of shapes \(shapeA) and \(shapeB): inner dimensions \(ak) and \(bk) differ")
        }
        m = am; k = ak; n = bn
        let leadA = Array(a2.dropLast(2)), leadB = Array(b2.dropLast(2))
        guard let lead = Shape.broadcast(leadA, leadB) else {
            throw ShapeError("matrix product of shapes \(shapeA) and \(shapeB): leading dimensions \(leadA) and \(leadB) do not broadcast")
        }
        resultShape = lead + (shapeA.count == 1 ? [] : [m]) + (shapeB.count == 1 ? [] : [n])
        matrixOfA = Shape.broadcastIndices(from: leadA, to: lead)
        matrixOfB = Shape.broadcastIndices(from: leadB, to: lead)
        if let bias, !bias.fits(perSampleCount: Shape.count(resultShape)) {
            throw ShapeError("bias of \(bias.values.count) values does not fit the product's shape \(resultShape)")
        }
    }

    public var kind: String { "MatMul" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        guard inputShapes == [shapeA, shapeB] else {
            throw ShapeError("MatMul was built for operand shapes \(shapeA) and \(shapeB), got \(inputShapes)")
        }
        return resultShape
    }

    /// Leading dimensions of A and B as stored (row-major `lda`, `ldb`).
    var lda: Int { transposeA ? m : k }
    var ldb: Int { transposeB ? k : n }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        let a = inputs[0], b = inputs[1]
        let batch = a.batchSize
        let sizeA = Shape.count(shapeA), sizeB = Shape.count(shapeB), sizeY = Shape.count(resultShape)
        var y = [Double](repeating: 0, count: batch * sizeY)
        if m > 0, n > 0 {
            a.data.withUnsafeBufferPointer { ap in
                b.data.withUnsafeBufferPointer { bp in
                    y.withUnsafeMutableBufferPointer { yp in
                        for s in 0..<batch {
                            for o in matrixOfA.indices {
                                let pa = ap.baseAddress.map { $0 + s * sizeA + matrixOfA[o] * m * k }
                                let pb = bp.baseAddress.map { $0 + s * sizeB + matrixOfB[o] * k * n }
                                let py = yp.baseAddress! + s * sizeY + o * m * n
                                if k == 0 { continue }
                                BLAS.gemm(transA: transposeA, transB: transposeB, m: m, n: n, k: k, alpha: alpha,
                                          a: pa!, lda: lda, b: pb!, ldb: ldb, c: py, ldc: n)
                            }
                        }
                    }
                }
            }
        }
        bias?.add(to: &y)
        return Tensor(shape: [batch] + resultShape, data: y)
    }

    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let a = inputs[0], b = inputs[1]
        let batch = a.batchSize
        let sizeA = Shape.count(shapeA), sizeB = Shape.count(shapeB), sizeY = Shape.count(resultShape)
        var da = [Double](repeating: 0, count: a.count)
        var db = [Double](repeating: 0, count: b.count)
        if m > 0, n > 0, k > 0 {
            a.data.withUnsafeBufferPointer { ap in
                b.data.withUnsafeBufferPointer { bp in
                    outputGradient.data.withUnsafeBufferPointer { gp in
                        da.withUnsafeMutableBufferPointer { dap in
                            db.withUnsafeMutableBufferPointer { dbp in
                                for s in 0..<batch {
                                    for o in matrixOfA.indices {
                                        let offA = s * sizeA + matrixOfA[o] * m * k
                                        let offB = s * sizeB + matrixOfB[o] * k * n
                                        let g = gp.baseAddress! + s * sizeY + o * m * n
                                        // d op(A) = alpha·G·op(B)ᵀ (m×k); broadcast matrices accumulate (beta 1).
                                        if transposeA {
                                            BLAS.gemm(transA: transposeB, transB: true, m: k, n: m, k: n, alpha: alpha,
                                                      a: bp.baseAddress! + offB, lda: ldb, b: g, ldb: n,
                                                      beta: 1, c: dap.baseAddress! + offA, ldc: m)
                                        } else {
                                            BLAS.gemm(transA: false, transB: !transposeB, m: m, n: k, k: n, alpha: alpha,
                                                      a: g, lda: n, b: bp.baseAddress! + offB, ldb: ldb,
                                                      beta: 1, c: dap.baseAddress! + offA, ldc: k)
                                        }
                                        // d op(B) = alpha·op(A)ᵀ·G (k×n).
                                        if transposeB {
                                            BLAS.gemm(transA: true, transB: transposeA, m: n, n: k, k: m, alpha: alpha,
                                                      a: g, lda: n, b: ap.baseAddress! + offA, ldb: lda,
                                                      beta: 1, c: dbp.baseAddress! + offB, ldc: k)
                                        } else {
                                            BLAS.gemm(transA: !transposeA, transB: false, m: k, n: n, k: m, alpha: alpha,
                                                      a: ap.baseAddress! + offA, lda: lda, b: g, ldb: n,
                                                      beta: 1, c: dbp.baseAddress! + offB, ldc: n)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return [Tensor(shape: a.shape, data: da), Tensor(shape: b.shape, data: db)]
    }
}
