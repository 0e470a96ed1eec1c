/// How the operands of an elementwise operator broadcast to their common shape (ONNX
/// multidirectional broadcasting), worked out once at lowering so that evaluation only follows
/// index arrays.
///
/// Shapes are per sample. The batch axis lies outside broadcasting: every operand of an operator
/// carries the same batch size `B` (constants reach operators either baked in or repeated over the
/// batch by the builder), so sample `b` of operand `k` starts at `b * operandCounts[k]`.
public struct BroadcastPlan: Sendable, Equatable {
    /// Per-sample operand shapes, in operand order.
    public let operandShapes: [[Int]]
    /// The broadcast (result) shape.
    public let outputShape: [Int]
    /// Elements per sample of the result.
    public let outputCount: Int
    /// Elements per sample of each operand.
    public let operandCounts: [Int]
    /// `sourceIndices[k][j]` is the flat per-sample index of operand `k` that result element `j` reads.
    public let sourceIndices: [[Int]]

    /// Plans the broadcast of operands with these per-sample shapes.
    /// Throws `ShapeError` when the shapes are incompatible.
    public init(shapes: [[Int]]) throws {
        guard var out = shapes.first else { throw ShapeError("no operand shapes to broadcast") }
        for s in shapes.dropFirst() {
            guard let b = Shape.broadcast(out, s) else {
                throw ShapeError("operand shapes \(shapes.map { "\($0)" }.joined(separator: " and ")) do not broadcast")
            }
            out = b
        }
        operandShapes = shapes
        outputShape = out
        outputCount = Shape.count(out)
        operandCounts = shapes.map(Shape.count)
        sourceIndices = shapes.map { s in
            s == out ? Array(0..<Shape.count(out)) : Shape.broadcastIndices(from: s, to: out)
        }
    }

    /// Checks that `shapes` are the per-sample operand shapes this plan was made for.
    public func validate(_ shapes: [[Int]], kind: String) throws -> [Int] {
        guard shapes == operandShapes else {
            throw ShapeError("\(kind) was planned for operand shapes \(operandShapes), got \(shapes)")
        }
        return outputShape
    }

    /// One value per result element taken from the unbatched values of operand `k` (used to
    /// expand a constant once, at lowering, instead of on every evaluation).
    public func expand(_ values: [Double], operand k: Int) -> [Double] {
        sourceIndices[k].map { values[$0] }
    }

    /// Calls `body(output, element, source)` for every result element of a batch: `output` is the
    /// flat batched result index, `element` the per-sample result index and `source` the flat
    /// batched index of operand `k` that broadcasting maps to it.
    @inlinable
    public func forEachSource(of k: Int, batchSize: Int, _ body: (_ output: Int, _ element: Int, _ source: Int) -> Void) {
        let n = outputCount, m = operandCounts[k]
        sourceIndices[k].withUnsafeBufferPointer { idx in
            for b in 0..<batchSize {
                let outBase = b * n, inBase = b * m
                for j in 0..<n { body(outBase + j, j, inBase + idx[j]) }
            }
        }
    }

    /// Calls `body(output, a, b)` for every result element of a batch of a binary operator, with the
    /// flat batched indices of both operands that broadcasting maps to it.
    @inlinable
    public func forEachPair(batchSize: Int, _ body: (_ output: Int, _ a: Int, _ b: Int) -> Void) {
        let n = outputCount, ma = operandCounts[0], mb = operandCounts[1]
        sourceIndices[0].withUnsafeBufferPointer { ia in
            sourceIndices[1].withUnsafeBufferPointer { ib in
                for s in 0..<batchSize {
                    let o = s * n, oa = s * ma, ob = s * mb
                    for j in 0..<n { body(o + j, oa + ia[j], ob + ib[j]) }
                }
            }
        }
    }

    /// `f` applied elementwise to two batched operands, broadcast.
    @inlinable
    public func combine(_ a: Tensor, _ b: Tensor, _ f: (Double, Double) -> Double) -> Tensor {
        let batch = a.batchSize
        var out = [Double](repeating: 0, count: batch * outputCount)
        a.data.withUnsafeBufferPointer { pa in
            b.data.withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { po in
                    forEachPair(batchSize: batch) { o, i, k in po[o] = f(pa[i], pb[k]) }
                }
            }
        }
        return Tensor(shape: [batch] + outputShape, data: out)
    }

    /// Sums per-result-element contributions (flat, batched) back onto operand `k`: broadcasting
    /// copies an operand element to several results, so its gradient is the sum over those copies.
    @inlinable
    public func accumulate(_ contributions: [Double], onto k: Int, batchSize: Int) -> Tensor {
        let shape = [batchSize] + operandShapes[k]
        if operandCounts[k] == outputCount && operandShapes[k] == outputShape {
            return Tensor(shape: shape, data: contributions)
        }
        var g = [Double](repeating: 0, count: batchSize * operandCounts[k])
        contributions.withUnsafeBufferPointer { pc in
            g.withUnsafeMutableBufferPointer { pg in
                forEachSource(of: k, batchSize: batchSize) { o, _, s in pg[s] += pc[o] }
            }
        }
        return Tensor(shape: shape, data: g)
    }
}
