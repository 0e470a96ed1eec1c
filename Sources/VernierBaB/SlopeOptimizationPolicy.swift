/// When input splitting spends α-CROWN on a box that CROWN left open.
///
/// Optimised slopes close boxes that CROWN cannot: on ACAS Xu 4-2 property 2, boxes deep in the
/// search where CROWN's margin is −0.004 and the true one +0.005 are refuted by α-CROWN (10
/// steps on the final rows) at 2–5× the cost of CROWN. Elsewhere they do not help: on 2-8
/// property 1 fewer than 1 % of the optimised boxes were refuted, and the cost only slowed the
/// search down. So the search measures: α-CROWN is tried once `afterDomains` boxes have been
/// bounded (easy instances end before and pay nothing), and kept on while at least
/// `minimumRate` of the boxes it is run on end refuted by it (over a window that forgets old
/// rounds); below that rate it runs only every `probeInterval`-th round, to notice when the
/// search reaches boxes where it pays again.
///
/// The decision is per round and depends only on counts, so runs stay deterministic.
struct SlopeOptimizationPolicy: Sendable {
    var afterDomains: Int?
    var minimumRate: Double
    var window: Double = 2000
    var warmUp: Double = 200
    var probeInterval = 8
    private(set) var tried = 0.0
    private(set) var refuted = 0.0

    init(afterDomains: Int?, minimumRate: Double) {
        self.afterDomains = afterDomains
        self.minimumRate = minimumRate
    }

    /// Whether the boxes of the next round (number `round`, after `domains` boundings) are optimised.
    func shouldOptimize(domains: Int, round: Int) -> Bool {
        guard let afterDomains, domains >= afterDomains else { return false }
        if tried < warmUp || refuted >= minimumRate * tried { return true }
        return round % probeInterval == 0
    }

    mutating func record(_ tally: BoundingTally) {
        tried += Double(tally.optimized)
        refuted += Double(tally.optimizedRefutations)
        if tried > window {
            tried *= 0.5
            refuted *= 0.5
        }
    }
}

/// What bounding some boxes cost and gave: boundings, how many of them ran α-CROWN, and how many
/// of those were refuted right after it (the row-combining LP, which runs later, might have
/// refuted some of them as well, so the rate slightly flatters α-CROWN).
struct BoundingTally: Sendable {
    var boundings = 0
    var optimized = 0
    var optimizedRefutations = 0

    static func += (a: inout BoundingTally, b: BoundingTally) {
        a.boundings += b.boundings
        a.optimized += b.optimized
        a.optimizedRefutations += b.optimizedRefutations
    }
}
