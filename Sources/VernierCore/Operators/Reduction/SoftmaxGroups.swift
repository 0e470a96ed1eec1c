/// How a softmax partitions its operand: groups of `size` elements spaced `stride` apart, each
/// normalised on its own.
///
/// From opset 13 a group runs along one axis (`stride` = product of the later axes). Before opset
/// 13 the operand is coerced to 2-D at `axis` and a group is everything from `axis` on
/// (`stride` 1).
public struct SoftmaxGroups: Sendable, Equatable {
    public let inputShape: [Int]
    public let size: Int
    public let stride: Int

    public init(inputShape: [Int], axis: Int, coercedTo2D: Bool) {
        self.inputShape = inputShape
        if coercedTo2D {
            size = Shape.count(Array(inputShape[axis...]))
            stride = 1
        } else {
            size = inputShape[axis]
            stride = Shape.count(Array(inputShape[(axis + 1)...]))
        }
    }

    /// Calls `body(first)` with the flat index of the first element of every group of a batched
    /// operand with `count` elements (its elements are `first + j·stride`, `j < size`).
    @inlinable
    public func forEachGroup(count: Int, _ body: (Int) -> Void) {
        let block = size * stride
        guard block > 0 else { return }
        var start = 0
        while start < count {
            for i in 0..<stride { body(start + i) }
            start += block
        }
    }

    func validate(_ inputShapes: [[Int]], kind: String) throws -> [Int] {
        guard inputShapes == [inputShape] else {
            throw ShapeError("\(kind) was built for an input of shape \(inputShape), got \(inputShapes)")
        }
        return inputShape
    }
}
