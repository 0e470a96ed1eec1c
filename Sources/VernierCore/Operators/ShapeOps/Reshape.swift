/// A change of per-sample shape that keeps the row-major element order (ONNX Reshape, Flatten,
/// Squeeze, Unsqueeze). No element moves, so evaluation only relabels the shape of the same storage
/// and bounds pass through unchanged.
public struct Reshape: Operator {
    /// The ONNX op this came from, for messages.
    public let kind: String
    /// Per-sample operand shape.
    public let inputShape: [Int]
    /// Per-sample result shape (same element count).
    public let resultShape: [Int]

    public init(kind: String = "Reshape", inputShape: [Int], resultShape: [Int]) throws {
        guard Shape.count(inputShape) == Shape.count(resultShape) else {
            throw ShapeError("cannot reshape \(inputShape) (\(Shape.count(inputShape)) elements) to \(resultShape) (\(Shape.count(resultShape)) elements)")
        }
        self.kind = kind
        self.inputShape = inputShape
        self.resultShape = resultShape
    }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        guard inputShapes == [inputShape] else {
            throw ShapeError("\(kind) expects one operand of shape \(inputShape), got \(inputShapes)")
        }
        return resultShape
    }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        inputs[0].reshaped([inputs[0].batchSize] + resultShape)
    }

    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        [outputGradient.reshaped(inputs[0].shape)]
    }
}
