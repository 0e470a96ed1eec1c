import VernierCore
import VernierBounds

/// Where to split an activation-split domain next: which neuron, and at which point.
///
/// The score of neuron j of an activation node is |λ_j|·gap_j, where λ_j is the coefficient the
/// backward pass of the domain's most promising specification row put on the activation's output
/// (how much the bound depends on this neuron) and gap_j the largest vertical distance between its
/// upper and lower relaxation lines on its current interval (how much the relaxation loses there;
/// lines differ by a linear function, so the gap is largest at an end). Neurons whose relaxation is
/// exact (a stable ReLU, an interval of zero width) score 0 and are never split. This reuses what
/// the bound computation already produced — the BaBSR/BBPS idea of estimating a split's value from
/// the saved linear coefficients instead of re-bounding every candidate.
///
/// The split point minimises the relaxation area (gap × width summed over the two halves) over the
/// curvature breakpoints inside the interval (a ReLU's kink, a sigmoid's inflection) and a grid of
/// interior points — GenBaB's "branching point" idea, here computed on the spot (a few relaxations
/// of one scalar function), which on a kink gives the exact point where both halves become linear.
struct ActivationBranching: Sendable {
    struct Candidate: Sendable, Equatable {
        /// Node index of the activation, and the graph value it reads.
        var node: Int
        var value: Int
        var element: Int
        var point: Double
        var score: Double
    }

    let graph: Graph
    /// Activation nodes (index, operand value) in topological order.
    let activations: [(node: Int, value: Int)]

    init(graph: Graph) {
        self.graph = graph
        activations = graph.nodes.enumerated().compactMap { i, n in
            n.op is any ActivationOperator ? (i, n.inputs[0]) : nil
        }
    }

    var isEmpty: Bool { activations.isEmpty }

    /// The `count` best candidates, best first. `rows`: indices of the stacked specification rows
    /// whose coefficients guide the choice (their |λ| add up).
    ///
    /// `ignoreCoefficients` scores by the gap alone (any inexact neuron), for domains where no
    /// neuron the bound depends on is left but the bound is still not enough.
    func candidates(_ result: CROWN.Result, rows: [Int], count: Int, ignoreCoefficients: Bool = false) -> [Candidate] {
        var best = [Candidate]()
        var buffer = [CriticalPoint]()
        for (k, v) in activations {
            let lambda = result.lowerForm.nodeCoefficients[k]
            guard lambda != nil || ignoreCoefficients,
                  let act = graph.nodes[k].op as? any ActivationOperator else { continue }
            let b = result.intermediate[v]
            let lines = result.lines[k]?.lines
            for j in 0..<b.count {
                let l = b.lower.data[j], u = b.upper.data[j]
                // An activation affine on its interval relaxes exactly (its gap is rounding
                // slack only): splitting it again would never end.
                guard l.isFinite, u.isFinite, u > l, !ScalarRelaxation.isAffine(act.scalarActivation, l, u) else { continue }
                var weight = ignoreCoefficients ? 1.0 : 0.0
                if let lambda, !ignoreCoefficients {
                    for r in rows { weight += abs(lambda.data[r * lambda.columns + j]) }
                }
                guard weight > 0 else { continue }
                let line = lines?[j] ?? Self.relax(act.scalarActivation, l, u, buffer: &buffer)
                let gap = max(line.upper.value(at: l) - line.lower.value(at: l), line.upper.value(at: u) - line.lower.value(at: u))
                let score = weight * gap
                guard score > 0, score.isFinite else { continue }
                if best.count < count || score > best[best.count - 1].score {
                    best.append(Candidate(node: k, value: v, element: j, point: .nan, score: score))
                    best.sort { $0.score > $1.score }
                    if best.count > count { best.removeLast() }
                }
            }
        }
        // Split points only for the chosen few.
        return best.compactMap { c in
            let b = result.intermediate[c.value]
            guard let act = graph.nodes[c.node].op as? any ActivationOperator,
                  let p = Self.splitPoint(act.scalarActivation, b.lower.data[c.element], b.upper.data[c.element], buffer: &buffer)
            else { return nil }
            var out = c
            out.point = p
            return out
        }
    }

    static func relax<A: ScalarActivation>(_ f: A, _ l: Double, _ u: Double, buffer: inout [CriticalPoint]) -> LinearRelaxation {
        ScalarRelaxation.relax(f, l, u, buffer: &buffer)
    }

    /// Relaxation area of f on [l, u]: the width times the mean gap between the lines.
    static func area<A: ScalarActivation>(_ f: A, _ l: Double, _ u: Double, buffer: inout [CriticalPoint]) -> Double {
        guard u > l else { return 0 }
        let r = ScalarRelaxation.relax(f, l, u, buffer: &buffer)
        let gl = r.upper.value(at: l) - r.lower.value(at: l)
        let gu = r.upper.value(at: u) - r.lower.value(at: u)
        let a = 0.5 * (gl + gu) * (u - l)
        return a.isFinite ? a : .infinity
    }

    /// The point of (l, u) minimising the two halves' total relaxation area; nil when no interior
    /// point exists at floating-point resolution.
    static func splitPoint<A: ScalarActivation>(_ f: A, _ l: Double, _ u: Double, buffer: inout [CriticalPoint]) -> Double? {
        let mid = 0.5 * l + 0.5 * u
        guard mid > l, mid < u else { return nil }
        var points = [Double]()
        for piece in f.curvature(in: l, u) {
            if piece.lower > l, piece.lower < u { points.append(piece.lower) }
            if piece.upper > l, piece.upper < u { points.append(piece.upper) }
        }
        for t in stride(from: 0.125, to: 1, by: 0.125) { points.append(l + t * (u - l)) }
        var best = mid
        var bestArea = Double.infinity
        for p in points where p > l && p < u {
            let a = area(f, l, p, buffer: &buffer) + area(f, p, u, buffer: &buffer)
            if a < bestArea {
                bestArea = a
                best = p
            }
        }
        return best
    }
}
