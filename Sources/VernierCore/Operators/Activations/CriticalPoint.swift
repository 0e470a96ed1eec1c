/// An interior local extremum x* of an activation, as far as floating point can say where it is.
///
/// The true critical point x* satisfies |x* − location| ≤ locationRadius. Its value f(x*) is either
/// known exactly (`exactValue`: ±1 for Sin, −0.375 for HardSwish, 0 for Abs) or is bracketed by
/// evaluating f at `location` and widening by `valueMargin` ≥ |f(location) − f(x*)|. Because
/// f′(x*) = 0, Taylor's theorem gives |f(location) − f(x*)| ≤ ½·sup|f″|·locationRadius², so a
/// numerically located point costs only a second-order margin (each activation justifies its own).
public struct CriticalPoint: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case minimum
        case maximum
    }

    public var kind: Kind
    public var location: Double
    public var locationRadius: Double
    public var exactValue: Double?
    public var valueMargin: Double

    public init(kind: Kind, location: Double, locationRadius: Double = 0,
                exactValue: Double? = nil, valueMargin: Double = 0) {
        self.kind = kind
        self.location = location
        self.locationRadius = locationRadius
        self.exactValue = exactValue
        self.valueMargin = valueMargin
    }

    /// Whether the uncertainty neighbourhood of the point meets [lower, upper].
    @inlinable
    public func mayLie(in lower: Double, _ upper: Double) -> Bool {
        location + locationRadius >= lower && location - locationRadius <= upper
    }

    /// Appends the points of a fixed list that may lie in [lower, upper].
    @inlinable
    public static func append(_ fixed: [CriticalPoint], in lower: Double, _ upper: Double,
                              to points: inout [CriticalPoint]) {
        for p in fixed where p.mayLie(in: lower, upper) { points.append(p) }
    }
}
