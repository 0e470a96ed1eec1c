/// An elementwise arithmetic operation between the variable operand `x` and a constant `c` baked in
/// at lowering: `x + c`, `x − c`, `c − x`, `x · c` or `x / c` (ONNX Add/Sub/Mul/Div with one
/// constant input). Every form is affine in `x`.
///
/// Broadcasting goes both ways: the result has the broadcast shape of `x` and `c`, which may be
/// larger than `x` (then one element of `x` feeds several results and its gradient is the sum).
/// Division uses `x / c` itself (not `x · (1/c)`) so values match ONNX runtimes bit for bit.
/// A divisor with a zero is rejected when the operator is made.
public struct ConstantBinary: Operator {
    public enum Operation: String, Sendable, CaseIterable {
        /// x + c
        case add
        /// x − c
        case subtract
        /// c − x
        case reverseSubtract
        /// x · c
        case multiply
        /// x / c
        case divide
    }

    public let operation: Operation
    /// The constant as given (unbatched).
    public let constant: Tensor
    /// Per-sample shape of `x`.
    public let inputShape: [Int]
    /// Broadcast of the operands `[x, c]`.
    public let plan: BroadcastPlan
    /// `c` expanded to one value per result element.
    public let expandedConstant: [Double]

    public init(_ operation: Operation, constant: Tensor, inputShape: [Int]) throws {
        if operation == .divide, let i = constant.data.firstIndex(of: 0) {
            throw ShapeError("divides by a constant that is zero at flat index \(i)")
        }
        self.operation = operation
        self.constant = constant
        self.inputShape = inputShape
        plan = try BroadcastPlan(shapes: [inputShape, constant.shape])
        expandedConstant = plan.expand(constant.data, operand: 1)
    }

    public var kind: String {
        switch operation {
        case .add: "AddConstant"
        case .subtract: "SubConstant"
        case .reverseSubtract: "ConstantSub"
        case .multiply: "MulConstant"
        case .divide: "DivConstant"
        }
    }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        guard inputShapes == [inputShape] else {
            throw ShapeError("\(kind) expects one operand of shape \(inputShape), got \(inputShapes)")
        }
        return plan.outputShape
    }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        let x = inputs[0]
        let batch = x.batchSize
        var out = [Double](repeating: 0, count: batch * plan.outputCount)
        x.data.withUnsafeBufferPointer { px in
            expandedConstant.withUnsafeBufferPointer { pc in
                out.withUnsafeMutableBufferPointer { po in
                    switch operation {
                    case .add: plan.forEachSource(of: 0, batchSize: batch) { o, j, s in po[o] = px[s] + pc[j] }
                    case .subtract: plan.forEachSource(of: 0, batchSize: batch) { o, j, s in po[o] = px[s] - pc[j] }
                    case .reverseSubtract: plan.forEachSource(of: 0, batchSize: batch) { o, j, s in po[o] = pc[j] - px[s] }
                    case .multiply: plan.forEachSource(of: 0, batchSize: batch) { o, j, s in po[o] = px[s] * pc[j] }
                    case .divide: plan.forEachSource(of: 0, batchSize: batch) { o, j, s in po[o] = px[s] / pc[j] }
                    }
                }
            }
        }
        return Tensor(shape: [batch] + plan.outputShape, data: out)
    }

    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let batch = inputs[0].batchSize
        let g = outputGradient.data
        let n = plan.outputCount
        let contributions: [Double]
        switch operation {
        case .add, .subtract: contributions = g
        case .reverseSubtract: contributions = g.map { -$0 }
        case .multiply: contributions = g.indices.map { g[$0] * expandedConstant[$0 % n] }
        case .divide: contributions = g.indices.map { g[$0] / expandedConstant[$0 % n] }
        }
        return [plan.accumulate(contributions, onto: 0, batchSize: batch)]
    }
}
