/// Anytime branch and bound for a *maximum* over an input box: the certified upper bound of
/// sup q over the box is the largest bound over a cover of the box by domains, so splitting the
/// domain with the largest bound and re-bounding its children can only lower it.
///
/// A domain is a sub-box plus activation decisions (`ActivationSplit`). It is split on its best
/// unstable ReLU-like neuron when it has one (both signs: the children cover the parent), else
/// bisected along the input dimension with the largest score (closed halves cover the parent).
///
/// Soundness: children cover their parent, and each child's bound is the smaller of its own
/// certified bound and its parent's (both hold on the child), so the maximum over the leaves is
/// always certified and never above the previous one; an empty child (bound −∞) drops out.
/// Stopping at any moment (time, budget) returns that maximum.
///
/// The input-split driver of `VernierBaB` decides properties (verified / counterexample); this
/// loop optimises a bound, which is what an anytime Lipschitz or monotonicity answer needs.
struct BranchAndBoundMaximizer {
    struct Domain {
        var lower: [Double]
        var upper: [Double]
        var splits: [ActivationSplit]
        var bound: Double
        /// Per input dimension, how promising a bisection is.
        var scores: [Double]
        /// The unstable neuron to split next, if any.
        var neuron: ActivationSplit?
    }

    /// What a bounding call returns for a domain.
    struct Bound {
        var value: Double
        var scores: [Double]
        var neuron: ActivationSplit?
        var probe: [Double]? = nil
    }

    struct Outcome {
        /// Certified upper bound of the maximum over the whole box.
        var upper: Double
        var domains: Int
        var timedOut: Bool
    }

    var maxDomains: Int

    /// - Parameters:
    ///   - target: stop once the maximum is at or below this (re-read after every domain, so a
    ///     lower-bound search running alongside can raise it).
    ///   - bound: a certified bound of q on a domain (box and splits).
    ///   - visit: called with every new domain's box and its bound's probe point (e.g. to search
    ///     there for a better lower bound).
    func run(root: Domain, deadline: Deadline, target: () -> Double,
             bound: ([Double], [Double], [ActivationSplit]) throws -> Bound,
             visit: ([Double], [Double], [Double]?) -> Void = { _, _, _ in }) throws -> Outcome {
        var open = [root]
        var settled = -Double.infinity
        var domains = 0
        func current() -> Double { max(settled, open.map(\.bound).max() ?? -.infinity) }
        while let k = open.indices.max(by: { open[$0].bound < open[$1].bound }) {
            if open[k].bound <= target() || deadline.passed || domains + 2 > maxDomains {
                return Outcome(upper: current(), domains: domains, timedOut: deadline.passed)
            }
            let parent = open.remove(at: k)
            var children = [([Double], [Double], [ActivationSplit])]()
            if var neuron = parent.neuron {
                neuron.active = true
                children.append((parent.lower, parent.upper, parent.splits + [neuron]))
                neuron.active = false
                children.append((parent.lower, parent.upper, parent.splits + [neuron]))
            } else {
                let widths = zip(parent.lower, parent.upper).map { $1 - $0 }
                guard let d = parent.scores.indices.filter({ widths[$0] > 0 }).max(by: { parent.scores[$0] < parent.scores[$1] }) else {
                    // Nothing left to split: the bound is final.
                    settled = max(settled, parent.bound)
                    continue
                }
                let mid = parent.lower[d] + widths[d] / 2
                var leftUpper = parent.upper, rightLower = parent.lower
                leftUpper[d] = mid
                rightLower[d] = mid
                children = [(parent.lower, leftUpper, parent.splits), (rightLower, parent.upper, parent.splits)]
            }
            for (l, u, s) in children {
                let b = try bound(l, u, s)
                domains += 1
                if b.value == -.infinity { continue }
                visit(l, u, b.probe)
                open.append(Domain(lower: l, upper: u, splits: s, bound: min(parent.bound, b.value),
                                   scores: b.scores, neuron: b.neuron))
            }
        }
        return Outcome(upper: current(), domains: domains, timedOut: false)
    }
}
