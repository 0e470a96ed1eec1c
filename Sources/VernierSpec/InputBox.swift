/// An axis-aligned box of network inputs: `lower[i] <= x[i] <= upper[i]`.
///
/// Boxes produced by this module have finite bounds with `lower[i] <= upper[i]`.
public struct InputBox: Sendable, Hashable {
    /// One entry per network input.
    public var lower: [Double]
    /// One entry per network input.
    public var upper: [Double]

    public init(lower: [Double], upper: [Double]) {
        self.lower = lower
        self.upper = upper
    }

    /// Number of inputs the box constrains.
    public var dimension: Int { lower.count }

    /// Whether `x` lies in the closed box. False if the length differs or `x` has a NaN.
    public func contains(_ x: [Double]) -> Bool {
        guard x.count == lower.count, x.count == upper.count else { return false }
        for i in x.indices where !(lower[i] <= x[i] && x[i] <= upper[i]) { return false }
        return true
    }
}
