/// How an activation orders its values on each connected component of its domain.
///
/// Strict and non-strict variants are kept apart because linear relaxations can exploit strictness
/// (e.g. invert the function) while interval bounds only need the non-strict fact.
public enum Monotonicity: Sendable, Equatable {
    /// x < y ⇒ f(x) < f(y).
    case increasing
    /// x < y ⇒ f(x) ≤ f(y) (flat parts allowed, e.g. Relu, Clip).
    case nondecreasing
    /// x < y ⇒ f(x) > f(y).
    case decreasing
    /// x < y ⇒ f(x) ≥ f(y).
    case nonincreasing
    /// f is constant (e.g. HardSigmoid with alpha = 0).
    case constant
    /// None of the above: f has interior local extrema, listed as critical points.
    case nonMonotone

    /// True when f is monotone (in either direction) on every domain component.
    public var isMonotone: Bool { self != .nonMonotone }
}
