/// Turns a `ModelDocument` into an executable `Graph`.
///
/// Steps: validate names and constants, sort nodes topologically (files may list them in any order),
/// lower each node through the `OperatorRegistry`, fold nodes whose operands are all constant,
/// drop nodes the output does not depend on, and apply the registered pattern rewrites (e.g. the
/// Erf form of GELU becomes one `Gelu` node). Every failure is a `ModelError` naming the node.
public struct GraphBuilder: Sendable {
    public var registry: [String: Lowering]
    /// Apply `GraphRewrites` (pattern fusion) after lowering.
    public var fusePatterns: Bool

    public init(registry: [String: Lowering] = OperatorRegistry.lowerings, fusePatterns: Bool = true) {
        self.registry = registry
        self.fusePatterns = fusePatterns
    }

    /// The state of a named value while building.
    private enum Value {
        case variable(id: Int)
        case constant(Tensor)
    }

    public func build(_ doc: ModelDocument) throws -> Graph {
        guard !doc.nodes.isEmpty else { throw ModelError.invalidGraph("the graph has no nodes") }

        // Constants from initializers, checked for NaN / infinity.
        var values = [String: Value]()
        var initializerNames = Set<String>()
        for t in doc.initializers {
            guard initializerNames.insert(t.name).inserted else {
                throw ModelError.invalidGraph("initializer '\(t.name)' is defined twice")
            }
            try Self.checkFinite(t.doubles, name: t.name)
            guard Shape.count(t.shape) == t.count else {
                throw ModelError.invalidGraph("initializer '\(t.name)' has \(t.count) values but shape \(t.shape)")
            }
            values[t.name] = .constant(t.tensor)
        }

        // The single variable input.
        let variableInputs = doc.inputs.filter { !initializerNames.contains($0.name) }
        guard variableInputs.count == 1 else {
            throw ModelError.invalidGraph(variableInputs.isEmpty
                ? "the model has no input"
                : "the model has \(variableInputs.count) inputs (\(variableInputs.map(\.name).joined(separator: ", "))); Vernier supports single-input models")
        }
        let input = variableInputs[0]
        let inputShape = try Self.concreteShape(of: input)
        values[input.name] = .variable(id: 0)

        guard doc.outputs.count == 1 else {
            throw ModelError.invalidGraph(doc.outputs.isEmpty
                ? "the model declares no output"
                : "the model has \(doc.outputs.count) outputs (\(doc.outputs.map(\.name).joined(separator: ", "))); Vernier supports single-output models")
        }

        let order = try Self.topologicalOrder(doc, defined: Set(values.keys))

        var nodes = [Node]()
        var shapes: [[Int]] = [inputShape]
        var secondaryOutputs = [String: String]()  // value name -> node name, for clear errors

        func lookup(_ name: String, for node: NodeDocument) throws -> Value {
            if let v = values[name] { return v }
            if let producer = secondaryOutputs[name] {
                throw ModelError.invalidNode(node: node.name, opType: node.opType,
                                             message: "reads '\(name)', a secondary output of node '\(producer)', which Vernier does not compute")
            }
            throw ModelError.invalidNode(node: node.name, opType: node.opType, message: "input '\(name)' is not defined")
        }

        let opset = doc.defaultOpset
        for index in order {
            let doc = doc.nodes[index]
            guard let lowering = registry[doc.opType], doc.domain.isEmpty || doc.domain == "ai.onnx" || doc.domain == "vernier" else {
                throw ModelError.unsupportedOperator(opType: doc.opType, node: doc.name, domain: doc.domain)
            }
            var loweringInputs = [LoweringInput]()
            for name in doc.inputs {
                if name.isEmpty { loweringInputs.append(.absent); continue }
                switch try lookup(name, for: doc) {
                case .variable(let id): loweringInputs.append(.variable(shape: shapes[id]))
                case .constant(let t): loweringInputs.append(.constant(t))
                }
            }
            let context = LoweringContext(node: doc, inputs: loweringInputs, opset: opset)
            let lowered: Lowered
            do {
                lowered = try lowering(context)
            } catch let e as ShapeError {
                throw context.error(e.message)
            }
            guard let firstOutput = doc.outputs.first, !firstOutput.isEmpty else {
                throw context.error("has no output")
            }

            func materialize(_ lowered: Lowered, outputName: String) throws -> Value {
                switch lowered {
                case .constant(let t):
                    try Self.checkFinite(t.data, name: outputName)
                    return .constant(t)
                case .alias(let i):
                    guard i < doc.inputs.count, !doc.inputs[i].isEmpty else { throw context.error("aliases a missing input") }
                    return try lookup(doc.inputs[i], for: doc)
                case .outputs:
                    throw context.error("nested multi-output lowering")
                case let .op(op, operands):
                    let operandValues = try operands.map { i -> Value in
                        guard i < doc.inputs.count, !doc.inputs[i].isEmpty else { throw context.error("missing input \(i)") }
                        return try lookup(doc.inputs[i], for: doc)
                    }
                    let operandShapes = operandValues.map { v -> [Int] in
                        switch v {
                        case .variable(let id): shapes[id]
                        case .constant(let t): t.shape
                        }
                    }
                    let outShape: [Int]
                    do { outShape = try op.outputShape(for: operandShapes) } catch let e as ShapeError {
                        throw context.error(e.message)
                    }
                    let constants = operandValues.compactMap { v -> Tensor? in
                        if case .constant(let t) = v { return t } else { return nil }
                    }
                    if constants.count == operandValues.count {
                        // Constant folding: evaluate with a batch of one and drop the batch axis.
                        let out = op.forward(constants.map { $0.batched() }, batchSize: 1)
                        let folded = Tensor(shape: outShape, data: out.data)
                        try Self.checkFinite(folded.data, name: outputName)
                        return .constant(folded)
                    }
                    var ids = [Int]()
                    for (k, v) in operandValues.enumerated() {
                        switch v {
                        case .variable(let id): ids.append(id)
                        case .constant(let t):
                            nodes.append(Node(name: "\(doc.name)/const\(k)", opType: "Constant",
                                              op: ConstantOperator(value: t), inputs: [], shape: t.shape))
                            shapes.append(t.shape)
                            ids.append(nodes.count)
                        }
                    }
                    let name = outputName == firstOutput ? doc.name : "\(doc.name):\(outputName)"
                    nodes.append(Node(name: name, opType: doc.opType, op: op, inputs: ids, shape: outShape))
                    shapes.append(outShape)
                    return .variable(id: nodes.count)
                }
            }

            // One lowered result per output for multi-output ops (Split); otherwise only the first
            // output is computed and reading another one is reported by `lookup`.
            var results: [(String, Lowered)]
            if case .outputs(let parts) = lowered {
                guard parts.count == doc.outputs.count else {
                    throw context.error("has \(doc.outputs.count) outputs but its lowering produced \(parts.count)")
                }
                results = Array(zip(doc.outputs, parts))
            } else {
                results = [(firstOutput, lowered)]
                for extra in doc.outputs.dropFirst() where !extra.isEmpty { secondaryOutputs[extra] = doc.name }
            }
            for (outputName, part) in results where !outputName.isEmpty {
                let result = try materialize(part, outputName: outputName)
                guard values[outputName] == nil else {
                    throw ModelError.invalidGraph("value '\(outputName)' is produced twice (second time by node '\(doc.name)')")
                }
                values[outputName] = result
            }
        }

        let outputName = doc.outputs[0].name
        guard let out = values[outputName] else {
            throw ModelError.invalidGraph("output '\(outputName)' is not produced by any node")
        }
        // outputId may be 0: a graph that is the identity (e.g. a lone Identity node) is valid.
        guard case .variable(let outputId) = out else {
            throw ModelError.invalidGraph("output '\(outputName)' does not depend on the input '\(input.name)'")
        }
        if let declared = doc.outputs[0].shape {
            let fixed = declared.compactMap { if case .fixed(let n) = $0 { n } else { nil } }
            if fixed.count == declared.count, Shape.count(fixed) != Shape.count(shapes[outputId]) {
                throw ModelError.invalidGraph("output '\(outputName)' is declared with shape \(fixed) but computes shape \(shapes[outputId])")
            }
        }

        var graph = Graph(name: doc.name, inputName: input.name, inputShape: inputShape,
                          outputName: outputName, nodes: nodes, outputValue: outputId, metadata: doc.metadata)
        graph = graph.prunedToOutput()
        if fusePatterns { graph = GraphRewrites.apply(to: graph) }
        return graph
    }

