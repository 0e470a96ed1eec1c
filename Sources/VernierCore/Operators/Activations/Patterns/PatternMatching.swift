/// Structural queries over a lowered `Graph` shared by the activation rewrites.
struct PatternMatcher {
    let graph: Graph
    let consumers: [[Int]]

    init(_ graph: Graph) {
        self.graph = graph
        consumers = graph.consumers()
    }

    /// The node producing value `v` (nil for the network input).
    func producer(_ v: Int) -> Node? { v == 0 ? nil : graph.nodes[v - 1] }

    /// Whether `v` is an intermediate result that only the node `consumer` reads, so that removing
    /// it with its pattern cannot change any other part of the graph.
    func isPrivate(_ v: Int, to consumer: Int) -> Bool {
        v != 0 && v != graph.outputValue && consumers[v] == [consumer]
    }

    /// The variable operand and the constant of a `ConstantBinary` node with the given operation
    /// whose constant has one value in every element and does not broadcast the result beyond the
    /// operand's shape.
    func constantBinary(of v: Int, _ operation: ConstantBinary.Operation) -> (operand: Int, constant: Double)? {
        guard let node = producer(v), let op = node.op as? ConstantBinary, op.operation == operation,
              node.inputs.count == 1, op.plan.outputShape == graph.shape(of: node.inputs[0]),
              let c = op.constant.data.first, op.constant.data.allSatisfy({ $0 == c })
        else { return nil }
        return (node.inputs[0], c)
    }

    /// The variable operand of a `ConstantBinary` whose constant is exactly `value`.
    func constantBinaryOperand(of v: Int, _ operation: ConstantBinary.Operation, exactly value: Double) -> Int? {
        guard let (x, c) = constantBinary(of: v, operation), c == value else { return nil }
        return x
    }

    /// The operand of an activation node of type `A`.
    func activationOperand<A: ScalarActivation>(of v: Int, _ type: A.Type) -> Int? {
        guard let node = producer(v), node.op is ElementwiseActivation<A>, node.inputs.count == 1 else { return nil }
        return node.inputs[0]
    }

    /// The two operands of a general (variable × variable) `Mul` node that does not broadcast.
    func productOperands(of v: Int) -> (Int, Int)? {
        guard let node = producer(v), node.op is Mul, node.inputs.count == 2,
              graph.shape(of: node.inputs[0]) == node.shape, graph.shape(of: node.inputs[1]) == node.shape
        else { return nil }
        return (node.inputs[0], node.inputs[1])
    }

    /// A copy of the graph where node `index` is replaced by `activation` applied to value `operand`;
    /// the nodes of the matched pattern become dead and are pruned by `GraphRewrites`.
    func replacing<A: ScalarActivation>(_ index: Int, with activation: A, opType: String, operand: Int) -> Graph {
        var g = graph
        let old = graph.nodes[index]
        g.nodes[index] = Node(name: old.name, opType: opType, op: ElementwiseActivation(activation),
                              inputs: [operand], shape: old.shape)
        return g
    }

    /// Whether a constant equals `target` to within a few ulps of the precision it was stored in:
    /// 4 ulps of binary64, or — for a value that is itself a float32 number, as exporters write
    /// √2 = 1.4142135 — 2 ulps of binary32. The function computed with the exact constant then
    /// differs from the file's by at most that rounding of the constant (≈ 6·10⁻⁸ relative for
    /// float32 files, whose own evaluation is already that coarse).
    static func matches(_ c: Double, _ target: Double) -> Bool {
        let difference = abs(c - target)
        if difference <= 4 * target.ulp { return true }
        return Double(Float(c)) == c && difference <= 2 * Double(Float(target).ulp)
    }
}
