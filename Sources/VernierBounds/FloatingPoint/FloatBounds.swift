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

    /// A rigorous lower bound of an exact sum Σ x_j of n terms, each a correctly rounded product
    /// (or an exact value), from its round-to-nearest evaluation `sum` = fl(Σ fl(x_j)) and
    /// `magnitude` = fl(Σ |fl(x_j)|), both summed in any order.
    ///
    /// Proof: fl(x_j) = x_j(1 + δ_j) + η_j with |δ_j| ≤ u and |η_j| ≤ η (underflow), and the summation
    /// errs by at most γ_{n−1}·Σ|fl(x_j)|, so |sum − Σ x_j| ≤ γ_n·Σ|x_j| + n·η. Also
    /// Σ|fl(x_j)| ≤ magnitude/(1 − γ_{n−1}) and Σ|x_j| ≤ (1 + u)·Σ|fl(x_j)| + n·η, hence the error
    /// is below 2γ_{n+1}·magnitude + (n + 1)·`underflowMargin` for any n with n·u < 1/4. The final
    /// subtraction is stepped down. An infinite or NaN sum or magnitude gives −∞.
    @inlinable public static func sumLowerBound(sum: Double, magnitude: Double, terms n: Int) -> Double {
        // 2γ_{n+1} ≤ 2.5·(n + 1)·u while (n + 1)·u ≤ 0.1, which every bounded dimension satisfies.
        precondition(n < 1 << 48, "sum of \(n) terms")
        let error = (2.5 * Double(n + 1) * unitRoundoff * magnitude + Double(n + 1) * underflowMargin).nextUp
        let v = (sum - error).nextDown
        return v.isNaN ? -.infinity : v
    }

    /// A rigorous lower bound of Σ_{j<n} x_j, where `fast(j)` returns fl(x_j) computed branch-free
    /// (NaN where x_j is a 0·∞ product that means 0) and `careful(j)` the same term with such
    /// products taken as 0. The sums run in four independent lanes (a single running sum is a
    /// latency chain) and are bounded by `sumLowerBound(sum:magnitude:terms:)`; a NaN sends the
    /// whole sum to the careful terms.
    @inline(__always)
    public static func sumLowerBound(terms n: Int, fast: (Int) -> Double, careful: (Int) -> Double) -> Double {
        var (sum, magnitude) = laneSums(n, fast)
        if sum.isNaN || magnitude.isNaN { (sum, magnitude) = laneSums(n, careful) }
        return sumLowerBound(sum: sum, magnitude: magnitude, terms: n)
    }

    /// (Σ term(j), Σ |term(j)|) for j < n in round-to-nearest, four lanes.
    @inline(__always)
    static func laneSums(_ n: Int, _ term: (Int) -> Double) -> (Double, Double) {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var m0 = 0.0, m1 = 0.0, m2 = 0.0, m3 = 0.0
        var j = 0
        while j + 4 <= n {
            let t0 = term(j), t1 = term(j + 1), t2 = term(j + 2), t3 = term(j + 3)
            s0 += t0; s1 += t1; s2 += t2; s3 += t3
            m0 += abs(t0); m1 += abs(t1); m2 += abs(t2); m3 += abs(t3)
            j += 4
        }
        while j < n {
            let t = term(j)
            s0 += t; m0 += abs(t)
            j += 1
        }
        return ((s0 + s1) + (s2 + s3), (m0 + m1) + (m2 + m3))
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
