/// An input box together with the ways outputs can violate the property on it.
///
/// The property is violated on this region by an input `x` in `box` whose output `y`
/// satisfies *at least one* conjunction of `violation` (a disjunction of conjunctions).
public struct Region: Sendable, Hashable {
    public var box: InputBox
    public var violation: [Conjunction]

    public init(box: InputBox, violation: [Conjunction]) {
        self.box = box
        self.violation = violation
    }

    /// Whether `output` satisfies some conjunction of `violation`. The input is not checked.
    public func isViolated(byOutput output: [Double]) -> Bool {
        violation.contains { $0.isSatisfied(by: output) }
    }

    /// `max` over conjunctions of `min` over their rows of `rhs - c · y`.
    ///
    /// Non-negative exactly when `output` violates the property on this region; a larger
    /// value means "more violated", which is what a falsifying attack maximises. Returns
    /// `-infinity` when there are no conjunctions (no violation possible).
    public func violationMargin(_ output: [Double]) -> Double {
        var best = -Double.infinity
        for conjunction in violation { best = Swift.max(best, conjunction.margin(output)) }
        return best
    }
}
