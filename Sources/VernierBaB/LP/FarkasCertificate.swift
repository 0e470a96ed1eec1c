import VernierBounds

/// A rigorous proof that a system of linear inequalities `a_i·x ≤ h_i` has no solution in a box.
///
/// For any multipliers ν ≥ 0, every solution x satisfies Σ ν_i a_i·x ≤ Σ ν_i h_i. So if
///
///     min_{x ∈ box} g·x  >  ν·h,     g = Σ ν_i a_i,
///
/// there is no solution (Farkas' lemma restricted to a box; weak LP duality). The multipliers may
/// come from anywhere — here from an LP solver's duals, which are only floating-point guesses — and
/// the test is evaluated rigorously: g is computed in floating point with its rounding error
/// bounded by γ_{m+1}·Σ ν_i |a_i| elementwise (Higham, Thm 3.1 applied per component), the box
/// minimum of g̃·x is rounded down (`LinearFormBounds`), the error term subtracted, and ν·h
/// rounded up the same way. A certificate that passes is therefore a proof under the real
/// arithmetic of the stated inequalities, whatever the solver did.
enum FarkasCertificate {
    /// The certified value of min_{box} g·x − ν·h (> 0 proves infeasibility); −∞ when the
    /// multipliers are unusable (NaN, infinite).
    static func margin(rows: [[Double]], rhs: [Double], multipliers: [Double], lower: [Double], upper: [Double]) -> Double {
        precondition(rows.count == rhs.count && rows.count == multipliers.count)
        let n = lower.count
        let m = rows.count
        var g = [Double](repeating: 0, count: n)
        var absSum = [Double](repeating: 0, count: n)
        var nuH = 0.0, nuHAbs = 0.0
        for i in 0..<m {
            let nu = multipliers[i]
            guard nu.isFinite else { return -.infinity }
            guard nu > 0 else { continue }
            for k in 0..<n where rows[i][k] != 0 {
                g[k] += nu * rows[i][k]
                absSum[k] += nu * abs(rows[i][k])
            }
            guard rhs[i].isFinite else { return -.infinity }
            nuH += nu * rhs[i]
            nuHAbs += abs(nu * rhs[i])
        }
        let gamma = FloatBounds.gamma(m + 1)
        // ν·h rounded up: computed value plus the bound on its accumulated rounding.
        let nuHUp = (nuH + (gamma * nuHAbs * (1 + gamma) + Double(m + 1) * FloatBounds.underflowMargin).nextUp).nextUp
        // min over the box of g̃·x, rounded down, minus the effect of g's rounding error.
        var low = LinearFormBounds.lowerBounds(of: [g], lower: lower, upper: upper)[0]
        var err = 0.0
        for k in 0..<n {
            let reach = max(abs(lower[k]), abs(upper[k]))
            // Relative rounding of the products and sums, plus an absolute margin per product in
            // case one underflowed to a subnormal.
            let perComponent = (gamma * absSum[k] * (1 + gamma) + Double(m + 1) * FloatBounds.underflowMargin).nextUp
            err += perComponent * reach
        }
        err = (err * (1 + FloatBounds.gamma(n + 1))).nextUp
        low = (low - err).nextDown
        let margin = (low - nuHUp).nextDown
        return margin.isNaN ? -.infinity : margin
    }
}
