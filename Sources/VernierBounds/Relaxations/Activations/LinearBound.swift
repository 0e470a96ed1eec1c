/// A line `slope·x + intercept`, one side of a linear relaxation of a scalar function on [l, u].
public struct LinearBound: Sendable, Equatable {
    public var slope: Double
    public var intercept: Double

    public init(slope: Double, intercept: Double) {
        self.slope = slope
        self.intercept = intercept
    }

    /// The constant line: slope 0.
    public static func constant(_ c: Double) -> LinearBound { LinearBound(slope: 0, intercept: c) }

    public func value(at x: Double) -> Double { slope * x + intercept }
}

/// A linear relaxation: `lower(x) ≤ f(x) ≤ upper(x)` for every x in the interval it was built for.
public struct LinearRelaxation: Sendable, Equatable {
    public var lower: LinearBound
    public var upper: LinearBound
}
