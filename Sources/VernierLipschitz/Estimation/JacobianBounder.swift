import VernierCore
import VernierBounds

/// Certified bounds of sup ‖J‖ (dual norm) over one input box, from the Jacobian graph with its
/// norm head: interval-only (IBP) or linear (CROWN / α-CROWN).
struct JacobianBounder: Sendable {
    let jacobian: JacobianGraph
    let head: Graph
    let norm: LipschitzNorm
    let options: LipschitzOptions

    init(jacobian: JacobianGraph, norm: LipschitzNorm, options: LipschitzOptions) throws {
        self.jacobian = jacobian
        head = try jacobian.withL1Head()
        self.norm = norm
        self.options = options
    }

    /// A bound and, per input dimension, how much splitting it promises (|coefficient|·width),
    /// and the unstable ReLU-like neuron whose derivative is most worth fixing.
    struct Outcome {
        var bound: Double
        var entryLower: [Double]
        var entryUpper: [Double]
        var splitScores: [Double]
        var neuron: ActivationSplit? = nil
        /// The input vertex at which the bound's linear form in x is concretised: where the
        /// relaxation expects the largest Jacobian, a good point to probe for the lower bound.
        var probe: [Double]? = nil
    }

    /// The box vertex minimising the row `row` of a backward pass's linear form A₀·x.
    static func vertex(_ a: CoefficientMatrix, row: Int, _ lower: [Double], _ upper: [Double]) -> [Double]? {
        guard a.rows > row, a.columns == lower.count else { return nil }
        return (0..<lower.count).map { a.data[row * a.columns + $0] > 0 ? lower[$0] : upper[$0] }
    }

    func box(_ lower: [Double], _ upper: [Double]) -> IntervalTensor {
        IntervalTensor(lower: Tensor(shape: [1] + head.inputShape, data: lower),
                       upper: Tensor(shape: [1] + head.inputShape, data: upper))
    }

    /// Interval bound propagation through the Jacobian graph.
    func interval(_ lower: [Double], _ upper: [Double]) throws -> Outcome {
        let values = try IntervalBoundPropagation.run(head, input: box(lower, upper))
        let j = values[jacobian.jacobianValue]
        let sum = values[head.outputValue].upper.data[0]
        let widths = zip(lower, upper).map { $1 - $0 }
        return Outcome(bound: norm.bound(sumUpper: sum, lower: j.lower.data, upper: j.upper.data),
                       entryLower: j.lower.data, entryUpper: j.upper.data, splitScores: widths)
    }

    /// CROWN (or α-CROWN) on the Jacobian graph; never looser than the interval bound, because
    /// CROWN keeps the IBP bounds wherever they are tighter.
    func linear(_ lower: [Double], _ upper: [Double]) throws -> Outcome {
        let row = CoefficientMatrix(rows: 1, columns: 1, data: [1])
        let crown = CROWN(graph: head, options: options.crown)
        let result = try crown.bounds(lower: lower, upper: upper, specification: row)
        var sum = result.upper[0]
        let j = result.intermediate[jacobian.jacobianValue]
        if options.linearMethod == .alphaCROWN, norm != .one {
            var alpha = AlphaCROWN.Options()
            alpha.crown = options.crown
            let (best, _) = try AlphaCROWN(graph: head, options: alpha).lowerBound(of: [-1], intermediate: result.intermediate)
            sum = min(sum, -best)
        }
        // Row 1 of the stacked form is −Σ|J|: its input coefficients say which inputs drive the bound.
        let a = result.lowerForm.inputCoefficients
        let scores = (0..<lower.count).map { d -> Double in
            let w = upper[d] - lower[d]
            let coefficient = a.rows > 1 ? abs(a.data[a.columns + d]) : 0
            return w * (coefficient + 1e-9)
        }
        return Outcome(bound: norm.bound(sumUpper: sum, lower: j.lower.data, upper: j.upper.data),
                       entryLower: j.lower.data, entryUpper: j.upper.data, splitScores: scores,
                       neuron: options.activationSplitting ? Self.unstableNeuron(head, result.intermediate, splits: []) : nil,
                       probe: Self.vertex(a, row: 1, lower, upper))
    }

    /// The linear bound on a branch-and-bound domain (box and activation decisions).
    func linear(_ lower: [Double], _ upper: [Double], splits: [ActivationSplit]) throws -> Outcome {
        if splits.isEmpty { return try linear(lower, upper) }
        let r = try SplitDomainBounds(head: head, jacobianValue: jacobian.jacobianValue, options: options.crown)
            .run(lower: lower, upper: upper, splits: splits)
        guard let bounds = r.bounds else {
            return Outcome(bound: -.infinity, entryLower: [], entryUpper: [], splitScores: [])
        }
        let j = bounds[jacobian.jacobianValue]
        let widths = zip(lower, upper).map { $1 - $0 }
        return Outcome(bound: norm.bound(sumUpper: r.sumUpper, lower: j.lower.data, upper: j.upper.data),
                       entryLower: j.lower.data, entryUpper: j.upper.data, splitScores: widths,
                       neuron: Self.unstableNeuron(r.graph, bounds, splits: splits),
                       probe: r.inputCoefficients.flatMap { Self.vertex($0, row: 0, lower, upper) })
    }

    /// Among the gates' elements whose pre-activation interval contains 0 strictly and whose
    /// derivative is not fixed yet, the one with the largest incoming gradient magnitude (how much
    /// its unknown derivative can move J) — or nil when there are more such neurons than inputs:
    /// then bisecting the input stabilises many neurons at once and is the better split (measured
    /// on 128- and 256-wide MLPs, benchmarks/README.md).
    static func unstableNeuron(_ graph: Graph, _ bounds: [IntervalTensor], splits: [ActivationSplit]) -> ActivationSplit? {
        var best: (ActivationSplit, Double)?
        var unstable = 0
        for (i, node) in graph.nodes.enumerated() {
            guard let gate = node.op as? PiecewiseLinearGate, gate.left != gate.right else { continue }
            let g = bounds[node.inputs[0]], z = bounds[node.inputs[1]]
            for e in 0..<z.count where gate.fixed[e] == nil && z.lower.data[e] < 0 && z.upper.data[e] > 0 {
                unstable += 1
                let score = max(abs(g.lower.data[e]), abs(g.upper.data[e]))
                if score > 0, score.isFinite, score > (best?.1 ?? 0) { best = (ActivationSplit(gate: i, element: e, active: true), score) }
            }
        }
        return unstable <= graph.inputCount ? best?.0 : nil
    }
}
