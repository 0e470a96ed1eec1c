/// The set where an activation is defined, as a union of disjoint intervals (components) in
/// increasing order. Only 0 occurs as an excluded boundary among the ONNX activations (Log,
/// Reciprocal), which lets `value` encode the side of a one-sided limit in the sign of zero.
public struct ActivationDomain: Sendable, Equatable {
    /// One connected component [lower, upper] with each end included or excluded.
    public struct Component: Sendable, Equatable {
        public var lower: Double
        public var upper: Double
        public var includesLower: Bool
        public var includesUpper: Bool

        public init(lower: Double, upper: Double, includesLower: Bool = true, includesUpper: Bool = true) {
            self.lower = lower
            self.upper = upper
            self.includesLower = includesLower
            self.includesUpper = includesUpper
        }

        /// Whether x lies in the component.
        public func contains(_ x: Double) -> Bool {
            (includesLower ? x >= lower : x > lower) && (includesUpper ? x <= upper : x < upper)
        }
    }

    public var components: [Component]

    public init(components: [Component]) { self.components = components }

    /// All of ℝ.
    public static let real = ActivationDomain(components: [Component(lower: -.infinity, upper: .infinity)])
    /// x ≥ 0 (Sqrt).
    public static let nonNegative = ActivationDomain(components: [Component(lower: 0, upper: .infinity)])
    /// x > 0 (Log).
    public static let positive = ActivationDomain(components: [Component(lower: 0, upper: .infinity, includesLower: false)])
    /// x ≠ 0 (Reciprocal).
    public static let nonZero = ActivationDomain(components: [
        Component(lower: -.infinity, upper: 0, includesUpper: false),
        Component(lower: 0, upper: .infinity, includesLower: false),
    ])

    /// Whether x lies in the domain.
    public func contains(_ x: Double) -> Bool { components.contains { $0.contains(x) } }

    /// True for ℝ.
    public var isReal: Bool { self == .real }
}
