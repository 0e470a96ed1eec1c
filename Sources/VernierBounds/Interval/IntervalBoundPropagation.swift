import VernierCore

/// Interval bound propagation (IBP): one forward pass of `IntervalPropagating.interval` through
/// the graph. Sound because each operator's enclosure is sound and enclosures compose.
public enum IntervalBoundPropagation {
    /// Bounds for every value of `graph` (index = value id) given the input box.
    ///
    /// - Parameter input: batched box of shape `[B] + graph.inputShape` (or `[B, inputCount]`).
    /// - Throws: `UnsupportedBoundError` naming the first node whose operator has no interval bound.
    public static func run(_ graph: Graph, input: IntervalTensor) throws -> [IntervalTensor] {
        let b = input.lower.batchSize
        var values = [IntervalTensor]()
        values.reserveCapacity(graph.valueCount)
        values.append(input.reshaped([b] + graph.inputShape))
        for node in graph.nodes {
            guard let op = node.op as? any IntervalPropagating else {
                throw UnsupportedBoundError(node: node.name, kind: node.op.kind, method: "interval bound propagation")
            }
            var out = op.interval(node.inputs.map { values[$0] })
            // NaN would silently break every later comparison: widen it to the whole line instead.
            for i in out.lower.data.indices where out.lower.data[i].isNaN || out.upper.data[i].isNaN {
                out.lower.data[i] = -.infinity
                out.upper.data[i] = .infinity
            }
            values.append(out)
        }
        return values
    }

    /// Bounds of the network output only.
    public static func outputBounds(_ graph: Graph, input: IntervalTensor) throws -> IntervalTensor {
        try run(graph, input: input)[graph.outputValue]
    }

    /// Which nodes have no interval bound (node name, operator kind), for `vernier info`.
    public static func unsupportedNodes(_ graph: Graph) -> [(node: String, kind: String)] {
        graph.nodes.filter { !($0.op is any IntervalPropagating) }.map { ($0.name, $0.op.kind) }
    }
}
