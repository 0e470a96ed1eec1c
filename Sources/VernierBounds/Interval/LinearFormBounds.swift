/// Rigorous lower bounds of linear forms `c·y` over a box of `y`, used to decide specification rows
/// and to concretise backward coefficients.
///
/// Rounding (the argument behind `FloatBounds.sumLowerBound`): each row is summed in ordinary
/// round-to-nearest arithmetic, s = fl(Σ t_j) with t_j = fl(c_j·e_j) and e_j the box end that
/// minimises the term, together with a = fl(Σ |t_j|); then min_y c·y ≥ s − 2γ_{n+1}·a − (n+1)·η.
/// One pass without directed steps per term keeps this cheap in the bounding hot loop.
public enum LinearFormBounds {
    /// For each row `c` of `rows` (each of length `lower.count`), a number `≤ min_{y ∈ [lower, upper]} c·y`.
    /// Infinite box sides give −∞ where they matter (and never NaN: 0·∞ is treated as 0).
    public static func lowerBounds(of rows: [[Double]], lower: [Double], upper: [Double]) -> [Double] {
        rows.map { c in
            precondition(c.count == lower.count, "row has \(c.count) coefficients for \(lower.count) outputs")
            return lowerBounds(of: CoefficientMatrix(rows: 1, columns: c.count, data: c), lower: lower, upper: upper)[0]
        }
    }

    /// The same for every row of a coefficient matrix (columns = box size), without copying rows.
    public static func lowerBounds(of a: CoefficientMatrix, lower: [Double], upper: [Double]) -> [Double] {
        precondition(a.columns == lower.count && a.columns == upper.count,
                     "rows have \(a.columns) coefficients for \(lower.count) values")
        let n = a.columns
        var out = [Double](repeating: 0, count: a.rows)
        a.data.withUnsafeBufferPointer { c in
            lower.withUnsafeBufferPointer { lo in
                upper.withUnsafeBufferPointer { hi in
                    for r in 0..<a.rows {
                        let base = r * n
                        // Branch-free, four independent accumulators (coefficient signs are
                        // unpredictable, and one running sum is a latency chain). c⁺·l + c⁻·u is
                        // exactly fl(c·e): one of the two products is zero. A NaN from 0·∞ sends
                        // the row to the careful pass, which skips zero coefficients.
                        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                        var m0 = 0.0, m1 = 0.0, m2 = 0.0, m3 = 0.0
                        var j = 0
                        @inline(__always) func term(_ k: Int) -> Double {
                            let cj = c[base + k]
                            return (cj > 0 ? cj : 0) * lo[k] + (cj < 0 ? cj : 0) * hi[k]
                        }
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
                        var sum = (s0 + s1) + (s2 + s3), magnitude = (m0 + m1) + (m2 + m3)
                        if sum.isNaN || magnitude.isNaN {
                            sum = 0; magnitude = 0
                            for j in 0..<n {
                                let cj = c[base + j]
                                if cj == 0 { continue }
                                let t = cj > 0 ? cj * lo[j] : cj * hi[j]
                                sum += t
                                magnitude += abs(t)
                            }
                        }
                        out[r] = FloatBounds.sumLowerBound(sum: sum, magnitude: magnitude, terms: n)
                    }
                }
            }
        }
        return out
    }
}
