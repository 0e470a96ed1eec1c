/// `−x` elementwise (ONNX Neg). Exact in floating point.
public struct Neg: Operator {
    public init() {}

    public var kind: String { "Neg" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        guard inputShapes.count == 1 else { throw ShapeError("Neg expects one operand, got \(inputShapes.count)") }
        return inputShapes[0]
    }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor { inputs[0].map { -$0 } }

    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        [outputGradient.map { -$0 }]
    }
}
