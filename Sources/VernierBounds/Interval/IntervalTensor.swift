import VernierCore

/// Elementwise lower and upper bounds of a batched value: `lower[i] <= v[i] <= upper[i]`.
public struct IntervalTensor: Sendable, Equatable {
    public var lower: Tensor
    public var upper: Tensor

    public init(lower: Tensor, upper: Tensor) {
        precondition(lower.shape == upper.shape, "interval bounds have shapes \(lower.shape) and \(upper.shape)")
        self.lower = lower
        self.upper = upper
    }

    /// The degenerate interval [t, t].
    public init(point t: Tensor) { self.init(lower: t, upper: t) }

    public var shape: [Int] { lower.shape }
    public var count: Int { lower.count }

    /// True when lower <= upper everywhere and nothing is NaN.
    public var isValid: Bool {
        zip(lower.data, upper.data).allSatisfy { $0 <= $1 }
    }

    /// Whether `t` lies inside (inclusive).
    public func contains(_ t: Tensor) -> Bool {
        t.data.indices.allSatisfy { lower.data[$0] <= t.data[$0] && t.data[$0] <= upper.data[$0] }
    }

    public func reshaped(_ shape: [Int]) -> IntervalTensor {
        IntervalTensor(lower: lower.reshaped(shape), upper: upper.reshaped(shape))
    }
}
