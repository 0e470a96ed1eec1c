import VernierCore

/// Builds `JacobianGraph`s from a network graph by symbolic reverse-mode differentiation.
///
/// Supported (anything else is rejected naming the op and node): Gemm/MatMul/Conv and other
/// constant-weight linear maps (transposed, `LinearJacobian`), BatchNormalization (per-element
/// scale), Add/Sub/Mul by a constant, Neg, Add/Sub of two variables of one shape, Flatten/Reshape,
/// Transpose/Slice/Gather, and the activations Relu, LeakyRelu (`PiecewiseLinearGate`), Sigmoid,
/// Tanh, Softplus, Gelu (exact form), Silu/Swish(β = 1) (g · f′(z) with f′ a declarative
/// derivative activation, relaxed by McCormick planes). Division by a constant is rejected because
/// 1/c is not exact in floating point, so the chain rule could not be reproduced exactly.
///
/// Nothing is constant-folded: the seed c is a `Constant` node and every product is a node, so the
/// bound engines account for all rounding (folding c·W in floating point would bound a slightly
/// different function).
public struct JacobianGraphBuilder: Sendable {
    public let network: Graph

    public init(graph: Graph) { network = graph }

    /// The Jacobian graph of the row `coefficients` (one per network output).
    public func build(coefficients c: [Double]) throws -> JacobianGraph {
        guard c.count == network.outputCount else {
            throw LipschitzError.invalidArgument("the output row has \(c.count) coefficients; the model has \(network.outputCount) outputs")
        }
        var b = Assembly(network: network)
        return try b.run(c)
    }

    /// The Jacobian graph of output `k`.
    public func build(output k: Int) throws -> JacobianGraph {
        guard (0..<network.outputCount).contains(k) else {
            throw LipschitzError.invalidArgument("output \(k) is out of range: the model has \(network.outputCount) outputs (0-based)")
        }
        return try build(coefficients: (0..<network.outputCount).map { $0 == k ? 1 : 0 })
    }
}

/// The mutable state of one build: the node list and, per network value, its gradient value.
private struct Assembly {
    let network: Graph
    var nodes: [Node]
    /// Network value id → value id of ∂(c·y)/∂value, flat (`[count]`).
    var gradients: [Int: Int] = [:]

    init(network: Graph) {
        self.network = network
        nodes = network.nodes
    }

    /// Appends a node and returns its value id.
    mutating func append(_ name: String, _ opType: String, _ op: any Operator, _ inputs: [Int]) throws -> Int {
        let shapes = inputs.map { $0 == 0 ? network.inputShape : nodes[$0 - 1].shape }
        let shape = try op.outputShape(for: shapes)
        nodes.append(Node(name: name, opType: opType, op: op, inputs: inputs, shape: shape))
        return nodes.count
    }

    /// Adds a contribution to the gradient of network value `v`.
    mutating func accumulate(_ v: Int, _ g: Int, from node: String) throws {
        guard let existing = gradients[v] else { gradients[v] = g; return }
        let n = Shape.count(network.shape(of: v))
        gradients[v] = try append("\(node)/grad_sum", "Add", try Add(shapes: [n], [n]), [existing, g])
    }

    /// g ⊙ constant (elementwise, flat).
    mutating func scaled(_ g: Int, by scale: [Double], name: String) throws -> Int {
        let op = try ConstantBinary(.multiply, constant: Tensor(shape: [scale.count], data: scale), inputShape: [scale.count])
        return try append(name, "Mul", op, [g])
    }

    func dependsOnInput() -> [Bool] {
        var depends = [Bool](repeating: false, count: network.valueCount)
        depends[0] = true
        for (i, node) in network.nodes.enumerated() { depends[i + 1] = node.inputs.contains { depends[$0] } }
        return depends
    }

    mutating func run(_ c: [Double]) throws -> JacobianGraph {
        let depends = dependsOnInput()
        let seed = try append("jacobian/seed", "Constant", ConstantOperator(value: Tensor(shape: [c.count], data: c)), [])
        gradients[network.outputValue] = seed
        for i in stride(from: network.nodes.count - 1, through: 0, by: -1) {
            let value = i + 1
            guard depends[value], let g = gradients[value] else { continue }
            try differentiate(network.nodes[i], gradient: g, depends: depends)
        }
        let n = network.inputCount
        let jacobian: Int
        if let g = gradients[0] {
            jacobian = g
        } else {
            // The output does not depend on the input: J = 0.
            jacobian = try append("jacobian/zero", "Constant", ConstantOperator(value: Tensor.zeros([n])), [])
        }
        let graph = Graph(name: network.name + "-jacobian", inputName: network.inputName, inputShape: network.inputShape,
                          outputName: "jacobian", nodes: nodes, outputValue: jacobian, metadata: network.metadata)
        return JacobianGraph(graph: graph, coefficients: c, forwardNodeCount: network.nodes.count)
    }

