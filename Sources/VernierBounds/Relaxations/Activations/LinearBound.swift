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
    /// Where each line touches f (approximately): d(intercept)/d(slope) = −touch point. Used for
    /// α-CROWN gradients only, never for soundness.
    public var lowerTouch: Double
    public var upperTouch: Double

    public init(lower: LinearBound, upper: LinearBound, lowerTouch: Double = 0, upperTouch: Double = 0) {
        self.lower = lower
        self.upper = upper
        self.lowerTouch = lowerTouch
        self.upperTouch = upperTouch
    }
}
