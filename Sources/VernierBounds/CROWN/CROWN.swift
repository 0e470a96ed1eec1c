import VernierCore

/// Linear bound propagation (CROWN) on a graph: intermediate bounds by backward passes from every
/// value a nonlinear operator reads (kept only where tighter than IBP), then bounds on the rows of
/// a specification matrix C over the network output.
public struct CROWN: Sendable {
    public struct Options: Sendable {
        /// Values larger than this get IBP bounds only (a backward pass costs 2n rows).
        public var maxIntermediateSize: Int = 4096
        /// Refine only the elements whose consuming activations are inexact on their current
        /// interval (an unstable ReLU, any interval of a curved function); an activation that is
        /// linear on its interval relaxes exactly whatever the interval, so a tighter interval buys
        /// nothing (stable neurons still get the interval re-propagated from the tightened layer
        /// below). This cuts most rows of the backward passes (mnist 256x2: from 1024 to the
        /// unstable few); turn it off to get CROWN's tightest bound on every intermediate value.
        public var refineOnlyInexact: Bool = true
        /// Elements of one value bounded per backward pass (2 rows each); larger values are
        /// bounded in several passes with the same result.
        public var rowChunk: Int = 256
        public init(maxIntermediateSize: Int = 4096, refineOnlyInexact: Bool = true, rowChunk: Int = 256) {
            precondition(rowChunk > 0, "rowChunk must be positive")
            self.maxIntermediateSize = maxIntermediateSize
            self.refineOnlyInexact = refineOnlyInexact
            self.rowChunk = rowChunk
        }
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
        /// False when split restrictions made the domain empty (bounds vacuous: +∞ / −∞).
        public var feasible: Bool = true
        /// Per activation node, the relaxation lines used (on `intermediate`).
        public var lines: [Int: RelaxationParameters] = [:]
    }

    /// Per-sample (batch 1) bounds for every value: IBP, then CROWN for the operands of nonlinear nodes.
    public func intermediateBounds(lower: [Double], upper: [Double],
                                   parameters: [Int: RelaxationParameters] = [:]) throws -> [IntervalTensor] {
        try intermediateBoundsAndLines(lower: lower, upper: upper, parameters: parameters).bounds
    }

