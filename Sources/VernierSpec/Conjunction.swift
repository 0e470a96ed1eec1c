/// A set of output constraints that must all hold at once.
///
/// In a `Region` a conjunction describes one way of violating the property. An empty
/// conjunction is always satisfied (the region's inputs violate the property whatever the
/// network outputs).
public struct Conjunction: Sendable, Hashable {
    public var constraints: [OutputConstraint]

    public init(constraints: [OutputConstraint]) {
        self.constraints = constraints
    }

    /// Whether every constraint holds for `output`.
    public func isSatisfied(by output: [Double]) -> Bool {
        constraints.allSatisfy { $0.isSatisfied(by: output) }
    }

    /// `min` over the constraints of `rhs - c · y`: non-negative exactly when all hold
    /// (`+infinity` for an empty conjunction).
    public func margin(_ output: [Double]) -> Double {
        var m = Double.infinity
        for c in constraints { m = Swift.min(m, c.slack(output)) }
        return m
    }
}