    // MARK: Helpers

    static func checkFinite(_ data: [Double], name: String) throws {
        if let i = data.firstIndex(where: { !$0.isFinite }) {
            throw ModelError.nonFiniteValue(tensor: name, index: i)
        }
    }

    /// The input's per-sample shape. A symbolic or unknown leading (batch) dimension is taken as 1;
    /// any other symbolic dimension cannot be verified and is rejected.
    static func concreteShape(of info: ValueInfo) throws -> [Int] {
        guard let dims = info.shape else {
            throw ModelError.invalidGraph("input '\(info.name)' has no shape")
        }
        return try dims.enumerated().map { i, d in
            switch d {
            case .fixed(let n) where n > 0: return n
            case .fixed(let n) where i == 0 && n <= 0: return 1
            case .symbolic, .unknown:
                if i == 0 { return 1 }
                throw ModelError.invalidGraph("input '\(info.name)' has a dynamic dimension \(i); give it a fixed size")
            case .fixed(let n):
                throw ModelError.invalidGraph("input '\(info.name)' has dimension \(i) of size \(n)")
            }
        }
    }

    /// Kahn's algorithm over value names; rejects undefined inputs and cycles.
    static func topologicalOrder(_ doc: ModelDocument, defined: Set<String>) throws -> [Int] {
        var producer = [String: Int]()
        for (i, n) in doc.nodes.enumerated() {
            for o in n.outputs where !o.isEmpty {
                if let j = producer[o] {
                    throw ModelError.invalidGraph("value '\(o)' is produced by both node '\(doc.nodes[j].name)' and node '\(n.name)'")
                }
                if defined.contains(o) {
                    throw ModelError.invalidGraph("node '\(n.name)' writes '\(o)', which is already a graph input or initializer")
                }
                producer[o] = i
            }
        }
        var indegree = [Int](repeating: 0, count: doc.nodes.count)
        var dependents = [[Int]](repeating: [], count: doc.nodes.count)
        for (i, n) in doc.nodes.enumerated() {
            for name in Set(n.inputs) where !name.isEmpty {
                if let p = producer[name] {
                    indegree[i] += 1
                    dependents[p].append(i)
                } else if !defined.contains(name) {
                    throw ModelError.invalidNode(node: n.name, opType: n.opType, message: "input '\(name)' is not defined (no node, initializer or graph input has that name)")
                }
            }
        }
        var ready = (0..<doc.nodes.count).filter { indegree[$0] == 0 }
        var order = [Int]()
        order.reserveCapacity(doc.nodes.count)
        var head = 0
        while head < ready.count {
            let i = ready[head]; head += 1
            order.append(i)
            for d in dependents[i] {
                indegree[d] -= 1
                if indegree[d] == 0 { ready.append(d) }
            }
        }
        if order.count < doc.nodes.count {
            let stuck = (0..<doc.nodes.count).filter { indegree[$0] > 0 }.prefix(5).map { "'\(doc.nodes[$0].name)'" }
            throw ModelError.invalidGraph("the graph has a cycle through node(s) \(stuck.joined(separator: ", "))")
        }
        return order
    }
}

extension Graph {
    /// Removes nodes the output does not depend on and renumbers values.
    public func prunedToOutput() -> Graph {
        var needed = [Bool](repeating: false, count: valueCount)
        needed[outputValue] = true
        for i in stride(from: nodes.count - 1, through: 0, by: -1) where needed[i + 1] {
            for v in nodes[i].inputs { needed[v] = true }
        }
        if needed.dropFirst().allSatisfy({ $0 }) { return self }
        var newId = [Int](repeating: -1, count: valueCount)
        newId[0] = 0
        var kept = [Node]()
        for (i, node) in nodes.enumerated() where needed[i + 1] {
            var n = node
            n.inputs = node.inputs.map { newId[$0] }
            kept.append(n)
            newId[i + 1] = kept.count
        }
        var g = self
        g.nodes = kept
        g.outputValue = newId[outputValue]
        return g
    }
}
