import VernierCore

/// The constant Jacobian of an affine operator, as the dense matrix of its *transpose* — the map
/// g_out ↦ g_in = Mᵀ·g_out the chain rule applies — ready to become a `Linear` node.
///
/// Exactness matters: the Jacobian graph must compute the chain rule of the real network, so the
/// transposed weights must be the operator's Jacobian exactly, not up to rounding.
/// - `Linear` (Gemm/MatMul on a vector): its weight matrix, transposed — a copy, exact.
/// - Any other supported affine operator (Conv, LeftLinear, IndexSelect): probed by its own
///   reverse mode with unit output gradients, one batch row per output. Each entry of such a
///   probe is a sum in which at most one term is non-zero (a convolution reaches a given input
///   from a given output through exactly one kernel tap; selections copy), and that term is w·1,
///   so the probe returns the exact weights.
enum LinearJacobian {
    /// Largest dense matrix built (entries): 16M doubles, 128 MB.
    static let maxEntries = 16_000_000

    /// Transposed weights (`inCount × outCount`, row-major) of the operator of `node`.
    static func transposedWeights(of node: Node, operandShape: [Int]) throws -> (weights: [Double], inCount: Int, outCount: Int) {
        let inCount = Shape.count(operandShape), outCount = Shape.count(node.shape)
        guard inCount * outCount <= maxEntries, outCount * outCount <= maxEntries else {
            throw LipschitzError.tooLarge(node: node.name, entries: inCount * outCount)
        }
        if let linear = node.op as? Linear, linear.inFeatures == inCount {
            // W is n×k row-major; the chain rule needs Wᵀ (k×n), i.e. entry [p][j] = W[j][p].
            let n = linear.outFeatures, k = linear.inFeatures
            var t = [Double](repeating: 0, count: k * n)
            for j in 0..<n { for p in 0..<k { t[p * n + j] = linear.weights[j * k + p] } }
            return (t, inCount, outCount)
        }
        // Row o of the probe is Mᵀe_o = row o of the Jacobian M (outCount × inCount).
        var eye = [Double](repeating: 0, count: outCount * outCount)
        for o in 0..<outCount { eye[o * outCount + o] = 1 }
        let x = Tensor.zeros([outCount] + operandShape)
        let y = Tensor.zeros([outCount] + node.shape)
        let g = Tensor(shape: [outCount] + node.shape, data: eye)
        let dx = node.op.backward([x], output: y, outputGradient: g)[0].data
        var t = [Double](repeating: 0, count: inCount * outCount)
        for o in 0..<outCount { for i in 0..<inCount { t[i * outCount + o] = dx[o * inCount + i] } }
        return (t, inCount, outCount)
    }
}
