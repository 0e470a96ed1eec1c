extension LinearOperators {
    /// ONNX `Gemm`: `Y = alpha · op(A) · op(B) + beta · C` with 2-D `A`, `B` and `C` broadcasting
    /// to `[M, N]`.
    ///
    /// Constant `B` with variable, untransposed `A` → `Linear` with weights `alpha·op(B)ᵀ` (the
    /// product `alpha·w` is rounded once per weight; the verified function uses those weights).
    /// Constant `A` with variable, untransposed `B` → `LeftLinear` with `alpha·op(A)`. Every other
    /// case (both variable, a transposed variable, both constant) → `BilinearMatMul`, exact.
    /// `C` must be constant; `beta·C` becomes the bias.
    @Sendable static func lowerGemm(_ context: LoweringContext) throws -> Lowered {
        try context.requireInputs(2)
        let alpha = try context.float("alpha", default: 1)
        let beta = try context.float("beta", default: 1)
        let transA = try context.int("transA", default: 0) != 0
        let transB = try context.int("transB", default: 0) != 0
        let shapeA = try context.shape(0), shapeB = try context.shape(1)
        guard shapeA.count == 2, shapeB.count == 2 else {
            throw context.error("Gemm expects 2-D A and B, got shapes \(shapeA) and \(shapeB)")
        }
        let (m, k) = transA ? (shapeA[1], shapeA[0]) : (shapeA[0], shapeA[1])
        let (kb, n) = transB ? (shapeB[1], shapeB[0]) : (shapeB[0], shapeB[1])
        guard k == kb else {
            throw context.error("Gemm: op(A) is \(m)×\(k) but op(B) is \(kb)×\(n)")
        }
        let bias = try gemmBias(context, beta: beta, m: m, n: n)

        if context.isVariable(0), context.isConstant(1), !transA {
            let b = try context.constant(1).data
            // W (n×k) = alpha · op(B)ᵀ: op(B) is B (k×n) or Bᵀ (B stored n×k).
            var w = [Double](repeating: 0, count: n * k)
            for j in 0..<n {
                for p in 0..<k { w[j * k + p] = alpha * (transB ? b[j * k + p] : b[p * n + j]) }
            }
            return .op(Linear(weights: w, outFeatures: n, inFeatures: k, bias: bias), operands: [0])
        }
        if context.isConstant(0), context.isVariable(1), !transB {
            let a = try context.constant(0).data
            var w = [Double](repeating: 0, count: m * k)
            for i in 0..<m {
                for p in 0..<k { w[i * k + p] = alpha * (transA ? a[p * m + i] : a[i * k + p]) }
            }
            return .op(LeftLinear(weights: w, rows: m, inner: k, bias: bias), operands: [1])
        }
        let op = try BilinearMatMul(shapeA: shapeA, shapeB: shapeB, transposeA: transA, transposeB: transB,
                                    alpha: alpha, bias: bias)
        return .op(op, operands: [0, 1])
    }

    /// `beta · C` as a bias over the `[M, N]` result: per column when `C` is constant along rows,
    /// otherwise per element; nil when `C` is absent or `beta` is 0.
    private static func gemmBias(_ context: LoweringContext, beta: Double, m: Int, n: Int) throws -> PeriodicBias? {
        guard context.has(2), beta != 0, m * n > 0 else { return nil }
        let c = try context.constant(2, what: "C")
        guard c.rank <= 2, Shape.broadcast(c.shape, [m, n]) == [m, n] else {
            throw context.error("Gemm: C of shape \(c.shape) does not broadcast to [\(m), \(n)]")
        }
        let padded = [Int](repeating: 1, count: 2 - c.rank) + c.shape
        if padded[0] == 1 {
            // Constant along rows: one value per column, repeated over the M rows.
            let index = Shape.broadcastIndices(from: [padded[1]], to: [n])
            return PeriodicBias(index.map { beta * c.data[$0] })
        }
        let index = Shape.broadcastIndices(from: c.shape, to: [m, n])
        return PeriodicBias(index.map { beta * c.data[$0] })
    }

    /// ONNX `MatMul` (NumPy `matmul`): constant right operand → `Linear` on the last axis; constant
    /// left operand → `Linear` (1-D variable operand) or `LeftLinear`; otherwise `BilinearMatMul`.
    /// Constants of rank > 2 qualify when their leading dimensions are all 1 and do not add axes.
    @Sendable static func lowerMatMul(_ context: LoweringContext) throws -> Lowered {
        try context.requireInputs(2)
        let shapeA = try context.shape(0), shapeB = try context.shape(1)
        guard !shapeA.isEmpty, !shapeB.isEmpty else {
            throw context.error("MatMul operands must have rank >= 1, got shapes \(shapeA) and \(shapeB)")
        }
        func isMatrixLike(_ s: [Int], within other: [Int]) -> Bool {
            s.count <= 2 || (s.dropLast(2).allSatisfy { $0 == 1 } && other.count >= s.count)
        }
        if context.isVariable(0), context.isConstant(1), isMatrixLike(shapeB, within: shapeA) {
            let b = try context.constant(1)
            let k = shapeB.count == 1 ? shapeB[0] : shapeB[shapeB.count - 2]
            let n = shapeB.count == 1 ? 1 : shapeB[shapeB.count - 1]
            guard shapeA[shapeA.count - 1] == k else {
                throw context.error("MatMul: shapes \(shapeA) and \(shapeB) do not match (\(shapeA[shapeA.count - 1]) vs \(k))")
            }
            var w = [Double](repeating: 0, count: n * k)
            for j in 0..<n { for p in 0..<k { w[j * k + p] = b.data[p * n + j] } }
            return .op(Linear(weights: w, outFeatures: n, inFeatures: k, dropsLastAxis: shapeB.count == 1), operands: [0])
        }
        if context.isConstant(0), context.isVariable(1), isMatrixLike(shapeA, within: shapeB) {
            let a = try context.constant(0)
            let m = shapeA.count == 1 ? 1 : shapeA[shapeA.count - 2]
            let k = shapeA[shapeA.count - 1]
            let kb = shapeB.count == 1 ? shapeB[0] : shapeB[shapeB.count - 2]
            guard k == kb else {
                throw context.error("MatMul: shapes \(shapeA) and \(shapeB) do not match (\(k) vs \(kb))")
            }
            if shapeB.count == 1 {
                // A·b for a vector b is a dense map on b's only axis: weights A (m×k).
                return .op(Linear(weights: a.data, outFeatures: m, inFeatures: k, dropsLastAxis: shapeA.count == 1),
                           operands: [1])
            }
            return .op(LeftLinear(weights: a.data, rows: m, inner: k, dropsAxis: shapeA.count == 1), operands: [1])
        }
        do {
            return .op(try BilinearMatMul(shapeA: shapeA, shapeB: shapeB), operands: [0, 1])
        } catch let e as ShapeError {
            throw context.error(e.message)
        }
    }
}
