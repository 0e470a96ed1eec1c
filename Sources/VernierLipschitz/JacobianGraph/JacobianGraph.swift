import VernierCore

/// A network extended by its own chain rule: for an output row c, the graph maps the input x to
/// J(x) = c·∂y/∂x (flat, one entry per input scalar), computing the forward pass, then the
/// backward pass as ordinary graph nodes (transposed linear maps, and for every activation the
/// product of the incoming gradient with the activation's derivative).
///
/// Every node of it has interval and linear (CROWN) bounds, so bounding J over an input box with
/// the existing engines bounds every Clarke Jacobian row c·∂y/∂x of the network on that box
/// (ReLU-like kinks contribute their whole Clarke set, see `PiecewiseLinearGate`).
public struct JacobianGraph: Sendable {
    /// Input: the network's input; output: J, shape `[inputCount]`.
    public let graph: Graph
    /// The output row c (length = the network's output count).
    public let coefficients: [Double]
    /// Number of forward nodes (values 1...forwardNodeCount are the network's own values).
    public let forwardNodeCount: Int

    /// The value id of J.
    public var jacobianValue: Int { graph.outputValue }

    /// The same graph with the norm head Σ|J_i| appended (output shape `[1]`): its upper bound is
    /// the L∞-input Lipschitz bound, and CROWN tightens J itself on the way (J is the operand of
    /// the absolute value), which the L1 and L2 bounds reuse.
    public func withL1Head() throws -> Graph {
        var g = graph
        let n = g.inputCount
        let abs = Node(name: "jacobian/abs", opType: "Abs", op: ElementwiseActivation(Abs()),
                       inputs: [jacobianValue], shape: [n])
        g.nodes.append(abs)
        let sum = Reduction(.sum, inputShape: [n], axes: [0], keepDims: true)
        g.nodes.append(Node(name: "jacobian/l1", opType: "ReduceSum", op: sum,
                            inputs: [g.nodes.count], shape: try sum.outputShape(for: [[n]])))
        g.outputValue = g.nodes.count
        g.outputName = "jacobian_l1"
        return g
    }
}
