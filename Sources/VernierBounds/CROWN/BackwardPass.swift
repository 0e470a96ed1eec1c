import VernierCore

/// One backward linear-bound pass (CROWN): propagates coefficients from a graph value down to the
/// network input through every operator's `LinearBoundPropagating.backward`, then concretises them
/// over the input box.
///
/// Soundness: each step satisfies `A·y ≥ Σ A_k·x_k + bias − slack` over the operand bounds; chaining
/// the steps (coefficients of a value read by several nodes add up) gives
/// `C·v ≥ A₀·x + Σ bias − Σ slack` for every input x in the box, and the concretisation
/// `min_{x ∈ box} A₀·x` is rounded down (`LinearFormBounds`). Sums of biases are rounded down and
/// sums of slacks up, and the rounding of coefficient additions is added to the slack.
public struct BackwardPass: Sendable {
    public let graph: Graph
    /// Per value id, per-sample bounds (batch axis 1) used for relaxations and rounding slack.
    public let bounds: [IntervalTensor]
    /// Per node index, optional α-CROWN parameters.
    public let parameters: [Int: RelaxationParameters]
    /// Also concretise the pending coefficients with the values' own bounds before every step and
    /// keep, per row, the best of these cuts. Each cut is a sound bound (every pending value lies in
    /// its bounds), so the result is never looser than stopping the propagation at any node — e.g.
    /// where the relaxations below a max-pool cost more than its interval bound. Off for α-CROWN's
    /// objective, whose gradient is that of the full propagation.
    public var concretizeCuts: Bool

    public init(graph: Graph, bounds: [IntervalTensor], parameters: [Int: RelaxationParameters] = [:],
                concretizeCuts: Bool = true) {
        precondition(bounds.count == graph.valueCount, "one bound per graph value")
        self.graph = graph
        self.bounds = bounds
        self.parameters = parameters
        self.concretizeCuts = concretizeCuts
    }

    /// bias − slack + Σ_v min over bounds(v) of pending_v·v, per row, rounded down.
    func cut(_ pending: [Int: CoefficientMatrix], bias: [Double], slack: [Double]) -> [Double] {
        var total = (0..<bias.count).map { (bias[$0] - slack[$0]).nextDown }
        for (v, a) in pending {
            let low = LinearFormBounds.lowerBounds(of: a, lower: bounds[v].lower.data, upper: bounds[v].upper.data)
            for r in total.indices { total[r] = (total[r] + low[r]).nextDown }
        }
        return total.map { $0.isNaN ? -.infinity : $0 }
    }

    /// The outcome: certified lower bounds of each row of `a·v`, and the linear form in the input
    /// (`inputCoefficients·x + offset`, offset = bias − slack) of the full propagation. With
    /// `concretizeCuts` a row's `lower` may come from an earlier cut and be above that form's minimum.
    public struct Result: Sendable {
        public var lower: [Double]
        public var inputCoefficients: CoefficientMatrix
        public var offset: [Double]
        /// With `trace`: the coefficients each visited node received on its output (node index →
        /// matrix), which α-CROWN's gradient needs.
        public var nodeCoefficients: [Int: CoefficientMatrix] = [:]
    }

    /// The fallback for operators without a linear relaxation: concretise `A·y` with the interval
    /// bounds of y (sound, since y lies in its bounds; no operand coefficients).
    static func intervalStep(_ a: CoefficientMatrix, output: IntervalTensor) -> BackwardStep {
        let bias = LinearFormBounds.lowerBounds(of: a, lower: output.lower.data, upper: output.upper.data)
        return BackwardStep(operandCoefficients: [], bias: bias, slack: [Double](repeating: 0, count: a.rows))
    }

    /// Lower bounds of every row of `a · value(target)` over the input box `bounds[0]`.
    ///
    /// `injected` adds, per row, a linear term `Σ_v injected[v]·v + injectedBias` to the bounded
    /// quantity (values before `target` only). β-CROWN uses it for the Lagrangian terms of split
    /// constraints; it is the caller's job that the term is ≤ 0 on the domain, so that a lower bound
    /// of the sum is one of `a · value(target)`.
    public func lowerBounds(_ a: CoefficientMatrix, at target: Int, trace: Bool = false,
                            injected: [Int: CoefficientMatrix] = [:], injectedBias: [Double]? = nil) throws -> Result {
        precondition(injected.keys.allSatisfy { $0 < target }, "injected terms only on values before the target")
        var pending = injected
        pending[target] = a
        return try run(pending: pending, rows: a.rows, from: target, target: target, trace: trace,
                       bias: injectedBias ?? [Double](repeating: 0, count: a.rows),
                       slack: [Double](repeating: 0, count: a.rows))
    }

