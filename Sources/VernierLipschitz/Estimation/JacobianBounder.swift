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

    /// A bound and, per input dimension, how much splitting it promises (|coefficient|·width).
    struct Outcome {
        var bound: Double
        var entryLower: [Double]
        var entryUpper: [Double]
        var splitScores: [Double]
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
                       entryLower: j.lower.data, entryUpper: j.upper.data, splitScores: scores)
    }
}
