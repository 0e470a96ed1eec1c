import Foundation
import VernierCore
import VernierSpec
import VernierBounds

/// Complete-in-the-limit verification for low-dimensional inputs by splitting the input box.
///
/// Each domain (a sub-box) is bounded with CROWN on the rows of its open violation conjunctions; a
/// conjunction is refuted on the domain when one of its rows has a certified lower bound above its
/// right-hand side. Domains with open conjunctions are first probed for counterexamples (their
/// centre and the box vertex minimising CROWN's linear lower bound — where the relaxation thinks
/// the violation is likeliest), then split along the dimension with the largest influence
/// |A₀,d|·width_d on the open rows. Domains are processed worst margin first, in batches, across
/// all cores. Every few rounds a caller-supplied attack (PGD in `Verifier`) searches the open
/// domains with the worst margins.
///
/// Soundness: the sub-boxes of a split cover the parent (closed halves), every refutation is a
/// certified CROWN bound, and the region is declared verified only when no open domain remains.
public struct InputSplitBaB: Sendable {
    public struct Options: Sendable {
        /// Give up (unknown) after bounding this many domains.
        public var maxDomains: Int = 2_000_000
        /// Domains bounded per round (spread over the cores).
        public var batchSize: Int = 64
        public var crown = CROWN.Options()
        /// A falsifier for sub-boxes (PGD, supplied by the caller: this module does not depend on
        /// the attack): every `attackInterval` rounds it is run on the `attackedDomains` open
        /// domains with the worst margins — where the relaxation says a violation is likeliest —
        /// and returns a candidate input or nil. Candidates are checked here with a plain forward
        /// pass before they end the search (and again by the caller before being reported).
        public var subdomainAttack: (@Sendable (_ lower: [Double], _ upper: [Double], _ round: Int) -> [Double]?)?
        public var attackInterval = 25
        public var attackedDomains = 4
        /// Seconds between progress reports.
        public var progressInterval: Double = 1
        public init() {}
    }

    public typealias Outcome = BaBOutcome

    public struct Statistics: Sendable {
        public var domains = 0
        public var maxDepth = 0
        public var seconds = 0.0
    }

    public let graph: Graph
    public var options: Options

    public init(graph: Graph, options: Options = Options()) {
        self.graph = graph
        self.options = options
    }

    /// Verifies one region of `property` (its box and violation conjunctions).
    /// `progress` is called about every `progressInterval` seconds.
    public func run(_ property: Property, region r: Int, shouldStop: @Sendable () -> Bool,
                    progress: (@Sendable (BaBProgress) -> Void)? = nil) -> (Outcome, Statistics) {
        let start = DispatchTime.now()
        var (outcome, stats) = searchLoop(property, region: r, start: start, shouldStop: shouldStop, progress: progress)
        // Set here, not in a `defer` inside the loop: a defer runs after the returned tuple is built.
        stats.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return (outcome, stats)
    }

