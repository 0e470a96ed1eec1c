/// An executable operator of the graph IR.
///
/// Operators see only *variable* operands (values that depend on the network input); constants such
/// as weights, shapes and indices are baked into the operator when the graph is built. Every operand
/// and the result are batched: an operand with per-sample shape `s` arrives as a tensor of shape
/// `[B] + s`, and the result must have shape `[B] + outputShape(...)`.
///
/// Capabilities beyond evaluation (interval bounds, linear relaxations, LP encodings) are added by
/// conforming to the matching protocol in the module that owns that capability.
public protocol Operator: Sendable, CustomStringConvertible {
    /// Short kind name used in messages, e.g. `Linear`, `Relu`, `Conv`.
    var kind: String { get }

    /// Per-sample output shape for the given per-sample operand shapes.
    /// Throws `ShapeError` when the operands do not fit the operator.
    func outputShape(for inputShapes: [[Int]]) throws -> [Int]

    /// Batched forward evaluation. `batchSize` is `B` (needed by operators without operands).
    func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor

    /// Reverse mode: given the operands, the forward result and ∂L/∂output, returns ∂L/∂operand for
    /// every operand (same shapes as the operands). For non-differentiable points an element of the
    /// Clarke generalised gradient is returned (e.g. 0 for ReLU at 0).
    func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor]
}

extension Operator {
    public var description: String { kind }
}

/// A shape incompatibility found while building a graph.
public struct ShapeError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
