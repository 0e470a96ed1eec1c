/// `a − b` of two operands with broadcasting (ONNX Sub when neither input is constant; also used to
/// fold the all-constant case).
public struct Sub: Operator {
    /// Broadcast of the operands `[a, b]`.
    public let plan: BroadcastPlan

    public init(shapes a: [Int], _ b: [Int]) throws { plan = try BroadcastPlan(shapes: [a, b]) }

    public var kind: String { "Sub" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] { try plan.validate(inputShapes, kind: kind) }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        plan.combine(inputs[0], inputs[1], -)
    }

    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let batch = inputs[0].batchSize
        return [plan.accumulate(outputGradient.data, onto: 0, batchSize: batch),
                plan.accumulate(outputGradient.data.map { -$0 }, onto: 1, batchSize: batch)]
    }
}
