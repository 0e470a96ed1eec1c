/// Rigorous floating-point error terms. Every bound Vernier reports goes through these helpers, so
/// the soundness argument lives in one place (see specs/soundness.md).
///
/// Model: IEEE-754 binary64, round-to-nearest (the default; Vernier never changes the rounding
/// mode). One correctly rounded operation (`+ - * /`, `sqrt`, FMA) errs by at most half an ulp,
/// so stepping the result one ulp outward (`nextDown`/`nextUp`) encloses the exact value.
/// Elementary functions from libm are not correctly rounded; glibc documents errors of a few ulps.
/// We assume at most `libmRelativeError` relative error (orders of magnitude above the documented
/// worst cases) plus `underflowMargin` absolute (subnormal results).
public enum FloatBounds {
    /// Unit roundoff u = 2^-53.
    public static let unitRoundoff: Double = 0x1p-53

    /// Assumed relative error of a libm elementary function value (2^-44 ≈ 5.7e-14 ≈ 512 ulps).
    public static let libmRelativeError: Double = 0x1p-44

    /// Absolute slack covering underflow to subnormals in any single operation.
    public static let underflowMargin: Double = 0x1p-1000

    /// γ_n = n·u / (1 − n·u), rounded up: bounds the relative error of an n-term dot product or sum
    /// computed in any order, with or without FMA (Higham, Accuracy and Stability, §3.1).
    public static func gamma(_ n: Int) -> Double {
        let nu = Double(n) * unitRoundoff
        precondition(nu < 0.5, "gamma(\(n)) is too large to be useful")
        return (nu / (1 - nu)).nextUp.nextUp
    }

    /// One step down/up: encloses the exact result of one correctly rounded operation.
    @inlinable public static func down(_ x: Double) -> Double { x.nextDown }
    @inlinable public static func up(_ x: Double) -> Double { x.nextUp }

    /// Lower bound of an exact value approximated by `y`, a libm result (or short composition of
    /// correctly rounded operations and libm calls written without cancellation).
    @inlinable public static func libmDown(_ y: Double) -> Double {
        (y - (abs(y) * libmRelativeError + underflowMargin)).nextDown
    }

    /// Upper bound counterpart of `libmDown`.
    @inlinable public static func libmUp(_ y: Double) -> Double {
        (y + (abs(y) * libmRelativeError + underflowMargin)).nextUp
    }
}
