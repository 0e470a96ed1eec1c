/// Locates a sign change of a function numerically and *certifies* it, for the constants that
/// activations compute once (the minimum of GELU, SiLU and Mish; their inflection points).
///
/// Method: bisection on the sign of `g` down to adjacent doubles, which gives x̃ to the accuracy
/// with which the sign of g can be evaluated. Then the certificate: g is evaluated at x̃ − radius
/// and x̃ + radius; they must have opposite signs with magnitudes of at least `minimumMagnitude`.
/// When the caller guarantees that the evaluation error of g is far below `minimumMagnitude`
/// (every use here evaluates O(1) quantities to within ~10⁻¹⁵ and certifies |g| ≥ 2⁻⁴⁰ ≈ 9·10⁻¹³)
/// the exact g changes sign inside [x̃ − radius, x̃ + radius], so by the intermediate value theorem
/// the true root lies there. Uniqueness of the root is a mathematical fact each caller states.
/// Failure is a programming error (the inputs are constants of the program), hence a precondition.
public enum CriticalPointSolver {
    /// Default certification radius for numerically located points: 2⁻³⁰ ≈ 9.3·10⁻¹⁰. Small enough
    /// that the second-order value margin ½·sup|f″|·radius² is below 10⁻¹⁸, large enough that
    /// |g(x̃ ± radius)| ≈ |g′|·radius dwarfs the evaluation error of g.
    public static let defaultRadius: Double = 0x1p-30

    /// The root of `g` in [a, b] (g(a) and g(b) of opposite signs), certified within `radius`.
    public static func root(of g: (Double) -> Double, in a: Double, _ b: Double,
                            radius: Double = defaultRadius, minimumMagnitude: Double = 0x1p-40) -> Double {
        var lo = a, hi = b
        let negativeAtLo = g(lo) < 0
        precondition(negativeAtLo != (g(hi) < 0), "no sign change of g in [\(a), \(b)]")
        while true {
            let mid = lo + (hi - lo) / 2
            if mid <= lo || mid >= hi { break }
            if (g(mid) < 0) == negativeAtLo { lo = mid } else { hi = mid }
        }
        let x = lo
        let left = g(x - radius), right = g(x + radius)
        precondition((left < 0) == negativeAtLo && (right < 0) != negativeAtLo
                     && abs(left) >= minimumMagnitude && abs(right) >= minimumMagnitude,
                     "sign change of g near \(x) could not be certified within \(radius)")
        return x
    }
}
