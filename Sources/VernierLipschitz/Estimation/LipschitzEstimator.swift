import Foundation
import VernierCore

/// Local Lipschitz constants of one output row of a network over an input box: a certified upper
/// bound (bound propagation on the Clarke Jacobian graph, tightened by input splitting) and a
/// witnessed lower bound (search plus a rigorously enclosed difference quotient), with the
/// interval-only and naive baselines. See specs/lipschitz.md.
public struct LipschitzEstimator: Sendable {
    public let graph: Graph
    public var options: LipschitzOptions

    public init(graph: Graph, options: LipschitzOptions = .init()) {
        self.graph = graph
        self.options = options
    }

    /// Certified upper and witnessed lower bound of the local Lipschitz constant of output `output`.
    public func estimate(lower: [Double], upper: [Double], output: Int, norm: LipschitzNorm = .infinity,
                         timeout: Double? = nil) throws -> LipschitzEstimate {
        guard (0..<graph.outputCount).contains(output) else {
            throw LipschitzError.invalidArgument("output \(output) is out of range: the model has \(graph.outputCount) outputs (0-based)")
        }
        return try estimate(lower: lower, upper: upper, coefficients: (0..<graph.outputCount).map { $0 == output ? 1 : 0 },
                            norm: norm, timeout: timeout)
    }

    /// The same for the output row `coefficients`·y.
    public func estimate(lower: [Double], upper: [Double], coefficients: [Double], norm: LipschitzNorm = .infinity,
                         timeout: Double? = nil) throws -> LipschitzEstimate {
        let start = DispatchTime.now()
        let deadline = Deadline(seconds: timeout)
        try Self.validate(lower: lower, upper: upper, inputCount: graph.inputCount)
        let jacobian = try JacobianGraphBuilder(graph: graph).build(coefficients: coefficients)
        let bounder = try JacobianBounder(jacobian: jacobian, norm: norm, options: options)
        let search = LowerBoundSearch(network: graph, coefficients: coefficients, norm: norm, options: options)

        let interval = try bounder.interval(lower, upper).bound
        let root = try bounder.linear(lower, upper)
        var upperBound = min(interval, root.bound)
        var method = root.bound < interval ? options.linearMethod.rawValue : "interval"

        let found = search.search(lower: lower, upper: upper, deadline: deadline)
        var sampled = found.gradientNorm
        var (lowerBound, witness) = try search.witness(at: found.point, lower: lower, upper: upper)

        var babBound: Double?
        var domains = 0
        var timedOut = false
        if options.branchAndBound, upperBound > lowerBound * (1 + options.targetRelativeGap), !deadline.passed {
            let maximizer = BranchAndBoundMaximizer(maxDomains: options.maxDomains)
            let outcome = try maximizer.run(
                root: .init(lower: lower, upper: upper, splits: [], bound: upperBound, scores: root.splitScores, neuron: root.neuron),
                deadline: deadline,
                target: { lowerBound * (1 + options.targetRelativeGap) },
                bound: { l, u, splits in
                    let o = try bounder.linear(l, u, splits: splits)
                    return .init(value: o.bound, scores: o.splitScores, neuron: o.neuron, probe: o.probe)
                },
                visit: { l, u, probe in
                    // Probe each new domain's centre and the vertex where its bound is attained:
                    // cheap, and it raises the lower bound (and so the stopping target) where the
                    // upper bound is being fought over.
                    let points = [zip(l, u).map { ($0 + $1) / 2 }] + (probe.map { [$0] } ?? [])
                    for (x, j) in zip(points, search.gradients(points)) {
                        let v = norm.dual(j)
                        guard v > sampled else { continue }
                        sampled = v
                        if let (w, pair) = try? search.witness(at: x, lower: lower, upper: upper), w > lowerBound {
                            lowerBound = w
                            witness = pair
                        }
                    }
                })
            babBound = outcome.upper
            domains = outcome.domains
            timedOut = outcome.timedOut
            if outcome.upper < upperBound {
                upperBound = outcome.upper
                method = "bab"
            }
        }
        return LipschitzEstimate(norm: norm, upper: upperBound, lower: lowerBound, intervalOnly: interval,
                                 linear: root.bound, branchAndBound: babBound,
                                 naive: NaiveBound.compute(jacobian, norm: norm), sampledGradientNorm: sampled,
                                 witness: witness, method: method, domains: domains,
                                 seconds: elapsed(since: start), timedOut: timedOut)
    }

    static func validate(lower: [Double], upper: [Double], inputCount: Int) throws {
        guard lower.count == inputCount, upper.count == inputCount else {
            throw LipschitzError.invalidRegion("the box has \(lower.count) lower and \(upper.count) upper bounds; the model has \(inputCount) inputs")
        }
        for i in 0..<inputCount {
            guard lower[i].isFinite, upper[i].isFinite, lower[i] <= upper[i] else {
                throw LipschitzError.invalidRegion("input \(i) has bounds [\(lower[i]), \(upper[i])] (need finite lower <= upper)")
            }
        }
    }
}
