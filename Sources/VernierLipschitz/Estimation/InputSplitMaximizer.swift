/// Anytime branch and bound over the input box for a *maximum*: the certified upper bound of
/// sup_{x ∈ box} q(x) is the largest bound over a cover of the box by sub-boxes, so splitting the
/// sub-box with the largest bound and re-bounding its halves can only lower it.
///
/// Soundness: the two closed halves of a split cover their parent, and each child's bound is the
/// smaller of its own certified bound and its parent's (both hold on the child), so the maximum
/// over the leaves is always a certified bound, never above the previous one. Stopping at any
/// moment (time, budget) returns that maximum.
///
/// The input-split driver of `VernierBaB` decides properties (verified / counterexample); this
/// loop optimises a bound, which is what an anytime Lipschitz or monotonicity answer needs.
struct InputSplitMaximizer {
    struct Domain {
        var lower: [Double]
        var upper: [Double]
        var bound: Double
        var scores: [Double]
    }

    struct Outcome {
        /// Certified upper bound of the maximum over the whole box.
        var upper: Double
        var domains: Int
        /// Whether it stopped because the bound reached the target (not time or budget).
        var reachedTarget: Bool
        var timedOut: Bool
    }

    var maxDomains: Int

    /// - Parameters:
    ///   - root: the whole box with its bound and split scores.
    ///   - target: stop once the maximum is at or below this (re-read after every domain, so a
    ///     lower-bound search running alongside can raise it).
    ///   - bound: a certified bound (and split scores) of q on a sub-box.
    ///   - visit: called with every new sub-box (e.g. to probe it for a better lower bound).
    func run(root: Domain, deadline: Deadline, target: () -> Double,
             bound: ([Double], [Double]) throws -> (Double, [Double]),
             visit: ([Double], [Double]) -> Void = { _, _ in }) throws -> Outcome {
        var open = [root]
        var settled = -Double.infinity
        var domains = 0
        func current() -> Double { max(settled, open.map(\.bound).max() ?? -.infinity) }
        while let k = open.indices.max(by: { open[$0].bound < open[$1].bound }) {
            if open[k].bound <= target() {
                return Outcome(upper: current(), domains: domains, reachedTarget: true, timedOut: false)
            }
            if deadline.passed {
                return Outcome(upper: current(), domains: domains, reachedTarget: false, timedOut: true)
            }
            if domains + 2 > maxDomains { break }
            let parent = open.remove(at: k)
            let widths = zip(parent.lower, parent.upper).map { $1 - $0 }
            guard let d = parent.scores.indices.filter({ widths[$0] > 0 }).max(by: { parent.scores[$0] < parent.scores[$1] }) else {
                // A point cannot be split: its bound is final.
                settled = max(settled, parent.bound)
                continue
            }
            let mid = parent.lower[d] + widths[d] / 2
            var leftUpper = parent.upper, rightLower = parent.lower
            leftUpper[d] = mid
            rightLower[d] = mid
            for (l, u) in [(parent.lower, leftUpper), (rightLower, parent.upper)] {
                let (b, scores) = try bound(l, u)
                domains += 1
                visit(l, u)
                open.append(Domain(lower: l, upper: u, bound: min(parent.bound, b), scores: scores))
            }
        }
        return Outcome(upper: current(), domains: domains, reachedTarget: open.isEmpty && settled <= target(), timedOut: false)
    }
}
