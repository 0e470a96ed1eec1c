/// One linear constraint on the network's outputs: `coefficients · y <= rhs`.
public struct OutputConstraint: Sendable, Hashable {
    /// One coefficient per network output (length = the property's `outputCount`).
    public var coefficients: [Double]
    public var rhs: Double

    public init(coefficients: [Double], rhs: Double) {
        self.coefficients = coefficients
        self.rhs = rhs
    }

    /// `c · y` summed over the non-zero coefficients only, in index order.
    ///
    /// Skipping zeros makes the common VNN-COMP rows exact: `y_a - y_b` (two unit coefficients)
    /// is a single subtraction whose sign is always right, and `±y_a` involves no rounding.
    /// Lengths must match; extra entries on either side are ignored.
    func dot(_ output: [Double]) -> Double {
        var sum = 0.0
        for k in 0..<min(coefficients.count, output.count) where coefficients[k] != 0 {
            sum += coefficients[k] * output[k]
        }
        return sum
    }

    /// Whether `y` satisfies the constraint (`c · y <= rhs`). False for a NaN output.
    public func isSatisfied(by output: [Double]) -> Bool {
        dot(output) <= rhs
    }

    /// `rhs - c · y`: non-negative exactly when the constraint holds. NaN outputs give
    /// `-infinity` so that they never look like a violation to a maximising attack.
    public func slack(_ output: [Double]) -> Double {
        let s = rhs - dot(output)
        return s.isNaN ? -.infinity : s
    }
}
