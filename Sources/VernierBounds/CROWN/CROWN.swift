import VernierCore

/// Linear bound propagation (CROWN) on a graph: intermediate bounds by backward passes from every
/// value a nonlinear operator reads (kept only where tighter than IBP), then bounds on the rows of
/// a specification matrix C over the network output.
public struct CROWN: Sendable {
    public struct Options: Sendable {
        /// Values larger than this get IBP bounds only (a backward pass costs 2n rows).
        public var maxIntermediateSize: Int = 4096
        public init(maxIntermediateSize: Int = 4096) { self.maxIntermediateSize = maxIntermediateSize }
    }

    public let graph: Graph
    public var options: Options

    public init(graph: Graph, options: Options = Options()) {
        self.graph = graph
        self.options = options
    }

    /// Bounds of `C·y` for y = f(x), x in the box.
    public struct Result: Sendable {
        /// Per specification row: certified lower and upper bounds of c·y.
        public var lower: [Double]
        public var upper: [Double]
        /// Per value id: the bounds used (CROWN where computed, IBP otherwise).
        public var intermediate: [IntervalTensor]
        /// The linear form in the input that the backward pass produced for the stacked rows [C; −C]
        /// (min_x (A·x + offset)_r). The reported `lower`/`upper` may be tighter (IBP of the rows and
        /// concretisation cuts are taken into account), so use this for heuristics — split scores,
        /// counterexample probes — not as the bound itself.
        public var lowerForm: BackwardPass.Result
    }

    /// Per-sample (batch 1) bounds for every value: IBP, then CROWN for the operands of nonlinear nodes.
    public func intermediateBounds(lower: [Double], upper: [Double],
                                   parameters: [Int: RelaxationParameters] = [:]) throws -> [IntervalTensor] {
        try intermediateBoundsAndLines(lower: lower, upper: upper, parameters: parameters).bounds
    }

    /// Intermediate bounds and, for every activation node without given parameters, its relaxation
    /// lines on its final operand bounds (as parameters, so later passes reuse them).
    func intermediateBoundsAndLines(lower: [Double], upper: [Double], parameters: [Int: RelaxationParameters])
        throws -> (bounds: [IntervalTensor], parameters: [Int: RelaxationParameters]) {
        var cached = parameters
        let box = IntervalTensor(lower: Tensor(shape: [1] + graph.inputShape, data: lower),
                                 upper: Tensor(shape: [1] + graph.inputShape, data: upper))
        var bounds = try IntervalBoundPropagation.run(graph, input: box)
        var refined = Set<Int>([0])
        for (index, node) in graph.nodes.enumerated() {
            // Operators without a linear relaxation use their interval bound (see BackwardPass):
            // their operands need no tightening.
            guard let op = node.op as? any LinearBoundPropagating, op.needsOperandBounds else { continue }
            defer {
                // The operands' bounds are final now: fix this activation's lines once.
                if let act = node.op as? any ActivationRelaxing, parameters[index] == nil {
                    cached[index] = RelaxationParameters(lines: act.relaxations(bounds[node.inputs[0]], parameters: nil))
                }
            }
            for v in node.inputs where !refined.contains(v) {
                refined.insert(v)
                // Constants are exact already.
                if v > 0, graph.nodes[v - 1].op is ConstantOperator { continue }
                let n = bounds[v].count
                guard n <= options.maxIntermediateSize else { continue }
                let pass = BackwardPass(graph: graph, bounds: bounds, parameters: cached)
                let r = try pass.lowerBounds(.identityAndNegation(n), at: v)
                var b = bounds[v]
                for j in 0..<n {
                    b.lower.data[j] = max(b.lower.data[j], r.lower[j])
                    b.upper.data[j] = min(b.upper.data[j], -r.lower[n + j])
                    // Rounding can only make the two bounds cross by ulps on a point value; keep
                    // the IBP pair then (both are sound, so the true value lies in both).
                    if b.lower.data[j] > b.upper.data[j] {
                        b.lower.data[j] = bounds[v].lower.data[j]
                        b.upper.data[j] = bounds[v].upper.data[j]
                    }
                }
                bounds[v] = b
            }
        }
        return (bounds, cached)
    }

    /// Bounds on every row of `specification` (rows × outputCount) applied to the network output.
    public func bounds(lower: [Double], upper: [Double], specification c: CoefficientMatrix,
                       parameters: [Int: RelaxationParameters] = [:]) throws -> Result {
        precondition(c.columns == graph.outputCount, "specification has \(c.columns) columns for \(graph.outputCount) outputs")
        let (inter, lines) = try intermediateBoundsAndLines(lower: lower, upper: upper, parameters: parameters)
        let m = c.rows
        var stacked = c
        stacked.rows = 2 * m
        stacked.data += c.data.map { -$0 }
        let pass = BackwardPass(graph: graph, bounds: inter, parameters: lines)
        let r = try pass.lowerBounds(stacked, at: graph.outputValue)
        // Never looser than the interval bound of the same rows (both are sound).
        let out = inter[graph.outputValue]
        let rows = (0..<(2 * m)).map { Array(stacked.data[($0 * c.columns)..<(($0 + 1) * c.columns)]) }
        let ibp = LinearFormBounds.lowerBounds(of: rows, lower: out.lower.data, upper: out.upper.data)
        let best = zip(r.lower, ibp).map { max($0, $1) }
        return Result(lower: Array(best[0..<m]), upper: best[m..<(2 * m)].map { -$0 },
                      intermediate: inter, lowerForm: r)
    }
}
