import Foundation
import VernierCore
import VernierBounds

/// Certifies that output j never decreases (or never increases) with feature i over an input box:
/// the lower bound of s·∂y_j/∂x_i (s = ±1) over the box must be ≥ 0. Because the bound covers the
/// whole Clarke Jacobian, it also holds at kinks, so y_j is monotone along every segment of the box
/// parallel to axis i. Bounds come from CROWN on the Jacobian graph, tightened by input splitting;
/// violations are searched by sampling partial derivatives and confirmed by two points whose
/// outputs, enclosed by interval arithmetic, are ordered the wrong way.
public struct MonotonicityChecker: Sendable {
    public let graph: Graph
    public var options: LipschitzOptions

    public init(graph: Graph, options: LipschitzOptions = .init()) {
        self.graph = graph
        self.options = options
    }

    public func check(lower: [Double], upper: [Double], output: Int, feature: Int,
                      direction: MonotonicityDirection = .increasing, timeout: Double? = nil) throws -> MonotonicityResult {
        let start = DispatchTime.now()
        let deadline = Deadline(seconds: timeout)
        try LipschitzEstimator.validate(lower: lower, upper: upper, inputCount: graph.inputCount)
        guard (0..<graph.inputCount).contains(feature) else {
            throw LipschitzError.invalidArgument("feature \(feature) is out of range: the model has \(graph.inputCount) inputs (0-based)")
        }
        let jacobian = try JacobianGraphBuilder(graph: graph).build(output: output)
        let s = direction.sign
        let n = graph.inputCount
        let row = CoefficientMatrix(rows: 1, columns: n, data: (0..<n).map { $0 == feature ? s : 0 })
        let crown = CROWN(graph: jacobian.graph, options: options.crown)

        /// Upper bound of −s·∂y/∂x_i on a box (≤ 0 certifies it), the enclosure of ∂y/∂x_i, and split scores.
        func bound(_ l: [Double], _ u: [Double]) throws -> (Double, (Double, Double), [Double]) {
            let r = try crown.bounds(lower: l, upper: u, specification: row)
            let a = r.lowerForm.inputCoefficients
            let scores = (0..<n).map { d in (u[d] - l[d]) * (abs(a.data[d]) + 1e-9) }
            let enclosure = s > 0 ? (r.lower[0], r.upper[0]) : (-r.upper[0], -r.lower[0])
            return (-r.lower[0], enclosure, scores)
        }

        let coefficients = (0..<graph.outputCount).map { $0 == output ? 1.0 : 0 }
        let search = LowerBoundSearch(network: graph, coefficients: coefficients, norm: .infinity, options: options)
        var witness: LipschitzWitness?
        /// Probes points for a partial derivative of the wrong sign and tries to confirm it.
        func probe(_ points: [[Double]]) {
            guard witness == nil else { return }
            let grads = search.gradients(points)
            for (x, j) in zip(points, grads) where s * j[feature] < 0 {
                if let w = try? confirm(at: x, lower: lower, upper: upper) { witness = w; return }
            }
        }
        /// Two points x ± t·e_i whose rigorous output enclosures are ordered against the direction.
        func confirm(at x: [Double], lower: [Double], upper: [Double]) throws -> LipschitzWitness? {
            let width = upper[feature] - lower[feature]
            guard width > 0 else { return nil }
            for fraction in [1e-1, 1e-2, 1e-3, 1e-5] {
                let t = width * fraction / 2
                var a = x, b = x
                let centre = min(upper[feature] - t, max(lower[feature] + t, x[feature]))
                a[feature] = centre - t
                b[feature] = centre + t
                let (aLo, aHi) = try search.enclosure(a), (bLo, bHi) = try search.enclosure(b)
                // increasing violated: y(b) < y(a) certainly; decreasing violated: y(b) > y(a) certainly.
                if s > 0 ? bHi < aLo : bLo > aHi { return LipschitzWitness(first: a, second: b) }
            }
            return nil
        }

        let (rootBound, enclosure, scores) = try bound(lower, upper)
        var result = MonotonicityResult(verdict: .unknown, direction: direction, derivativeLower: enclosure.0,
                                        derivativeUpper: enclosure.1, witness: nil, domains: 0, seconds: 0, timedOut: false)
        if rootBound <= 0 {
            result.verdict = .certified
        } else {
            var rng = SplitMix64(seed: options.seed)
            var points = [zip(lower, upper).map { ($0 + $1) / 2 }]
            for _ in 0..<options.samples { points.append(zip(lower, upper).map { $0 + rng.unit() * ($1 - $0) }) }
            probe(points)
            if witness == nil, options.branchAndBound, !deadline.passed {
                let outcome = try BranchAndBoundMaximizer(maxDomains: options.maxDomains).run(
                    root: .init(lower: lower, upper: upper, splits: [], bound: rootBound, scores: scores, neuron: nil),
                    deadline: deadline,
                    target: { witness == nil ? 0 : .infinity },
                    bound: { l, u, _ in
                        let (b, _, sc) = try bound(l, u)
                        return .init(value: b, scores: sc, neuron: nil)
                    },
                    visit: { l, u, _ in probe([zip(l, u).map { ($0 + $1) / 2 }]) })
                result.domains = outcome.domains
                result.timedOut = outcome.timedOut
                if witness == nil && outcome.upper <= 0 { result.verdict = .certified }
            }
            if let witness {
                result.verdict = .violated
                result.witness = witness
            }
        }
        result.seconds = elapsed(since: start)
        return result
    }
}
