import VernierSpec

/// A sub-box of an input region that is still open: some of the region's violation conjunctions
/// have not been refuted on it.
struct InputDomain: Sendable {
    var lower: [Double]
    var upper: [Double]
    /// Indices (into the region's `violation`) of the conjunctions not yet refuted here.
    var open: [Int]
    /// The worst certified margin over `open` (≤ 0); the queue pops the most negative first.
    var margin: Double
    var depth: Int

    /// Splits dimension `d` at its midpoint. Both halves keep the closed midpoint, so their union
    /// is the whole box (nothing is lost between them).
    func split(_ d: Int) -> (InputDomain, InputDomain) {
        let mid = 0.5 * lower[d] + 0.5 * upper[d]
        var left = self, right = self
        left.upper[d] = mid
        right.lower[d] = mid
        left.depth += 1
        right.depth += 1
        return (left, right)
    }
}
