/// `a / b` of two operands with broadcasting (ONNX Div when neither input is constant; also used to
/// fold the all-constant case). Division by zero gives ±∞ or NaN, as in ONNX runtimes.
///
/// Values are real-valued: ONNX's truncating division of integer tensors is not modelled (Vernier
/// does not track element types), so an integer `Div` of shape arithmetic folds to a fraction.
public struct Div: Operator {
    /// Broadcast of the operands `[a, b]`.
    public let plan: BroadcastPlan

    public init(shapes a: [Int], _ b: [Int]) throws { plan = try BroadcastPlan(shapes: [a, b]) }

    public var kind: String { "Div" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] { try plan.validate(inputShapes, kind: kind) }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        plan.combine(inputs[0], inputs[1], /)
    }

    /// ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b².
    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let a = inputs[0].data, b = inputs[1].data, g = outputGradient.data
        let batch = inputs[0].batchSize
        var ga = [Double](repeating: 0, count: g.count), gb = ga
        plan.forEachPair(batchSize: batch) { o, i, k in
            let d = b[k]
            ga[o] = g[o] / d
            gb[o] = -g[o] * a[i] / (d * d)
        }
        return [plan.accumulate(ga, onto: 0, batchSize: batch), plan.accumulate(gb, onto: 1, batchSize: batch)]
    }
}
