import VernierCore
import VernierSpec
import VernierBounds

/// A certified lower bound on a conjunction's margin max_i (c_i·y − rhs_i) from one weighted sum
/// of its rows, bounded with CROWN like a row of its own.
///
/// For weights w ≥ 0, Σ_i w_i (c_i·y − rhs_i) ≤ (Σ_i w_i)·max_i (c_i·y − rhs_i), so a lower bound
/// V of the weighted sum over the domain bounds the margin: it is positive where V is (no input
/// of the domain satisfies every row, the conjunction is refuted), and ≥ V / Σw otherwise. The sum
/// row can be far tighter than every single row: each row's CROWN bound is attained at its own
/// corner of the domain, the sum's at one point (ACAS Xu property 2, four rows "y_j ≤ y_0").
///
/// Rounding: the row c̃ = fl(Σ w_i c_i) differs from the exact sum by at most
/// e_j = γ_{m+1}·Σ_i w_i |c_ij| per output (Higham, Thm 3.1), so the exact sum is at least
/// c̃·y − Σ_j e_j·max(|lo_j|, |hi_j|) over the output bounds; Σ w_i rhs_i is rounded up the same
/// way, and Σw rounded down for the division.
enum CombinedRow {
    /// The bound described above for the rows `rows` (coefficients over the outputs) and
    /// right-hand sides `rhs`, with weights `weights`, on the domain whose CROWN intermediate
    /// bounds and relaxation lines are `bounded`; −∞ when nothing can be certified. A positive
    /// result is the weighted sum's bound V itself (not divided by Σw): only its sign is used.
    static func margin(rows: [[Double]], rhs: [Double], weights: [Double], graph: Graph,
                       bounded: CROWN.Result) -> Double {
        precondition(rows.count == rhs.count && rows.count == weights.count, "one weight per row")
        let m = rows.count, n = graph.outputCount
        guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }), rhs.allSatisfy(\.isFinite) else { return -.infinity }
        let gamma = FloatBounds.gamma(m + 1)
        var c = [Double](repeating: 0, count: n), magnitude = [Double](repeating: 0, count: n)
        var r = 0.0, rMagnitude = 0.0, total = 0.0
        for i in 0..<m where weights[i] > 0 {
            let w = weights[i]
            for j in 0..<n {
                c[j] += w * rows[i][j]
                magnitude[j] += w * abs(rows[i][j])
            }
            r += w * rhs[i]
            rMagnitude += abs(w * rhs[i])
            total = (total + w).nextDown
        }
        guard total > 0 else { return -.infinity }
        let rUp = (r + (gamma * rMagnitude * (1 + gamma) + Double(m + 1) * FloatBounds.underflowMargin).nextUp).nextUp

        let output = bounded.intermediate[graph.outputValue]
        let row = CoefficientMatrix(rows: 1, columns: n, data: c)
        let pass = BackwardPass(graph: graph, bounds: bounded.intermediate, parameters: bounded.lines)
        guard let crown = try? pass.lowerBounds(row, at: graph.outputValue).lower[0] else { return -.infinity }
        // Never looser than the interval bound of the same row (both are sound).
        let interval = LinearFormBounds.lowerBounds(of: row, lower: output.lower.data, upper: output.upper.data)[0]
        let lower = max(crown, interval)

        var error = 0.0
        for j in 0..<n {
            let reach = max(abs(output.lower.data[j]), abs(output.upper.data[j]))
            let e = (gamma * magnitude[j] * (1 + gamma) + Double(m + 1) * FloatBounds.underflowMargin).nextUp
            error = (error + (e * reach).nextUp).nextUp
        }
        let v = ((lower - error).nextDown - rUp).nextDown
        guard v.isFinite else { return -.infinity }
        return v > 0 ? v : (v / total).nextDown
    }
}
