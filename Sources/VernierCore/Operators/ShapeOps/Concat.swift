/// Concatenation along one axis (ONNX Concat) of variable operands and constant pieces baked in at
/// lowering; only the variable pieces are operands, in input order.
///
/// Pure data movement: per sample the result is, for each index of the dimensions before the axis,
/// each piece's contiguous block in turn, so evaluation is a sequence of block copies.
public struct Concat: Operator {
    public enum Piece: Sendable, Equatable {
        /// The next operand, with its per-sample shape.
        case operand(shape: [Int])
        /// A constant piece (unbatched).
        case constant(Tensor)

        public var shape: [Int] {
            switch self {
            case .operand(let s): s
            case .constant(let t): t.shape
            }
        }
    }

    /// The concatenation axis (non-negative, per-sample).
    public let axis: Int
    public let pieces: [Piece]
    /// Per-sample result shape.
    public let resultShape: [Int]
    /// Number of blocks per sample: the product of the dimensions before the axis.
    let outer: Int
    /// Per piece, the length of one block: its size along the axis times the dimensions after it.
    let blocks: [Int]

    public init(axis: Int, pieces: [Piece]) throws {
        guard let first = pieces.first?.shape else { throw ShapeError("Concat needs at least one input") }
        guard (0..<first.count).contains(axis) else {
            throw ShapeError("axis \(axis) is out of range for rank \(first.count)")
        }
        var result = first
        for p in pieces.dropFirst() {
            let s = p.shape
            guard s.count == first.count,
                  s.indices.allSatisfy({ $0 == axis || s[$0] == first[$0] }) else {
                throw ShapeError("cannot concatenate shapes \(pieces.map(\.shape)) along axis \(axis)")
            }
            result[axis] += s[axis]
        }
        self.axis = axis
        self.pieces = pieces
        resultShape = result
        outer = Shape.count(Array(first[..<axis]))
        let inner = Shape.count(Array(first[(axis + 1)...]))
        blocks = pieces.map { $0.shape[axis] * inner }
    }

    public var kind: String { "Concat" }

    /// Per-sample shapes of the operands (the variable pieces).
    public var operandShapes: [[Int]] {
        pieces.compactMap { if case .operand(let s) = $0 { s } else { nil } }
    }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        guard inputShapes == operandShapes else {
            throw ShapeError("Concat expects operands of shapes \(operandShapes), got \(inputShapes)")
        }
        return resultShape
    }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        let batch = inputs.first?.batchSize ?? batchSize
        let n = Shape.count(resultShape)
        let row = blocks.reduce(0, +)
        var out = [Double](repeating: 0, count: batch * n)
        out.withUnsafeMutableBufferPointer { po in
            var k = 0
            var offset = 0  // start of this piece's block within the first outer row
            for (p, piece) in pieces.enumerated() {
                let block = blocks[p]
                let sourceCount = outer * block
                func copy(_ src: UnsafeBufferPointer<Double>, batched: Bool) {
                    for b in 0..<batch {
                        let s0 = batched ? b * sourceCount : 0
                        for o in 0..<outer {
                            let dst = b * n + o * row + offset
                            let from = s0 + o * block
                            for i in 0..<block { po[dst + i] = src[from + i] }
                        }
                    }
                }
                switch piece {
                case .operand:
                    inputs[k].data.withUnsafeBufferPointer { copy($0, batched: true) }
                    k += 1
                case .constant(let t):
                    t.data.withUnsafeBufferPointer { copy($0, batched: false) }
                }
                offset += block
            }
        }
        return Tensor(shape: [batch] + resultShape, data: out)
    }

    /// Each operand receives its own blocks of the result gradient.
    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let batch = inputs.first?.batchSize ?? 1
        let n = Shape.count(resultShape)
        let row = blocks.reduce(0, +)
        var grads = [Tensor]()
        var offset = 0
        outputGradient.data.withUnsafeBufferPointer { pg in
            for (p, piece) in pieces.enumerated() {
                let block = blocks[p]
                if case .operand(let shape) = piece {
                    let sourceCount = outer * block
                    var g = [Double](repeating: 0, count: batch * sourceCount)
                    for b in 0..<batch {
                        for o in 0..<outer {
                            let from = b * n + o * row + offset, to = b * sourceCount + o * block
                            for i in 0..<block { g[to + i] = pg[from + i] }
                        }
                    }
                    grads.append(Tensor(shape: [batch] + shape, data: g))
                }
                offset += block
            }
        }
        return grads
    }
}
