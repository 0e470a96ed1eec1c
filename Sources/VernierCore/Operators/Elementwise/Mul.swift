/// `a · b` of two operands with broadcasting (ONNX Mul when neither input is constant; also used to
/// fold the all-constant case). Not affine: bounds treat it as a bilinear product.
public struct Mul: Operator {
    /// Broadcast of the operands `[a, b]`.
    public let plan: BroadcastPlan

    public init(shapes a: [Int], _ b: [Int]) throws { plan = try BroadcastPlan(shapes: [a, b]) }

    public var kind: String { "Mul" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] { try plan.validate(inputShapes, kind: kind) }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        plan.combine(inputs[0], inputs[1], *)
    }

    /// ∂(ab)/∂a = b, ∂(ab)/∂b = a.
    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let a = inputs[0].data, b = inputs[1].data, g = outputGradient.data
        let batch = inputs[0].batchSize
        var ga = [Double](repeating: 0, count: g.count), gb = ga
        plan.forEachPair(batchSize: batch) { o, i, k in
            ga[o] = g[o] * b[k]
            gb[o] = g[o] * a[i]
        }
        return [plan.accumulate(ga, onto: 0, batchSize: batch), plan.accumulate(gb, onto: 1, batchSize: batch)]
    }
}
