import Foundation
import Synchronization
import VernierCore
import VernierSpec
import VernierBounds

/// Branch and bound on activation inputs: complete-in-the-limit verification for networks whose
/// input is too large to split (MNIST-size images), for ReLU and general activations alike.
///
/// A domain is the input region restricted by split decisions "z ∈ [l, p]" / "z ∈ [p, u]" on the
/// inputs z of activation neurons (for a ReLU, p = 0 fixes its phase; for a sigmoid, GELU, sine…
/// the relaxation on each half is tighter, GenBaB-style). Each domain is bounded by CROWN with the
/// restricted intervals (reusing its parent's bounds for the values before the first split; see
/// `BoundRestrictions`); a conjunction of the violation is refuted on the domain when one of its
/// rows has a certified lower bound above its right-hand side, and a domain whose restrictions are
/// contradictory is empty. Open domains are probed for counterexamples (the box vertex minimising
/// each open row's linear lower bound) and split on the neuron chosen by `ActivationBranching`.
/// Domains are processed worst margin first, in batches spread over the cores.
///
/// Soundness: the two children of a split cover their parent (closed halves), every refutation is a
/// certified bound on its sub-domain, and the region is declared verified only when no open domain
/// remains. A domain that cannot be split any further (all its relaxations exact, yet the bound is
/// not enough — the relaxation ignores the input constraints the splits imply) makes the answer
/// unknown, never verified.
public struct ActivationSplitBaB: Sendable {
    public struct Options: Sendable {
        /// Give up (unknown) after bounding this many domains.
        public var maxDomains: Int = 1_000_000
        /// Domains bounded per round (spread over the cores).
        public var batchSize: Int = 16
        /// Memory cap for the open domains (each keeps its parent's bounds); beyond it, unknown.
        public var memoryLimitBytes: Int = 4 << 30
        /// FSB-style filter: re-bound the children of this many top-scored candidates and split
        /// the one whose worse child is best (1 = take the top score as is).
        public var filterCandidates: Int = 1
        public var crown = CROWN.Options(refineOnlyInexact: true)
        /// Also run the domain LP on every split domain (not only on those with nothing left to
        /// split); worth it for small networks, where an LP is cheaper than more splits.
        public var lpEveryDomain = false
        /// α-CROWN iterations per open row of every domain (0: CROWN only). Set by `run` from the
        /// network when nil: on for networks with curved activations, off for piecewise-linear
        /// ones (where splitting ReLUs is cheaper than optimising their slopes).
        public var slopeIterations: Int? = nil
        /// β-CROWN: iterations of the joint slope and split-multiplier optimisation on every domain
        /// with splits (0: the splits act only through the restricted intervals). On piecewise-linear
        /// networks this is the only optimisation per domain; with curved activations the larger of
        /// this and `slopeIterations` is used.
        public var betaIterations: Int = 10
        /// Adam step of the split multipliers.
        public var betaLearningRate: Double = 0.05
        /// GLPK time limit per LP, seconds.
        public var lpTimeLimit: Double = 2
        /// Seconds between progress reports.
        public var progressInterval: Double = 1
        public init() {}
    }

    public typealias Outcome = BaBOutcome

    public struct Statistics: Sendable {
        public var domains = 0
        public var maxDepth = 0
        /// Domains found empty (contradictory splits).
        public var infeasible = 0
        public var seconds = 0.0
        /// Wall time spent bounding domains (the rest is queue handling and branching).
        public var boundSeconds = 0.0
        /// Domain LPs decided with GLPK (one per domain and open violation conjunction).
        public var lps = 0
    }

    public let graph: Graph
    public var options: Options

    public init(graph: Graph, options: Options = Options()) {
        self.graph = graph
        self.options = options
    }

    /// Verifies one region of `property` (its box and violation conjunctions).
    /// `rootBounds`, when given, are intermediate bounds valid on the whole region (e.g. α-CROWN's):
    /// the root domain starts from them and every domain inherits them.
    public func run(_ property: Property, region r: Int, rootBounds: [IntervalTensor]? = nil, shouldStop: @Sendable () -> Bool,
                    progress: (@Sendable (BaBProgress) -> Void)? = nil) -> (Outcome, Statistics) {
        var options = self.options
        if options.slopeIterations == nil {
            let curved = graph.nodes.contains { node in
                guard let act = node.op as? any ActivationOperator else { return false }
                return act.scalarActivation.curvature(in: -1, 1).contains { $0.curvature != .linear }
            }
            options.slopeIterations = curved ? 10 : 0
        }
        let driver = ActivationSplitBaB(graph: graph, options: options)
        return driver.search(property, region: r, rootBounds: rootBounds, shouldStop: shouldStop, progress: progress)
    }

