import VernierCore
import VernierSpec
import VernierLipschitz

/// The certified local Lipschitz bound a report shows next to a verdict: for the margin row
/// `y_label − y_j` (j = the runner-up class at the sample) under L∞ input perturbations,
/// over the instance's input box, from `VernierLipschitz` (interval and CROWN bounds on the
/// Jacobian; no branch and bound, to keep reports fast — the value stays a sound upper bound,
/// only less tight). For a VNN-LIB instance, the first violation row of its first region.
enum MarginLipschitz {
    static func bound(graph: Graph, property: Property, instance: PlannedInstance, timeout: Double?) -> Double? {
        guard let region = property.regions.first else { return nil }
        let coefficients: [Double]
        switch instance.kind {
        case .robustness(_, let center, let label, _, _):
            let y = graph.evaluate(center)
            guard let runnerUp = y.indices.filter({ $0 != label }).max(by: { y[$0] < y[$1] }) else { return nil }
            coefficients = y.indices.map { $0 == label ? 1 : ($0 == runnerUp ? -1 : 0) }
        case .vnnlib:
            guard let row = region.violation.first?.constraints.first?.coefficients else { return nil }
            coefficients = row
        }
        var options = LipschitzOptions()
        options.branchAndBound = false
        options.samples = 16
        options.ascentStarts = 1
        let estimate = try? LipschitzEstimator(graph: graph, options: options)
            .estimate(lower: region.box.lower, upper: region.box.upper, coefficients: coefficients, norm: .infinity, timeout: timeout)
        return estimate?.upper
    }
}
