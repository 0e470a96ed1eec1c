/// A per-sample gather through a fixed index map: result element `j` of every sample is operand
/// element `sourceIndex[j]` of the same sample (ONNX Transpose, Slice, Gather with constant indices,
/// Expand). The map is computed once at lowering and applied across the batch.
///
/// Pure data movement: no arithmetic is done, so evaluation and bounds are exact.
public struct IndexSelect: Operator {
    /// The ONNX op this came from, for messages.
    public let kind: String
    /// Per-sample operand shape.
    public let inputShape: [Int]
    /// Per-sample result shape.
    public let resultShape: [Int]
    /// For every result element of a sample, the flat index of the operand element it copies.
    public let sourceIndex: [Int]

    public init(kind: String, inputShape: [Int], resultShape: [Int], sourceIndex: [Int]) {
        precondition(sourceIndex.count == Shape.count(resultShape), "index map does not fit the result shape")
        precondition(sourceIndex.allSatisfy { (0..<Shape.count(inputShape)).contains($0) }, "index map leaves the operand")
        self.kind = kind
        self.inputShape = inputShape
        self.resultShape = resultShape
        self.sourceIndex = sourceIndex
    }

    /// Builds a separable index map: the result's dimensions are split into consecutive groups,
    /// and group `g` contributes the flat-offset `offsetGroups[g][i]` when its (row-major) index is
    /// `i`; a result element's source is the sum of its groups' offsets. Transpose, Slice, Gather and
    /// Expand are all of this form (one group per result dimension, or one for Gather's indices).
    public init(kind: String, inputShape: [Int], resultShape: [Int], offsetGroups: [[Int]]) {
        var map = [0]
        for group in offsetGroups {
            var next = [Int]()
            next.reserveCapacity(map.count * group.count)
            for base in map { for offset in group { next.append(base + offset) } }
            map = next
        }
        self.init(kind: kind, inputShape: inputShape, resultShape: resultShape, sourceIndex: map)
    }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        guard inputShapes == [inputShape] else {
            throw ShapeError("\(kind) expects one operand of shape \(inputShape), got \(inputShapes)")
        }
        return resultShape
    }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        let x = inputs[0]
        let batch = x.batchSize
        let n = sourceIndex.count, m = Shape.count(inputShape)
        var out = [Double](repeating: 0, count: batch * n)
        x.data.withUnsafeBufferPointer { px in
            sourceIndex.withUnsafeBufferPointer { idx in
                out.withUnsafeMutableBufferPointer { po in
                    for b in 0..<batch {
                        let o = b * n, s = b * m
                        for j in 0..<n { po[o + j] = px[s + idx[j]] }
                    }
                }
            }
        }
        return Tensor(shape: [batch] + resultShape, data: out)
    }

    /// Scatter-add: an operand element copied to several results (Expand, repeated Gather indices)
    /// receives the sum of their gradients; one copied nowhere receives 0.
    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let batch = inputs[0].batchSize
        let n = sourceIndex.count, m = Shape.count(inputShape)
        var g = [Double](repeating: 0, count: batch * m)
        outputGradient.data.withUnsafeBufferPointer { pg in
            sourceIndex.withUnsafeBufferPointer { idx in
                g.withUnsafeMutableBufferPointer { px in
                    for b in 0..<batch {
                        let o = b * n, s = b * m
                        for j in 0..<n { px[s + idx[j]] += pg[o + j] }
                    }
                }
            }
        }
        return [Tensor(shape: inputs[0].shape, data: g)]
    }
}
