import Foundation
import VernierCore
import VernierSpec
import VernierBounds

/// Complete-in-the-limit verification for low-dimensional inputs by splitting the input box.
///
/// Each domain (a sub-box) is bounded with CROWN on the rows of its open violation conjunctions,
/// starting from its parent's intermediate bounds (valid on the sub-box too), and with α-CROWN
/// where CROWN leaves rows open once that has proved worth its cost (`SlopeOptimizationPolicy`);
/// a conjunction is refuted on the domain when one of its rows, or a weighted sum of its rows, has
/// a certified lower bound above its right-hand side (`InputSplitBaB+Bounding.swift`). Domains with
/// open conjunctions are probed for counterexamples (centre, the vertices minimising the linear
/// lower bounds, the LP's point), then split in half along one input dimension, chosen by
/// influence, by lookahead, or adaptively — lookahead only where a split stopped helping
/// (`InputSplitBaB+Branching.swift`).
/// Domains are processed in batches across all cores, each batch half by worst certified margin
/// (where the bounds hold the search back) and half by largest probe margin (where a concrete
/// point came closest to a violation: counterexample pockets need not be where the bounds are
/// loosest). Every few rounds a caller-supplied attack (PGD in `Verifier`) searches open domains
/// of both kinds.
///
/// Soundness: the sub-boxes of a split cover the parent (closed halves), every refutation is a
/// certified bound, and the region is declared verified only when no open domain remains.
public struct InputSplitBaB: Sendable {
    public struct Options: Sendable {
        /// Give up (unknown) after bounding this many domains.
        public var maxDomains: Int = 2_000_000
        /// Domains bounded per round (spread over the cores).
        public var batchSize: Int = 64
        public var crown = CROWN.Options()
        /// A falsifier for sub-boxes (PGD, supplied by the caller: this module does not depend on
        /// the attack): every `attackInterval` rounds it is run on `attackedDomains` open domains,
        /// half with the worst certified margins and half with the largest probe margins
        /// (`attackTargets`), and returns a candidate input or nil. Candidates are checked here
        /// with a plain forward pass before they end the search (and again by the caller before
        /// being reported).
        public var subdomainAttack: (@Sendable (_ lower: [Double], _ upper: [Double], _ round: Int) -> [Double]?)?
        public var attackInterval = 25
        public var attackedDomains = 4
        /// Share of each batch taken by worst certified margin (clamped to [0, 1], at least one
        /// domain); the rest are the domains whose probes came closest to a violation
        /// (`InputDomain.probeMargin`).
        public var worstShare: Double = 0.5
        /// Refute conjunctions of several rows by weighted sums of their rows when no single row
        /// refutes them (one small LP per such conjunction and domain).
        public var combineRows = true
        /// Start each half's bounds from its parent's intermediate bounds (kept while the half
        /// is queued: the activation operands' bounds, a few KB per domain on ACAS Xu).
        public var inheritBounds = true
        /// How the dimension to split is chosen.
        public var branching: Branching = .adaptive
        /// `adaptive` looks ahead on a domain whose split raised its margin by less than this
        /// fraction of its parent's margin.
        public var stallFraction: Double = 0.01
        /// Lookahead tries only dimensions whose width, as a share of the region's, is at least
        /// 1/`lookaheadWidthRatio` of the widest share: splitting a sliver can win the comparison
        /// by a rounding-level gain while the real looseness sits in the wide dimensions.
        public var lookaheadWidthRatio: Double = 64
        /// α-CROWN steps on a box's open rows when the box is optimised (`SlopeOptimizationPolicy`).
        public var alphaIterations = 10
        /// Optimise slopes only after this many boxes have been bounded (nil: never).
        public var alphaAfterDomains: Int? = 2000
        /// Keep optimising while at least this share of the optimised boxes are refuted by it.
        public var alphaMinimumRate = 0.05
        /// Memory cap for the open domains. Past it, queued domains drop their inherited bounds
        /// (an optimisation: halves are then bounded from scratch); past it again without them,
        /// the region ends unknown.
        public var memoryLimitBytes: Int = 4 << 30
        /// Seconds between progress reports.
        public var progressInterval: Double = 1
        public init() {}
    }

    /// Input-dimension branching heuristics.
    public enum Branching: String, Sendable, CaseIterable {
        /// The largest |A₀,d|·width_d of the domain's linear lower bound (one bounding per domain).
        case influence
        /// Bound both halves of every candidate split and keep the split whose halves' margins
        /// sum highest (2 boundings per candidate dimension; the chosen halves are queued already
        /// bounded).
        case lookahead
        /// Influence, but lookahead on a domain whose last split barely raised its margin.
        case adaptive
    }

