import VernierCore

extension OutputPlanes {
    /// The CROWN step of an operator relaxed by these planes (one per output element, in the
    /// order of the output's per-sample elements, which are the columns of `a`).
    ///
    /// **Claim.** For every operand value x inside the bounds the planes were built for,
    /// `A·y(x) ≥ Σ_k Â_k·x_k + bias − slack` row by row, in exact arithmetic, for the computed Â_k.
    ///
    /// **Proof.** Fix a row r and write c_o = A_ro.
    /// 1. *Selection.* For c_o > 0, multiplying the lower plane's inequality by c_o gives
    ///    c_o·y_o ≥ c_o·(Σ_t s_t x_t + I_lo); for c_o < 0 the upper plane's inequality flips under the
    ///    negative factor, c_o·y_o ≥ c_o·(Σ_t s′_t x_t + I_up); c_o = 0 contributes 0. Summing over o,
    ///    A_r·y ≥ Σ_j E_j·x_j + Σ_o c_o·I_o, where E_j is the exact sum of the products c_o·s_t of the
    ///    terms on column j and I_o the selected intercept. If a selected plane is vacuous nothing is
    ///    claimed: the row's bias is −∞.
    /// 2. *Bias.* Σ_o c_o·I_o is bounded below by rounding every product down (`mulDown`) and every
    ///    partial sum down (`addDown`), so bias ≤ Σ_o c_o·I_o.
    /// 3. *Coefficients.* Â_j is the recursive floating-point sum of p = fl(c_o·s_t) over the same
    ///    terms, at most N of them (a row selects one plane per output and a column occurs at most
    ///    once per plane, so N ≤ the number of planes, lower and upper, that use column j). As a dot
    ///    product of length N, |E_j − Â_j| ≤ γ_N·Σ|c_o·s_t| + N·2⁻¹⁰⁷⁵ (Higham §3.1; the second term
    ///    covers products that underflow). Since |c_o s_t| ≤ (|p| + 2⁻¹⁰⁷⁵)/(1 − u), this is at most
    ///    Σ_terms (2γ_{N+1}·|p| + 2⁻¹⁰⁰⁰). Then Σ_j E_j x_j ≥ Σ_j Â_j x_j − Σ_j |E_j − Â_j|·|x_j|max, and
    ///    the slack is Σ_terms (2γ_{N+1}·|p| + 2⁻¹⁰⁰⁰)·|x_j|max with |x_j|max = max(|l_j|, |u_j|), every
    ///    product and sum rounded up (all terms are non-negative).
    /// Chaining 1–3 gives the claim. No NaN leaves: a NaN bias (∞ − ∞ from overflowing terms)
    /// becomes −∞; an infinite magnitude makes the slack +∞ (nothing claimed) only where a term uses
    /// that column.
    func backward(_ a: CoefficientMatrix, operandBounds: [IntervalTensor]) -> BackwardStep {
        let m = a.rows, n = a.columns, total = columnCount
        precondition(n == outputCount, "\(n) coefficient columns for \(outputCount) relaxed outputs")
        var magnitude = [Double]()
        magnitude.reserveCapacity(total)
        for b in operandBounds { magnitude += BackwardRounding.magnitude(b) }
        precondition(magnitude.count == total, "operand bounds do not match the planes' operands")

        // N: planes per column, an upper bound on the terms summed into one coefficient.
        var uses = [Int](repeating: 0, count: total)
        for c in lower.column { uses[c] += 1 }
        for c in upper.column { uses[c] += 1 }
        let g = 2 * FloatBounds.gamma((uses.max() ?? 0) + 1)
        let tiny = FloatBounds.underflowMargin

        var coefficients = [Double](repeating: 0, count: m * total)
        var bias = [Double](repeating: 0, count: m)
        var slack = [Double](repeating: 0, count: m)
        a.data.withUnsafeBufferPointer { ap in
            coefficients.withUnsafeMutableBufferPointer { cp in
                for r in 0..<m {
                    let row = r * total
                    var sum = 0.0, error = 0.0
                    var vacuous = false
                    for o in 0..<n {
                        let c = ap[r * n + o]
                        if c == 0 { continue }
                        let side = c > 0 ? lower : upper
                        let intercept = side.intercept[o]
                        guard intercept.isFinite else { vacuous = true; continue }
                        sum = DirectedRounding.addDown(sum, DirectedRounding.mulDown(c, intercept))
                        for t in side.start[o]..<side.start[o + 1] {
                            let j = side.column[t]
                            let p = c * side.slope[t]
                            cp[row + j] += p
                            let perUnit = ((g * abs(p)).nextUp + tiny).nextUp
                            error = (error + (perUnit * magnitude[j]).nextUp).nextUp
                        }
                    }
                    bias[r] = vacuous || sum.isNaN ? -.infinity : sum
                    slack[r] = error.isNaN ? .infinity : error
                }
            }
        }
        // Split the columns back into one matrix per operand.
        var operandCoefficients = [CoefficientMatrix?]()
        for k in 0..<(columnOffsets.count - 1) {
            let lo = columnOffsets[k], count = columnOffsets[k + 1] - lo
            var data = [Double](repeating: 0, count: m * count)
            for r in 0..<m where count > 0 {
                for j in 0..<count { data[r * count + j] = coefficients[r * total + lo + j] }
            }
            operandCoefficients.append(CoefficientMatrix(rows: m, columns: count, data: data))
        }
        return BackwardStep(operandCoefficients: operandCoefficients, bias: bias, slack: slack)
    }
}
