import VernierCore
import VernierBounds

/// CROWN on the Jacobian graph for a branch-and-bound domain with activation splits: the same
/// passes as `CROWN` (IBP, then backward passes from every operand of a nonlinear node, kept where
/// tighter, then the final row), with two additions per split neuron: its pre-activation bounds are
/// clamped to the decided side of 0 right after they are computed (so everything downstream uses
/// them), and its gate's derivative is fixed (`PiecewiseLinearGate.fixed`).
///
/// Soundness: on the domain every clamped bound holds (it is the domain's defining constraint),
/// and each pass only ever uses valid bounds, so each result encloses every Jacobian of the domain;
/// a clamp that empties an interval proves the domain empty (bound −∞).
struct SplitDomainBounds {
    let head: Graph
    let jacobianValue: Int
    let options: CROWN.Options

    struct Outcome {
        var sumUpper: Double
        var bounds: [IntervalTensor]?
        var graph: Graph
        /// The final pass's coefficients on the input (row 0: −Σ|J|).
        var inputCoefficients: CoefficientMatrix? = nil
    }

    func run(lower: [Double], upper: [Double], splits: [ActivationSplit]) throws -> Outcome {
        var graph = head
        var clamps = [Int: [(Int, Bool)]]()   // value id → (element, active)
        for s in splits {
            guard var gate = graph.nodes[s.gate].op as? PiecewiseLinearGate else { continue }
            gate.fixed[s.element] = s.active ? gate.right : gate.left
            graph.nodes[s.gate].op = gate
            clamps[graph.nodes[s.gate].inputs[1], default: []].append((s.element, s.active))
        }
        /// Clamps value v's bounds; false when an interval becomes empty.
        func clamp(_ v: Int, _ b: inout IntervalTensor) -> Bool {
            for (e, active) in clamps[v] ?? [] {
                if active { b.lower.data[e] = max(b.lower.data[e], 0) } else { b.upper.data[e] = min(b.upper.data[e], 0) }
                if b.lower.data[e] > b.upper.data[e] { return false }
            }
            return true
        }
        // Interval pass with the clamps applied as each value is produced.
        var bounds = [IntervalTensor(lower: Tensor(shape: [1] + graph.inputShape, data: lower),
                                     upper: Tensor(shape: [1] + graph.inputShape, data: upper))]
        for node in graph.nodes {
            guard let op = node.op as? any IntervalPropagating else {
                throw LipschitzError.unsupportedOperator(kind: node.op.kind, node: node.name, reason: "no interval bound")
            }
            var out = op.interval(node.inputs.map { bounds[$0] })
            for i in out.lower.data.indices where out.lower.data[i].isNaN || out.upper.data[i].isNaN {
                out.lower.data[i] = -.infinity
                out.upper.data[i] = .infinity
            }
            guard clamp(bounds.count, &out) else { return Outcome(sumUpper: -.infinity, bounds: nil, graph: graph) }
            bounds.append(out)
        }
        // Backward passes for the operands of nonlinear nodes, in order.
        var refined = Set<Int>([0])
        for node in graph.nodes {
            guard let op = node.op as? any LinearBoundPropagating, op.needsOperandBounds else { continue }
            for v in node.inputs where !refined.contains(v) {
                refined.insert(v)
                if v > 0, graph.nodes[v - 1].op is ConstantOperator { continue }
                let n = bounds[v].count
                guard n <= options.maxIntermediateSize else { continue }
                let r = try BackwardPass(graph: graph, bounds: bounds).lowerBounds(.identityAndNegation(n), at: v)
                var b = bounds[v]
                for j in 0..<n {
                    b.lower.data[j] = max(b.lower.data[j], r.lower[j])
                    b.upper.data[j] = min(b.upper.data[j], -r.lower[n + j])
                }
                guard clamp(v, &b) else { return Outcome(sumUpper: -.infinity, bounds: nil, graph: graph) }
                // Crossed bounds without a clamp are rounding on a point value: keep the previous pair.
                for j in 0..<n where b.lower.data[j] > b.upper.data[j] {
                    b.lower.data[j] = bounds[v].lower.data[j]
                    b.upper.data[j] = bounds[v].upper.data[j]
                }
                bounds[v] = b
            }
        }
        let r = try BackwardPass(graph: graph, bounds: bounds)
            .lowerBounds(CoefficientMatrix(rows: 1, columns: 1, data: [-1]), at: graph.outputValue)
        let sum = min(-r.lower[0], bounds[graph.outputValue].upper.data[0])
        return Outcome(sumUpper: sum.isNaN ? .infinity : sum, bounds: bounds, graph: graph, inputCoefficients: r.inputCoefficients)
    }
}
