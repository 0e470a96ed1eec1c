/// How far an activation's floating-point `value(x)` may be from the exact real f(x), for an exact
/// (floating-point) argument x in the domain. Bound engines turn this into outward rounding
/// (`FloatBounds` in VernierBounds maps each case to numbers), so it must hold for *every* x.
public enum ValueAccuracy: Sendable, Equatable {
    /// `value` is exact: selections and sign changes only (Relu, Abs, Clip).
    case exact
    /// A chain of `n` correctly rounded operations (+ − × ÷ √) without cancellation: relative
    /// error at most γ_n = n·u/(1 − n·u), u = 2⁻⁵³ (plus underflow slack).
    case roundedOperations(Int)
    /// A libm elementary function, or a short cancellation-free composition of such calls and
    /// correctly rounded operations: relative error at most `FloatBounds.libmRelativeError`
    /// (plus underflow slack). This is the assumption FloatBounds documents.
    case libm
    /// An explicit bound |value(x) − f(x)| ≤ relative·|value(x)| + absolute (plus underflow slack),
    /// for formulas whose error the libm model does not cover — an ill-conditioned argument
    /// (GELU's erfc(x/√2) for very negative x) or a cancellation that cannot be avoided
    /// (HardSigmoid's α·x + β near 0). Each use documents its derivation.
    case bounded(relative: Double, absolute: Double)
}