    /// Intermediate bounds and, for every activation node without given parameters, its relaxation
    /// lines on its final operand bounds (as parameters, so later passes reuse them).
    func intermediateBoundsAndLines(lower: [Double], upper: [Double], parameters: [Int: RelaxationParameters],
                                    restrictions: BoundRestrictions = .init(), parent: [IntervalTensor]? = nil,
                                    enclosing: [Int: IntervalTensor]? = nil)
        throws -> (bounds: [IntervalTensor], parameters: [Int: RelaxationParameters], feasible: Bool) {
        var cached = parameters
        let box = IntervalTensor(lower: Tensor(shape: [1] + graph.inputShape, data: lower),
                                 upper: Tensor(shape: [1] + graph.inputShape, data: upper))
        var bounds = try IntervalBoundPropagation.run(graph, input: box)
        // Bounds computed on a box containing this one hold here too: start from the intersection,
        // so no relaxation is built on a looser interval than on the enclosing box (input
        // splitting: a half's intervals are never wider than its parent's). An empty intersection
        // (rounding on a point value) keeps the fresh bound; both are sound.
        if let enclosing {
            for (v, outer) in enclosing {
                precondition(bounds.indices.contains(v) && outer.count == bounds[v].count, "enclosing bounds for another graph")
                bounds[v] = Self.intersect(bounds[v], outer) ?? bounds[v]
            }
        }
        var feasible = true
        // A sub-domain's bounds: the parent's bounds hold on it too (it is a subset), and values
        // that precede every restriction are unchanged, so they are reused without a new pass.
        if let parent {
            precondition(parent.count == bounds.count, "parent bounds for another graph")
            for v in bounds.indices {
                if v <= restrictions.firstValue {
                    bounds[v] = parent[v]
                } else {
                    bounds[v] = Self.intersect(bounds[v], parent[v]) ?? parent[v]
                }
            }
        }
        for v in bounds.indices where !restrictions.apply(to: &bounds[v], value: v) { feasible = false }
        if !feasible { return (bounds, cached, false) }
        let consumers = graph.consumers()
        var refined = Set<Int>([0])
        if parent != nil {
            // The first restricted value itself depends only on earlier values: its parent bound,
            // clamped above, is final too.
            for v in 0..<(restrictions.isEmpty ? bounds.count : min(restrictions.firstValue, bounds.count - 1) + 1) { refined.insert(v) }
        }
        for (index, node) in graph.nodes.enumerated() {
            defer {
                // Re-propagate this node's interval from its operands' final (possibly CROWN-
                // tightened) bounds and keep the intersection: the first IBP pass started from the
                // box alone, and a tightened layer often proves many neurons of the next one stable.
                if !refined.contains(index + 1) { Self.repropagate(graph, node: index, bounds: &bounds) }
            }
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
                let elements = options.refineOnlyInexact ? inexactElements(of: v, bounds: bounds[v], consumers: consumers[v]) : Array(0..<n)
                if elements.isEmpty { continue }
                let pass = BackwardPass(graph: graph, bounds: bounds, parameters: cached)
                var b = bounds[v]
                // In chunks of `rowChunk` elements: the coefficient matrices of a pass are rows ×
                // the widest layer, and dist_shift's 784 sigmoid inputs made them 10 MB each, most
                // of a one-shot run's time going to first-touch page faults.
                let chunk = max(1, options.rowChunk)
                for start in stride(from: 0, to: elements.count, by: chunk) {
                    let part = elements[start..<min(start + chunk, elements.count)]
                    let k = part.count
                    let r = try pass.lowerBoundsOfElements(Array(part), at: v)
                    for (i, j) in part.enumerated() {
                        b.lower.data[j] = max(b.lower.data[j], r.lower[i])
                        b.upper.data[j] = min(b.upper.data[j], -r.lower[k + i])
                        // Rounding can only make the two bounds cross by ulps on a point value; keep
                        // the IBP pair then (both are sound, so the true value lies in both).
                        if b.lower.data[j] > b.upper.data[j] {
                            b.lower.data[j] = bounds[v].lower.data[j]
                            b.upper.data[j] = bounds[v].upper.data[j]
                        }
                    }
                }
                // A split decision on this value narrows it further; an empty result means no
                // input of the domain reaches this point (see `BoundRestrictions`).
                if !restrictions.apply(to: &b, value: v) { return (bounds, cached, false) }
                bounds[v] = b
            }
        }
        return (bounds, cached, true)
    }

    /// Elements of value `v` worth refining: all of them unless every consumer is an activation,
    /// then those on which some consuming activation is not linear.
    func inexactElements(of v: Int, bounds b: IntervalTensor, consumers: [Int]) -> [Int] {
        let acts = consumers.compactMap { graph.nodes[$0].op as? any ActivationOperator }
        guard acts.count == consumers.count, !acts.isEmpty else { return Array(0..<b.count) }
        return (0..<b.count).filter { j in
            let l = b.lower.data[j], u = b.upper.data[j]
            guard l.isFinite, u.isFinite else { return true }
            return acts.contains { act in !ScalarRelaxation.isAffine(act.scalarActivation, l, u) }
        }
    }

    /// Tightens the output of node `index` to its interval bound recomputed from its operands'
    /// current bounds, where that is tighter (both enclose the value; an empty intersection keeps
    /// the old bound).
    static func repropagate(_ graph: Graph, node index: Int, bounds: inout [IntervalTensor]) {
        let node = graph.nodes[index]
        guard let iop = node.op as? any IntervalPropagating else { return }
        let fresh = iop.interval(node.inputs.map { bounds[$0] })
        if fresh.count == bounds[index + 1].count, let both = intersect(bounds[index + 1], fresh) {
            bounds[index + 1] = both
        }
    }

    /// The elementwise intersection, or nil when it is empty somewhere (then the caller keeps one
    /// of the two: both enclose every reachable value, so an empty intersection only arises from
    /// an empty domain or ulp-level rounding on a point value).
    static func intersect(_ a: IntervalTensor, _ b: IntervalTensor) -> IntervalTensor? {
        var out = a
        for j in 0..<a.count {
            out.lower.data[j] = max(a.lower.data[j], b.lower.data[j])
            out.upper.data[j] = min(a.upper.data[j], b.upper.data[j])
            if out.lower.data[j] > out.upper.data[j] { return nil }
        }
        return out
    }

    /// Bounds on every row of `specification` (rows × outputCount) applied to the network output.
    ///
    /// With `restrictions` (split decisions) the bounds hold on the sub-domain they describe;
    /// `parent` passes the bounds of a domain containing it, reused where the restrictions cannot
    /// change them. `result.feasible == false` means the restrictions are contradictory: the
    /// sub-domain is empty and every bound is vacuous (reported as +∞ lower, −∞ upper).
    /// `enclosing` passes bounds (value id → bounds) known to hold on a box containing this one;
    /// they are intersected with the fresh ones before any relaxation is built.
    /// `trace` records each node's output coefficients (`lowerForm.nodeCoefficients`), which
    /// branching heuristics read. `lowerOnly` skips the rows −C: `upper` is then +∞ and `lowerForm`
    /// has m rows instead of 2m.
    public func bounds(lower: [Double], upper: [Double], specification c: CoefficientMatrix,
                       parameters: [Int: RelaxationParameters] = [:],
                       restrictions: BoundRestrictions = .init(), parent: [IntervalTensor]? = nil,
                       trace: Bool = false, lowerOnly: Bool = false, enclosing: [Int: IntervalTensor]? = nil) throws -> Result {
        precondition(c.columns == graph.outputCount, "specification has \(c.columns) columns for \(graph.outputCount) outputs")
        let (inter, lines, feasible) = try intermediateBoundsAndLines(lower: lower, upper: upper, parameters: parameters,
                                                                      restrictions: restrictions, parent: parent,
                                                                      enclosing: enclosing)
        let m = c.rows
        guard feasible else {
            let formRows = lowerOnly ? m : 2 * m
            let empty = BackwardPass.Result(lower: [Double](repeating: .infinity, count: formRows),
                                            inputCoefficients: .zeros(rows: formRows, columns: graph.inputCount),
                                            offset: [Double](repeating: 0, count: formRows))
            return Result(lower: [Double](repeating: .infinity, count: m), upper: [Double](repeating: -.infinity, count: m),
                          intermediate: inter, lowerForm: empty, feasible: false, lines: lines)
        }
        var stacked = c
        if !lowerOnly {
            stacked.rows = 2 * m
            stacked.data += c.data.map { -$0 }
        }
        let pass = BackwardPass(graph: graph, bounds: inter, parameters: lines)
        let r = try pass.lowerBounds(stacked, at: graph.outputValue, trace: trace)
        // Never looser than the interval bound of the same rows (both are sound).
        let out = inter[graph.outputValue]
        let ibp = LinearFormBounds.lowerBounds(of: stacked, lower: out.lower.data, upper: out.upper.data)
        let best = zip(r.lower, ibp).map { max($0, $1) }
        let upper = lowerOnly ? [Double](repeating: .infinity, count: m) : best[m..<(2 * m)].map { -$0 }
        return Result(lower: Array(best[0..<m]), upper: upper,
                      intermediate: inter, lowerForm: r, feasible: true, lines: lines)
    }
}