    func searchLoop(_ property: Property, region r: Int, start: DispatchTime, shouldStop: @Sendable () -> Bool,
                    progress: (@Sendable (BaBProgress) -> Void)?) -> (Outcome, Statistics) {
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }
        var stats = Statistics()
        var lastReport = 0.0
        // Parallelism is per domain; BLAS calls inside stay single-threaded to avoid oversubscription.
        BLAS.setThreadCount(1)
        let region = property.regions[r]
        var queue = [InputDomain(lower: region.box.lower, upper: region.box.upper,
                                 open: Array(region.violation.indices), margin: -.infinity, depth: 0)]
        var round = 0
        while !queue.isEmpty {
            if shouldStop() { return (.timeout, stats) }
            round += 1
            if stats.domains >= options.maxDomains {
                return (.unknown("input splitting stopped after \(stats.domains) domains (\(queue.count) open)"), stats)
            }
            // Worst margin first: the domains that hold the global bound down.
            queue.sort { $0.margin > $1.margin }
            if let progress, elapsed() - lastReport >= options.progressInterval {
                lastReport = elapsed()
                // After the sort the worst margin is the last one.
                progress(BaBProgress(domains: stats.domains, open: queue.count,
                                     globalMargin: queue.last?.margin ?? .infinity, seconds: lastReport))
            }
            if let attack = options.subdomainAttack, round % max(1, options.attackInterval) == 0 {
                let targets = Array(queue.suffix(max(1, options.attackedDomains)).reversed())
                let attackRound = round
                let found = parallelMap(targets) { attack($0.lower, $0.upper, attackRound) }
                for x in found {
                    guard let x, region.box.contains(x), property.isViolated(input: x, output: graph.evaluate(x)) else { continue }
                    return (.counterexample(x), stats)
                }
            }
            let batch = Array(queue.suffix(options.batchSize))
            queue.removeLast(batch.count)
            let results = boundBatch(batch, region: region, property: property)
            stats.domains += batch.count
            for result in results {
                switch result {
                case .refuted:
                    continue
                case .failed(let message):
                    return (.unknown(message), stats)
                case .violation(let x):
                    return (.counterexample(x), stats)
                case let .open(domain, splitDimension):
                    guard domain.upper[splitDimension] > domain.lower[splitDimension],
                          0.5 * domain.lower[splitDimension] + 0.5 * domain.upper[splitDimension] > domain.lower[splitDimension] else {
                        return (.unknown("a domain cannot be split further (width at floating-point resolution; depth \(domain.depth), margin \(domain.margin), dimension \(splitDimension), box \(domain.lower) – \(domain.upper))"), stats)
                    }
                    let (a, b) = domain.split(splitDimension)
                    stats.maxDepth = max(stats.maxDepth, a.depth)
                    queue.append(a)
                    queue.append(b)
                }
            }
        }
        return (.verified, stats)
    }

    enum DomainResult: Sendable {
        case refuted
        case open(InputDomain, splitDimension: Int)
        case violation([Double])
        case failed(String)
    }

    /// Bounds a batch of domains in parallel.
    func boundBatch(_ batch: [InputDomain], region: Region, property: Property) -> [DomainResult] {
        parallelMap(batch) { bound($0, region: region, property: property) }
    }

    func bound(_ domain: InputDomain, region: Region, property: Property) -> DomainResult {
        // Rows of the open conjunctions, stacked for one CROWN call.
        var rows = [[Double]](), owner = [Int](), rhs = [Double]()
        for k in domain.open {
            for c in region.violation[k].constraints {
                rows.append(c.coefficients)
                owner.append(k)
                rhs.append(c.rhs)
            }
        }
        let n = graph.outputCount
        let spec = CoefficientMatrix(rows: rows.count, columns: n, data: rows.flatMap { $0 })
        let result: CROWN.Result
        do {
            // Only lower ends are read (refutation needs c·y > rhs); the rows −C would double the final pass.
            result = try CROWN(graph: graph, options: options.crown).bounds(lower: domain.lower, upper: domain.upper,
                                                                            specification: spec, lowerOnly: true)
        } catch {
            return .failed("bounding failed: \(error)")
        }
        var best = [Int: Double]()
        for (i, k) in owner.enumerated() {
            best[k] = max(best[k] ?? -.infinity, (result.lower[i] - rhs[i]).nextDown)
        }
        let stillOpen = domain.open.filter { (best[$0] ?? -.infinity) <= 0 }
        if stillOpen.isEmpty { return .refuted }

        // Probe for a counterexample: the centre and, per open row, the vertex minimising the
        // linear lower bound.
        let a0 = result.lowerForm.inputCoefficients
        var candidates = [zip(domain.lower, domain.upper).map { 0.5 * $0 + 0.5 * $1 }]
        for (i, k) in owner.enumerated() where stillOpen.contains(k) {
            candidates.append((0..<graph.inputCount).map { d in a0.data[i * a0.columns + d] >= 0 ? domain.lower[d] : domain.upper[d] })
        }
        let outputs = graph.evaluate(batch: candidates)
        for (x, y) in zip(candidates, outputs) where property.isViolated(input: x, output: y) {
            return .violation(x)
        }

        // Branch on the dimension with the largest influence on the open rows.
        var score = [Double](repeating: 0, count: graph.inputCount)
        for (i, k) in owner.enumerated() where stillOpen.contains(k) {
            for d in 0..<graph.inputCount {
                score[d] += abs(a0.data[i * a0.columns + d]) * (domain.upper[d] - domain.lower[d])
            }
        }
        var splitDimension = 0
        for d in score.indices where score[d] > score[splitDimension] { splitDimension = d }
        if score[splitDimension] == 0 {
            // No linear signal (e.g. bounds fell back to intervals): split the widest side.
            for d in 0..<graph.inputCount where domain.upper[d] - domain.lower[d] > domain.upper[splitDimension] - domain.lower[splitDimension] {
                splitDimension = d
            }
        }
        // Starvation guard: the final linear form can be flat in a dimension whose range still
        // drives unstable neurons below (ACAS Xu prop. 1 on net 5-2: four dimensions split to
        // floating-point resolution while the fifth kept half its range). A dimension whose share of
        // its original width is 256× that of the chosen one is split instead.
        let share = (0..<graph.inputCount).map { d -> Double in
            let full = region.box.upper[d] - region.box.lower[d]
            return full > 0 ? (domain.upper[d] - domain.lower[d]) / full : 0
        }
        if let widest = share.indices.max(by: { share[$0] < share[$1] }), share[widest] > 256 * share[splitDimension] {
            splitDimension = widest
        }
        var next = domain
        next.open = stillOpen
        next.margin = stillOpen.map { best[$0] ?? -.infinity }.min() ?? -.infinity
        return .open(next, splitDimension: splitDimension)
    }
}
