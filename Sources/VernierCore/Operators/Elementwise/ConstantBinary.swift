/// An elementwise arithmetic operation between the variable operand `x` and a constant `c` baked in
/// at lowering: `x + c`, `x − c`, `c − x`, `x · c` or `x / c` (ONNX Add/Sub/Mul/Div with one
/// constant input). Every form is affine in `x`.
///
/// Broadcasting goes both ways: the result has the broadcast shape of `x` and `c`, which may be
/// larger than `x` (then one element of `x` feeds several results and its gradient is the sum).
/// Division uses `x / c` itself (not `x · (1/c)`) so values match ONNX runtimes bit for bit.
/// A divisor with a zero is rejected when the operator is made.
public struct ConstantBinary: ConstantOperandOperator {
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

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        let x = inputs[0], c = expandedConstant
        switch operation {
        case .add: return combine(x, expanded: c) { $0 + $1 }
        case .subtract: return combine(x, expanded: c) { $0 - $1 }
        case .reverseSubtract: return combine(x, expanded: c) { $1 - $0 }
        case .multiply: return combine(x, expanded: c) { $0 * $1 }
        case .divide: return combine(x, expanded: c) { $0 / $1 }
        }
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