    public typealias Outcome = BaBOutcome

    public struct Statistics: Sendable {
        public var domains = 0
        public var maxDepth = 0
        /// Boxes bounded with α-CROWN as well, and how many of those it refuted.
        public var optimized = 0
        public var optimizedRefutations = 0
        /// Whether the memory cap made the queued domains drop their inherited bounds.
        public var droppedInheritedBounds = false
        public var seconds = 0.0
    }

    public let graph: Graph
    public var options: Options

    /// The values whose bounds a half inherits from its parent (`relaxedOperands`).
    let relaxedOperands: [Int]

    public init(graph: Graph, options: Options = Options()) {
        self.graph = graph
        self.options = options
        self.relaxedOperands = Self.relaxedOperands(graph)
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
        var policy = SlopeOptimizationPolicy(afterDomains: options.alphaAfterDomains, minimumRate: options.alphaMinimumRate)
        var keepBounds = options.inheritBounds
        let (plainBytes, boundsBytes) = domainBytes()
        while !queue.isEmpty {
            if shouldStop() { return (.timeout, stats) }
            round += 1
            if stats.domains >= options.maxDomains {
                return (.unknown("input splitting stopped after \(stats.domains) domains (\(queue.count) open)"), stats)
            }
            if keepBounds, queue.count * (plainBytes + boundsBytes) > options.memoryLimitBytes {
                keepBounds = false
                stats.droppedInheritedBounds = true
                for i in queue.indices { queue[i].enclosing = nil }
            }
            if queue.count * plainBytes > options.memoryLimitBytes {
                return (.unknown("input splitting reached its memory cap (\(queue.count) open domains, \(options.memoryLimitBytes >> 20) MiB)"), stats)
            }
            // Worst certified margin last: batches and attack targets take their worst share from
            // the end, and the global bound is the last margin.
            queue.sort { $0.margin > $1.margin }
            if let progress, elapsed() - lastReport >= options.progressInterval {
                lastReport = elapsed()
                // After the sort the worst margin is the last one.
                progress(BaBProgress(domains: stats.domains, open: queue.count,
                                     globalMargin: queue.last?.margin ?? .infinity, seconds: lastReport))
            }
            if let attack = options.subdomainAttack, round % max(1, options.attackInterval) == 0 {
                let targets = attackTargets(queue)
                let attackRound = round
                let found = parallelMap(targets) { attack($0.lower, $0.upper, attackRound) }
                for x in found {
                    guard let x, region.box.contains(x), property.isViolated(input: x, output: graph.evaluate(x)) else { continue }
                    return (.counterexample(x), stats)
                }
            }
            let batch = takeBatch(&queue)
            let optimize = policy.shouldOptimize(domains: stats.domains, round: round)
            let results = parallelMap(batch) {
                expand($0, region: region, property: property, optimize: optimize, shouldStop: shouldStop)
            }
            for (result, tally) in results {
                stats.domains += tally.boundings
                stats.optimized += tally.optimized
                stats.optimizedRefutations += tally.optimizedRefutations
                policy.record(tally)
                switch result {
                case .children(let children):
                    for var child in children {
                        stats.maxDepth = max(stats.maxDepth, child.depth)
                        if !keepBounds { child.enclosing = nil }
                        queue.append(child)
                    }
                case .failed(let message):
                    return (.unknown(message), stats)
                case .violation(let x):
                    return (.counterexample(x), stats)
                }
            }
        }
        return (.verified, stats)
    }

    /// Estimated bytes of one queued domain without its inherited bounds (box, margins, influence,
    /// bookkeeping) and of the inherited bounds alone (two doubles per element of every relaxed
    /// operand, plus the tensors' own overhead).
    func domainBytes() -> (plain: Int, bounds: Int) {
        let n = graph.inputCount
        let plain = 5 * 8 * n + 512
        let bounds = relaxedOperands.reduce(0) { $0 + 16 * Shape.count(graph.shape(of: $1)) + 128 }
        return (plain, bounds)
    }

    /// The domains the sub-box attack searches: half of `attackedDomains` with the worst certified
    /// margins (where the bounds are weakest), the rest with the largest probe margins (where a
    /// concrete point came closest to a violation). `queue` is sorted, worst last.
    func attackTargets(_ queue: [InputDomain]) -> [InputDomain] {
        let total = max(1, options.attackedDomains)
        let (worst, closest) = Self.select(queue, count: total, worst: (total + 1) / 2)
        return worst.reversed().map { queue[$0] } + closest.map { queue[$0] }
    }