    /// Lower bounds of the rows e_j·v for j in `elements`, then −e_j·v (2·|elements| rows; the
    /// second half negated gives upper bounds) — the rows that bound an intermediate value.
    ///
    /// The same as `lowerBounds` on that selection matrix, bit for bit: when `target` is a dense
    /// layer's output, its step is `Linear.backwardSelecting` from the element list, without the
    /// rows × width matrix of signed unit vectors (on dist_shift, 3 MB of zeros per 256 elements,
    /// then scanned for their single non-zero).
    public func lowerBoundsOfElements(_ elements: [Int], at target: Int) throws -> Result {
        precondition(target > 0 && target < graph.valueCount, "elements of a computed value (not the input)")
        let k = elements.count, n = bounds[target].count
        precondition(elements.allSatisfy { (0..<n).contains($0) }, "elements of a value with \(n) entries")
        let node = graph.nodes[target - 1]
        if k > 0, let linear = node.op as? Linear, node.inputs.count == 1,
           let step = linear.backwardSelecting(elements + elements,
                                               scales: [Double](repeating: 1, count: k) + [Double](repeating: -1, count: k),
                                               operand: bounds[node.inputs[0]]) {
            // Exactly what the loop below does with the node's step: accumulate bias and slack
            // (from zero: the sums are the step's own values), hand the coefficients on.
            let bias = step.bias.map { $0.isNaN ? -Double.infinity : (0 + $0).nextDown }
            let slack = step.slack.map { (0 + $0).nextUp }
            var pending = [Int: CoefficientMatrix]()
            if let coefficients = step.operandCoefficients[0] { pending[node.inputs[0]] = coefficients }
            return try run(pending: pending, rows: 2 * k, from: target - 1, target: target, trace: false, bias: bias, slack: slack)
        }
        var rows = CoefficientMatrix.zeros(rows: 2 * k, columns: n)
        for (r, j) in elements.enumerated() {
            rows.data[r * n + j] = 1
            rows.data[(k + r) * n + j] = -1
        }
        return try lowerBounds(rows, at: target)
    }

    /// The pass proper: `pending` holds the coefficients of values up to `start` (the target's own
    /// step may already be taken), `bias` and `slack` what earlier steps accumulated.
    func run(pending initial: [Int: CoefficientMatrix], rows m: Int, from start: Int, target: Int, trace: Bool,
             bias initialBias: [Double], slack initialSlack: [Double]) throws -> Result {
        var traced = [Int: CoefficientMatrix]()
        var pending = initial
        var bias = initialBias
        var slack = initialSlack

        func accumulate(_ step: BackwardStep) {
            for r in 0..<m {
                let b = step.bias[r]
                bias[r] = b.isNaN ? -.infinity : (bias[r] + b).nextDown
                slack[r] = (slack[r] + step.slack[r]).nextUp
            }
        }

        var bestCut = [Double](repeating: -.infinity, count: m)
        // True right after an elementwise activation step that took the only pending value z = f(y)
        // to its operand y alone. The cut at y is then no better than the cut at z just taken (up
        // to rounding of the enclosures): per element, a coefficient a > 0 meets the lower line,
        // and min over [l, u] of a·line ≤ a·min f = a·min z (the line is below f on [l, u]); a < 0
        // the same with the upper line. Skipping a cut is always sound; this one only costs time.
        var cutDominated = false
        var node = start - 1
        while node >= 0 {
            defer { node -= 1 }
            guard pending[node + 1] != nil else { continue }
            if concretizeCuts && node + 1 != target && !cutDominated {
                let c = cut(pending, bias: bias, slack: slack)
                for r in 0..<m { bestCut[r] = max(bestCut[r], c[r]) }
            }
            let soleBefore = pending.count == 1
            let coefficients = pending.removeValue(forKey: node + 1)!
            if trace { traced[node] = coefficients }
            let n = graph.nodes[node]
            let operandBounds = n.inputs.map { bounds[$0] }
            let step: BackwardStep
            if let op = n.op as? any LinearBoundPropagating {
                step = op.backward(coefficients, operandBounds: operandBounds, parameters: parameters[node])
            } else if n.op is any IntervalPropagating {
                // The value's stored bounds (IBP, or tighter) enclose it: sound to concretise with.
                step = Self.intervalStep(coefficients, output: bounds[node + 1])
            } else {
                throw UnsupportedBoundError(node: n.name, kind: n.op.kind, method: "CROWN")
            }
            accumulate(step)
            cutDominated = soleBefore && n.op is any ActivationOperator && n.inputs.count == 1 && pending.isEmpty
                && step.operandCoefficients.count == 1 && step.operandCoefficients[0] != nil
            for (k, coef) in step.operandCoefficients.enumerated() {
                guard let coef else { continue }
                let v = n.inputs[k]
                if var existing = pending[v] {
                    existing.add(coef)
                    // Each sum is one rounding: |exact − computed| ≤ u·|computed| per entry.
                    let extra = existing.absTimes(BackwardRounding.magnitude(bounds[v]))
                    for r in 0..<m { slack[r] = (slack[r] + (extra[r] * FloatBounds.unitRoundoff).nextUp).nextUp }
                    pending[v] = existing
                } else {
                    pending[v] = coef
                }
            }
        }

        let a0 = pending[0] ?? .zeros(rows: m, columns: graph.inputCount)
        let concrete = LinearFormBounds.lowerBounds(of: a0, lower: bounds[0].lower.data, upper: bounds[0].upper.data)
        var lower = [Double](repeating: 0, count: m)
        var offset = [Double](repeating: 0, count: m)
        for r in 0..<m {
            offset[r] = (bias[r] - slack[r]).nextDown
            let v = (concrete[r] + offset[r]).nextDown
            lower[r] = max(v.isNaN ? -.infinity : v, bestCut[r])
        }
        return Result(lower: lower, inputCoefficients: a0, offset: offset, nodeCoefficients: traced)
    }
}
