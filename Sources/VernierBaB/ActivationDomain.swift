import VernierBounds

/// A sub-domain of activation branch and bound: the input region restricted by split decisions on
/// activation inputs (see `BoundRestrictions`), with what its parent's bounding left to reuse.
struct ActivationDomain: Sendable {
    var restrictions: BoundRestrictions
    /// Bounds of every graph value on the parent domain (valid here too: this domain is a subset).
    var parentBounds: [IntervalTensor]?
    /// Indices (into the region's `violation`) of the conjunctions not yet refuted here.
    var open: [Int]
    /// The worst certified margin over `open` (≤ 0); the queue pops the most negative first.
    var margin: Double
    var depth: Int
}