    func search(_ property: Property, region r: Int, rootBounds: [IntervalTensor]? = nil, shouldStop: @Sendable () -> Bool,
                progress: (@Sendable (BaBProgress) -> Void)?) -> (Outcome, Statistics) {
        let start = DispatchTime.now()
        let lps = LPCounter()
        var (outcome, stats) = searchLoop(property, region: r, rootBounds: rootBounds, start: start, lps: lps,
                                          shouldStop: shouldStop, progress: progress)
        // Set here, not in a `defer` inside the loop: a defer runs after the returned tuple is built.
        stats.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        stats.lps = lps.count.load(ordering: .relaxed)
        return (outcome, stats)
    }

    /// GLPK problems solved, counted across the domain tasks.
    final class LPCounter: Sendable {
        let count = Atomic<Int>(0)
        func add(_ n: Int) { count.add(n, ordering: .relaxed) }
    }

    func searchLoop(_ property: Property, region r: Int, rootBounds: [IntervalTensor]?, start: DispatchTime, lps: LPCounter,
                    shouldStop: @Sendable () -> Bool, progress: (@Sendable (BaBProgress) -> Void)?) -> (Outcome, Statistics) {
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }
        var stats = Statistics()
        BLAS.setThreadCount(1)
        let region = property.regions[r]
        let branching = ActivationBranching(graph: graph)
        guard !branching.isEmpty else {
            return (.unknown("the network has no activation to split"), stats)
        }
        var queue = [ActivationDomain(restrictions: BoundRestrictions(), parentBounds: rootBounds,
                                      open: Array(region.violation.indices), margin: -.infinity, depth: 0)]
        let bytesPerDomain = boundsBytes()
        var lastReport = 0.0
        while !queue.isEmpty {
            if shouldStop() { return (.timeout, stats) }
            if stats.domains >= options.maxDomains {
                return (.unknown("activation splitting stopped after \(stats.domains) domains (\(queue.count) open)"), stats)
            }
            if queue.count * bytesPerDomain > options.memoryLimitBytes {
                return (.unknown("activation splitting reached its memory cap (\(queue.count) open domains, \(options.memoryLimitBytes >> 20) MiB)"), stats)
            }
            if let progress, elapsed() - lastReport >= options.progressInterval {
                lastReport = elapsed()
                progress(BaBProgress(domains: stats.domains, open: queue.count,
                                     globalMargin: queue.map(\.margin).min() ?? .infinity, seconds: lastReport))
            }
            // Worst margin first: the domains that hold the global bound down.
            queue.sort { $0.margin > $1.margin }
            let batch = Array(queue.suffix(options.batchSize))
            queue.removeLast(batch.count)
            let t0 = elapsed()
            let results = boundBatch(batch, region: region, property: property, branching: branching, lps: lps, shouldStop: shouldStop)
            stats.boundSeconds += elapsed() - t0
            stats.domains += batch.count
            for result in results {
                switch result {
                case .refuted(let empty):
                    if empty { stats.infeasible += 1 }
                case .failed(let message):
                    return (.unknown(message), stats)
                case .violation(let x):
                    return (.counterexample(x), stats)
                case .exhausted:
                    return (.unknown("a domain with every relaxation exact is still open (its bound ignores the input constraints its splits imply)"), stats)
                case .stopped:
                    return (.timeout, stats)
                case let .open(children):
                    for child in children {
                        stats.maxDepth = max(stats.maxDepth, child.depth)
                        queue.append(child)
                    }
                }
            }
        }
        return (.verified, stats)
    }

    /// Bytes one open domain holds (its parent's bounds on every value).
    func boundsBytes() -> Int {
        var n = 0
        for v in 0..<graph.valueCount { n += Shape.count(graph.shape(of: v)) }
        return 16 * n + 256
    }

    enum DomainResult: Sendable {
        /// Every open conjunction refuted (`empty`: the restrictions were contradictory).
        case refuted(empty: Bool)
        case open([ActivationDomain])
        case violation([Double])
        case exhausted
        case failed(String)
        case stopped
    }

    func boundBatch(_ batch: [ActivationDomain], region: Region, property: Property,
                    branching: ActivationBranching, lps: LPCounter, shouldStop: @Sendable () -> Bool) -> [DomainResult] {
        parallelMap(batch) { domain in
            shouldStop() ? .stopped : process(domain, region: region, property: property, branching: branching, lps: lps)
        }
    }

    /// The certified margins of a domain: per open conjunction, max over its rows of lower − rhs.
    struct Bounded {
        var result: CROWN.Result
        var margins: [Int: Double]
        /// Per open conjunction, the stacked row index with the best margin.
        var bestRow: [Int: Int]
    }

    func bound(_ domain: ActivationDomain, region: Region, trace: Bool) throws -> Bounded {
        let stacked = OpenRows(region: region, open: domain.open)
        let (rows, owner, rhs) = (stacked.coefficients, stacked.owner, stacked.rhs)
        let spec = stacked.specification(outputs: graph.outputCount)
        let result = try CROWN(graph: graph, options: options.crown)
            .bounds(lower: region.box.lower, upper: region.box.upper, specification: spec,
                    restrictions: domain.restrictions, parent: domain.parentBounds, trace: trace)
        var lower = result.lower
        let slopeIterations = options.slopeIterations ?? 0
        let iterations = domain.restrictions.isEmpty ? slopeIterations : max(slopeIterations, options.betaIterations)
        let unproved = rows.indices.filter { result.lower[$0] - rhs[$0] <= 0 }
        if result.feasible, iterations > 0, !unproved.isEmpty {
            // α,β-CROWN on the open rows with this domain's intermediate bounds: optimised slopes
            // matter most for curved activations, whose relaxations CROWN's heuristics leave
            // loose; the split multipliers carry the domain's splits into the layers below them.
            var alpha = AlphaCROWN.Options()
            alpha.iterations = iterations
            // Few iterations per domain: a larger first step than the root optimiser's.
            alpha.learningRate = 0.25
            // Not the root's 0.5 for ReLU slopes: on split domains, where β moves too, 0.5 doubled
            // the domains of mnist 256x4 prop 3 (ε 0.05; 1089 against 581 at 0.25 and 555 at 0.1).
            alpha.piecewiseLinearLearningRate = 0.25
            alpha.decay = 0.97
            alpha.betaLearningRate = options.betaLearningRate
            alpha.crown = options.crown
            let optimizer = AlphaCROWN(graph: graph, options: alpha)
            let open = CoefficientMatrix(rows: unproved.count, columns: graph.outputCount, data: unproved.flatMap { rows[$0] })
            if let (optimized, _) = try? optimizer.lowerBounds(of: open, intermediate: result.intermediate,
                                                               splits: options.betaIterations > 0 ? domain.restrictions : .init()) {
                for (k, i) in unproved.enumerated() { lower[i] = max(lower[i], optimized[k]) }
            }
        }
        var margins = [Int: Double](), bestRow = [Int: Int]()
        for (i, k) in owner.enumerated() {
            let m = result.feasible ? (lower[i] - rhs[i]).nextDown : .infinity
            if m > margins[k] ?? -.infinity || bestRow[k] == nil {
                margins[k] = max(margins[k] ?? -.infinity, m)
                bestRow[k] = i
            }
        }
        return Bounded(result: result, margins: margins, bestRow: bestRow)
    }

    func process(_ domain: ActivationDomain, region: Region, property: Property, branching: ActivationBranching,
                 lps: LPCounter) -> DomainResult {
        let bounded: Bounded
        do {
            bounded = try bound(domain, region: region, trace: true)
        } catch {
            return .failed("bounding failed: \(error)")
        }
        if !bounded.result.feasible { return .refuted(empty: true) }
        let stillOpen = domain.open.filter { (bounded.margins[$0] ?? -.infinity) <= 0 }
        if stillOpen.isEmpty { return .refuted(empty: false) }

        // Probe for a counterexample: per open row, the box vertex minimising its linear lower
        // bound — where the relaxation thinks the violation is likeliest.
        let a0 = bounded.result.lowerForm.inputCoefficients
        let box = region.box
        var candidates = [[Double]]()
        for k in stillOpen {
            guard let i = bounded.bestRow[k] else { continue }
            candidates.append((0..<graph.inputCount).map { d in a0.data[i * a0.columns + d] >= 0 ? box.lower[d] : box.upper[d] })
        }
        if !candidates.isEmpty {
            let outputs = graph.evaluate(batch: candidates)
            for (x, y) in zip(candidates, outputs) where property.isViolated(input: x, output: y) {
                return .violation(x)
            }
        }

        // The split serves the worst open conjunction: the domain's margin is its bound, and a
        // neuron that matters only to rows already closer to proof does not move it. Other rows
        // guide the choice only when that row has no candidate left.
        var rows = stillOpen.min { (bounded.margins[$0] ?? -.infinity) < (bounded.margins[$1] ?? -.infinity) }
            .flatMap { bounded.bestRow[$0] }.map { [$0] } ?? []
        var top = branching.candidates(bounded.result, rows: rows, count: max(1, options.filterCandidates))
        if top.isEmpty {
            rows = stillOpen.compactMap { bounded.bestRow[$0] }
            top = branching.candidates(bounded.result, rows: rows, count: max(1, options.filterCandidates))
        }
        let exhausted = top.isEmpty
        if exhausted || (options.lpEveryDomain && !domain.restrictions.isEmpty) {
            // The LP over the domain's constraints (exact once every activation is linear on it).
            switch decideByLP(domain, conjunctions: stillOpen, region: region, property: property, bounded: bounded, lps: lps) {
            case .refuted: return .refuted(empty: false)
            case .violation(let x): return .violation(x)
            case .open: break
            }
        }
        if exhausted {
            // No neuron the bound depends on is left to split: split any inexact one.
            top = branching.candidates(bounded.result, rows: rows, count: 1, ignoreCoefficients: true)
            guard !top.isEmpty else { return .exhausted }
        }
        var next = domain
        next.open = stillOpen
        next.margin = stillOpen.map { bounded.margins[$0] ?? -.infinity }.min() ?? -.infinity
        next.parentBounds = bounded.result.intermediate
        next.depth += 1
        var chosen = top[0]
        if top.count > 1 {
            // FSB: bound both children of each candidate, keep the split whose worse child is best.
            var bestScore = -Double.infinity
            for c in top {
                let (left, right) = children(of: next, splitting: c)
                let worst = [left, right].map { child -> Double in
                    guard let b = try? bound(child, region: region, trace: false) else { return -.infinity }
                    return stillOpen.map { b.margins[$0] ?? -.infinity }.min() ?? .infinity
                }.min() ?? -.infinity
                if worst > bestScore {
                    bestScore = worst
                    chosen = c
                }
            }
        }
        let (left, right) = children(of: next, splitting: chosen)
        return .open([left, right])
    }

    enum LPDecision { case refuted, violation([Double]), open }

    /// Runs `DomainLP` on every open conjunction: refuted when all are refuted; a violation when an
    /// LP point re-checks as one.
    func decideByLP(_ domain: ActivationDomain, conjunctions: [Int], region: Region, property: Property,
                    bounded: Bounded, lps: LPCounter) -> LPDecision {
        let lp = DomainLP(graph: graph, timeLimit: options.lpTimeLimit)
        var allRefuted = true
        for k in conjunctions {
            lps.add(1)
            switch lp.decide(box: region.box, conjunction: region.violation[k], restrictions: domain.restrictions,
                             bounded: bounded.result) {
            case .refuted:
                continue
            case .candidate(let x):
                allRefuted = false
                // Clamp to the box (the LP respects it up to its tolerance) and check.
                let point = zip(x, zip(region.box.lower, region.box.upper)).map { min(max($0, $1.0), $1.1) }
                if property.isViolated(input: point, output: graph.evaluate(point)) { return .violation(point) }
            case .undecided:
                allRefuted = false
            }
        }
        return allRefuted ? .refuted : .open
    }

    /// The two halves of `domain` at the candidate's point (closed halves sharing the point).
    func children(of domain: ActivationDomain, splitting c: ActivationBranching.Candidate) -> (ActivationDomain, ActivationDomain) {
        var left = domain, right = domain
        left.restrictions.restrict(value: c.value, element: c.element, lower: -.infinity, upper: c.point)
        right.restrictions.restrict(value: c.value, element: c.element, lower: c.point, upper: .infinity)
        return (left, right)
    }
}
