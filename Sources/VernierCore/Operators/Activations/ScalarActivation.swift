/// A real scalar function f: ℝ → ℝ (or f: D → ℝ for a domain D ⊂ ℝ) applied elementwise, described
/// *declaratively*: its value and derivative, plus the mathematical facts a bound engine needs so
/// that it never has to know which activation it is looking at.
///
/// The facts are the contract of the type; bound engines (interval propagation now, linear
/// relaxations later) are derived from them alone, so a wrong fact is a soundness bug:
/// - `domain`: where f is defined. Outside it `value` returns NaN, as onnxruntime does; at an
///   excluded boundary point (log at 0, reciprocal at ±0) `value` returns the one-sided limit
///   (±∞), the sign of a zero argument selecting the side.
/// - `valueRange`: an exact (not rounded) enclosure of f over its whole domain, e.g. [0, 1] for
///   Sigmoid; (−∞, ∞) when nothing useful is known.
/// - `monotonicity`: the monotonicity of f on each connected component of the domain.
/// - critical points (`appendCriticalPoints`): every interior local extremum of f on an interval,
///   with its location error and a bound on how much that error moves the value (see
///   `CriticalPoint`). A continuous f attains its minimum and maximum over a closed interval at the
///   interval's ends or at such points, which is all the interval bound uses.
/// - curvature (`curvature(in:_:)`): a partition of an interval into closed pieces on which f is
///   convex, concave, affine or (tiny pieces around numerically located inflection points) of
///   unknown curvature — what linear relaxations are built from.
/// - `accuracy`: how far the floating-point `value` may be from the exact real f(x).
///
/// Requirements on `value`: it is written without catastrophic cancellation so that its error is
/// what `accuracy` states, and it returns the limit of f at ±∞ (finite or infinite) where one
/// exists, never NaN for an infinite argument unless f has no limit there (Sin, Cos).
public protocol ScalarActivation: Sendable {
    /// Operator name used in messages and as the operator kind, e.g. `Sigmoid`, `LeakyRelu`.
    var name: String { get }

    /// f(x) in floating point, within `accuracy` of the exact value for x in the domain.
    func value(_ x: Double) -> Double

    /// f′(x). At a point where f is not differentiable, an element of the Clarke generalised
    /// gradient (each activation documents which one).
    func derivative(_ x: Double) -> Double

    /// Where f is defined.
    var domain: ActivationDomain { get }

    /// An exact enclosure of the image of f (on the closure of the domain, limits included).
    var valueRange: ClosedRange<Double> { get }

    /// Monotonicity on each connected component of the domain.
    var monotonicity: Monotonicity { get }

    /// Appends the critical points (interior local extrema) of f that may lie in [lower, upper]:
    /// every point whose uncertainty neighbourhood `location ± locationRadius` meets the interval
    /// must be appended; extra points are harmless (they only loosen bounds). Where several points
    /// of the interval share one extreme value (Sin and Cos over more than a period), one
    /// representative per value suffices. Non-strict extrema on a plateau that reaches ±∞ or a
    /// domain boundary (Relu's flat part) need not be listed: they repeat an end value.
    /// Appending to a caller-owned buffer keeps interval propagation free of per-element allocation.
    func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint])

    /// A partition of [lower, upper] ∩ closure(domain) into consecutive closed pieces, each with the
    /// curvature of f on it (see `CurvaturePiece`). Empty when the interval misses the domain.
    func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece]

    /// The error model of `value` (see `ValueAccuracy`).
    var accuracy: ValueAccuracy { get }
}

extension ScalarActivation {
    public var domain: ActivationDomain { .real }
    public var valueRange: ClosedRange<Double> { -Double.infinity...Double.infinity }
    public var accuracy: ValueAccuracy { .libm }

    /// The critical points that may lie in [lower, upper] (allocating convenience form).
    public func criticalPoints(in lower: Double, _ upper: Double) -> [CriticalPoint] {
        var points = [CriticalPoint]()
        appendCriticalPoints(in: lower, upper, to: &points)
        return points
    }
}
