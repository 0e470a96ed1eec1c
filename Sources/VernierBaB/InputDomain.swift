import VernierSpec
import VernierBounds

/// A sub-box of an input region that is still open: some of the region's violation conjunctions
/// have not been refuted on it.
struct InputDomain: Sendable {
    var lower: [Double]
    var upper: [Double]
    /// Indices (into the region's `violation`) of the conjunctions not yet refuted here.
    var open: [Int]
    /// The worst certified margin over `open` (≤ 0); half of each batch is taken most negative
    /// first (the other half by `probeMargin`).
    var margin: Double
    var depth: Int
    /// Per open conjunction, the best margin certified on this box or on a box containing it.
    var certified: [Int: Double] = [:]
    /// The worst margin over `open` computed on this box alone (the lookahead's tie-break).
    var freshMargin: Double = -.infinity
    /// The parent's `freshMargin` (−∞ for the region's box): whether the split helped.
    var parentMargin: Double = -.infinity
    /// The influence |A₀,d|·width_d of each input dimension on the open rows; set once the
    /// domain is bounded (`open` and the margins are then its own, not its parent's). Lookahead
    /// branching bounds halves before they are queued.
    var influence: [Double]? = nil
    /// Intermediate bounds (value id → bounds) that hold on this box: its own once bounded, its
    /// parent's before. A half starts its bounding from them.
    var enclosing: [Int: IntervalTensor]? = nil
    /// The largest violation margin (`Conjunction.margin`, ≥ 0 exactly at a violation) of the
    /// open conjunctions at this box's probes: how close a concrete point here comes to a
    /// counterexample. Unlike `margin` (a lower bound, which is low where the relaxation is
    /// loose) it ranks boxes for the sub-box attack. A half inherits its parent's until bounded.
    var probeMargin: Double = -.infinity

    var isBounded: Bool { influence != nil }

    /// Splits dimension `d` at its midpoint. Both halves keep the closed midpoint, so their union
    /// is the whole box (nothing is lost between them). The halves are unbounded and inherit this
    /// box's certified margins and intermediate bounds.
    func split(_ d: Int) -> (InputDomain, InputDomain) {
        let mid = 0.5 * lower[d] + 0.5 * upper[d]
        var left = self, right = self
        left.upper[d] = mid
        right.lower[d] = mid
        left.depth += 1
        right.depth += 1
        left.influence = nil
        right.influence = nil
        left.parentMargin = freshMargin
        right.parentMargin = freshMargin
        return (left, right)
    }
}