    /// Up to `count` indices of `queue` (sorted, worst last): its last `worst`, then the largest
    /// probe margins among the others.
    static func select(_ queue: [InputDomain], count: Int, worst: Int) -> (worst: Range<Int>, closest: [Int]) {
        let w = min(queue.count, worst)
        return ((queue.count - w)..<queue.count, largestProbeMargins(queue, count: count - w, among: 0..<(queue.count - w)))
    }

    /// Indices in `range` of the `count` domains with the largest probe margins, largest first
    /// (a partial selection: the queue can hold 10⁵ domains).
    static func largestProbeMargins(_ queue: [InputDomain], count: Int, among range: Range<Int>) -> [Int] {
        guard count > 0 else { return [] }
        var chosen = [Int]()
        chosen.reserveCapacity(count + 1)
        for i in range where queue[i].probeMargin > -.infinity {
            if chosen.count == count, queue[chosen[count - 1]].probeMargin >= queue[i].probeMargin { continue }
            let position = chosen.firstIndex { queue[$0].probeMargin < queue[i].probeMargin } ?? chosen.count
            chosen.insert(i, at: position)
            if chosen.count > count { chosen.removeLast() }
        }
        return chosen
    }

    /// The next batch, taken out of `queue` (sorted, worst last): `worstShare` of it by worst
    /// certified margin, the rest by largest probe margin.
    func takeBatch(_ queue: inout [InputDomain]) -> [InputDomain] {
        let size = min(queue.count, max(1, options.batchSize))
        let share = options.worstShare.isNaN ? 1 : min(max(options.worstShare, 0), 1)
        // At least one by worst margin, so that a batch is never empty (unprobed domains have no
        // probe margin) and the domain holding the global bound down is always progressing.
        let (worst, closest) = Self.select(queue, count: size, worst: max(1, Int((share * Double(size)).rounded(.up))))
        let batch = worst.map { queue[$0] } + closest.map { queue[$0] }
        let taken = Set(closest)
        queue = queue[..<worst.lowerBound].indices.filter { !taken.contains($0) }.map { queue[$0] }
        return batch
    }

    /// What processing one queued domain gave: its open children (none when it is refuted), a
    /// violation, or a failure.
    enum Expansion: Sendable {
        case children([InputDomain])
        case violation([Double])
        case failed(String)
    }

    /// Bounds `queued` if its parent's lookahead has not, then splits it. Returns the expansion
    /// and what the boundings for it cost.
    func expand(_ queued: InputDomain, region: Region, property: Property, optimize: Bool = false,
                shouldStop: @Sendable () -> Bool = { false }) -> (Expansion, BoundingTally) {
        var domain = queued, tally = BoundingTally()
        if !domain.isBounded {
            switch evaluate(domain, region: region, property: property, optimize: optimize, tally: &tally) {
            case .refuted: return (.children([]), tally)
            case .violation(let x): return (.violation(x), tally)
            case .failed(let message): return (.failed(message), tally)
            case .open(let next): domain = next
            }
        }
        // A dimension is split only where its midpoint lies strictly inside (else one half would
        // be the whole side again, or a point).
        let splittable = (0..<graph.inputCount).filter { d in
            let mid = 0.5 * domain.lower[d] + 0.5 * domain.upper[d]
            return domain.lower[d] < mid && mid < domain.upper[d]
        }
        guard !splittable.isEmpty else {
            return (.failed("input splitting cannot split a domain further (width at floating-point resolution; depth \(domain.depth), margin \(domain.margin), box \(domain.lower) – \(domain.upper))"), tally)
        }
        let look: Bool
        switch options.branching {
        case .influence: look = false
        case .lookahead: look = true
        case .adaptive:
            // The split that made this domain did not raise its margin by `stallFraction` of the
            // parent's: the influence score is not finding the looseness here, so look ahead.
            let gain = domain.freshMargin - domain.parentMargin
            look = domain.parentMargin.isFinite && !(gain > options.stallFraction * abs(domain.parentMargin))
        }
        if look {
            return lookahead(domain, splittable: splittable, region: region, property: property, tally: tally,
                             optimize: optimize, shouldStop: shouldStop)
        }
        let d = influenceDimension(domain, splittable: splittable, region: region)
        let (a, b) = domain.split(d)
        return (.children([a, b]), tally)
    }
}
