/// A constant that feeds a variable operator (e.g. the second operand of a `Concat` whose first is
/// variable). It has no operands; its value is repeated over the batch.
public struct ConstantOperator: Operator {
    public let value: Tensor
    public init(value: Tensor) { self.value = value }

    public var kind: String { "Constant" }
    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] { value.shape }
    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor { value.broadcastToBatch(batchSize) }
    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] { [] }
}