    /// Appends the chain-rule step of one node and accumulates its operands' gradients.
    mutating func differentiate(_ node: Node, gradient g: Int, depends: [Bool]) throws {
        let name = "jacobian/\(node.name)"
        let operands = node.inputs
        func reject(_ reason: String) -> LipschitzError {
            .unsupportedOperator(kind: node.opType.isEmpty ? node.op.kind : node.opType, node: node.name, reason: reason)
        }
        let op = node.op
        let count = Shape.count(node.shape)

        if op is ConstantOperator { return }
        if let act = op as? any ActivationOperator {
            try differentiateActivation(act.scalarActivation, node: node, gradient: g, name: name, reject: reject)
            return
        }
        if op is Reshape {
            try accumulate(operands[0], g, from: name)
            return
        }
        if op is Neg {
            try accumulate(operands[0], try scaled(g, by: [Double](repeating: -1, count: count), name: name), from: name)
            return
        }
        if let cb = op as? ConstantBinary {
            guard cb.plan.outputCount == Shape.count(cb.inputShape) else {
                throw reject("the constant broadcasts the variable operand to a larger shape")
            }
            switch cb.operation {
            case .add, .subtract:
                try accumulate(operands[0], g, from: name)
            case .reverseSubtract:
                try accumulate(operands[0], try scaled(g, by: [Double](repeating: -1, count: count), name: name), from: name)
            case .multiply:
                try accumulate(operands[0], try scaled(g, by: cb.expandedConstant, name: name), from: name)
            case .divide:
                throw reject("division by a constant has the inexact derivative 1/c; multiply by the reciprocal instead")
            }
            return
        }
        if let bn = op as? ChannelAffine {
            // Per-element scale: channel c covers a contiguous block of `inner` elements per sample.
            let inner = count / max(1, node.shape.count >= 2 ? node.shape[0] * bn.channels : bn.channels)
            var scale = [Double]()
            scale.reserveCapacity(count)
            while scale.count < count {
                for ch in 0..<bn.channels { scale.append(contentsOf: repeatElement(bn.scale[ch], count: inner)) }
            }
            try accumulate(operands[0], try scaled(g, by: scale, name: name), from: name)
            return
        }
        if op is Add || op is Sub {
            let shapes = operands.map { network.shape(of: $0) }
            guard shapes.allSatisfy({ Shape.count($0) == count }) else {
                throw reject("operands of different sizes (broadcasting) are not supported")
            }
            if depends[operands[0]] { try accumulate(operands[0], g, from: name) }
            if depends[operands[1]] {
                let second = op is Sub ? try scaled(g, by: [Double](repeating: -1, count: count), name: name + "/neg") : g
                try accumulate(operands[1], second, from: name)
            }
            return
        }
        if op is Linear || op is Conv || op is LeftLinear || op is IndexSelect {
            guard operands.count == 1 else { throw reject("expected one variable operand") }
            let (weights, inCount, outCount) = try LinearJacobian.transposedWeights(of: node, operandShape: network.shape(of: operands[0]))
            let transposed = Linear(weights: weights, outFeatures: inCount, inFeatures: outCount)
            try accumulate(operands[0], try append(name, "LinearTranspose", transposed, [g]), from: name)
            return
        }
        throw reject("no chain rule for this operator (supported: linear maps, BatchNormalization, Add/Sub/Mul by constants, Reshape, Relu, LeakyRelu, Sigmoid, Tanh, Softplus, Gelu, Silu)")
    }

    /// g ⊙ f′(z) for the activation node `node` with pre-activation z = its operand.
    mutating func differentiateActivation(_ f: any ScalarActivation, node: Node, gradient g: Int, name: String,
                                          reject: (String) -> LipschitzError) throws {
        let z = node.inputs[0]
        let n = Shape.count(node.shape)
        let derivative: any ScalarActivation
        switch f {
        case is Relu:
            try accumulate(z, try append(name, "ReluGate", PiecewiseLinearGate(left: 0, atZero: f.derivative(0)), [g, z]), from: name)
            return
        case let leaky as LeakyRelu:
            try accumulate(z, try append(name, "LeakyReluGate", PiecewiseLinearGate(left: leaky.alpha, atZero: f.derivative(0)), [g, z]), from: name)
            return
        case is Sigmoid: derivative = SigmoidDerivative()
        case is Tanh: derivative = TanhDerivative()
        case is Softplus: derivative = Sigmoid()
        case is Silu: derivative = SiluDerivative()
        case let swish as Swish where swish.beta == 1: derivative = SiluDerivative()
        case let gelu as Gelu where gelu.erfArgument == .standard: derivative = GeluDerivative()
        default:
            throw reject("no derivative relaxation for activation \(f.name) (supported: Relu, LeakyRelu, Sigmoid, Tanh, Softplus, Gelu, Silu)")
        }
        var d = try append(name + "/derivative", derivative.name, Self.wrap(derivative), [z])
        if node.shape != [n] {
            d = try append(name + "/derivative_flat", "Reshape", try Reshape(inputShape: node.shape, resultShape: [n]), [d])
        }
        try accumulate(z, try append(name, "Mul", try Mul(shapes: [n], [n]), [g, d]), from: name)
    }

    /// `ElementwiseActivation` of an existential activation (opens the existential).
    static func wrap<A: ScalarActivation>(_ a: A) -> any Operator { ElementwiseActivation(a) }
}
