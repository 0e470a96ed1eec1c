/// A dense row-major array of `Double` with a shape.
///
/// `Tensor` is the one value type the network core computes with. Graph values are
/// *batched*: a value of a node whose per-sample shape is `s` is held as a tensor of
/// shape `[B] + s`, where `B` is the number of samples evaluated together (see `Graph`).
/// Constants baked into operators are unbatched.
public struct Tensor: Sendable, Equatable {
    public var shape: [Int]
    public var data: [Double]

    /// Creates a tensor; `data.count` must equal the product of `shape`.
    public init(shape: [Int], data: [Double]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        precondition(Shape.count(shape) == data.count,
                     "tensor data has \(data.count) elements, shape \(shape) needs \(Shape.count(shape))")
        self.shape = shape
        self.data = data
    }

    /// A tensor filled with `value`.
    public init(shape: [Int], repeating value: Double) {
        self.init(shape: shape, data: [Double](repeating: value, count: Shape.count(shape)))
    }

    /// A scalar (rank-0) tensor.
    public init(scalar: Double) {
        self.init(shape: [], data: [scalar])
    }

    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 0) }

    public var count: Int { data.count }
    public var rank: Int { shape.count }

    /// The same data viewed with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, data: data)
    }

    /// Applies `f` to every element.
    @inlinable
    public func map(_ f: (Double) -> Double) -> Tensor {
        Tensor(shape: shape, data: data.map(f))
    }

    /// True when every element is finite (no NaN, no infinity).
    public var isFinite: Bool { data.allSatisfy { $0.isFinite } }

    /// The leading (batch) dimension of a batched value.
    public var batchSize: Int { shape.first ?? 1 }

    /// Number of elements per sample of a batched value.
    public var sampleCount: Int { shape.isEmpty ? 1 : Shape.count(Array(shape.dropFirst())) }

    /// Adds a leading batch axis of size 1.
    public func batched() -> Tensor { Tensor(shape: [1] + shape, data: data) }

    /// Repeats an unbatched tensor `batchSize` times along a new leading axis.
    public func broadcastToBatch(_ batchSize: Int) -> Tensor {
        var out = [Double]()
        out.reserveCapacity(data.count * batchSize)
        for _ in 0..<batchSize { out.append(contentsOf: data) }
        return Tensor(shape: [batchSize] + shape, data: out)
    }

    /// Sample `b` of a batched value, without the batch axis.
    public func sample(_ b: Int) -> Tensor {
        let n = sampleCount
        return Tensor(shape: Array(shape.dropFirst()), data: Array(data[(b * n)..<((b + 1) * n)]))
    }
}
