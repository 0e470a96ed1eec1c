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
                        // Branch-free (coefficient signs are unpredictable): c⁺·l + c⁻·u is exactly
                        // fl(c·e), one product being zero; c − c (0, or NaN for a NaN or infinite
                        // c) keeps a NaN coefficient from vanishing, so it makes the bound −∞.
                        out[r] = FloatBounds.sumLowerBound(terms: n, fast: { k in
                            let cj = c[base + k]
                            return (cj > 0 ? cj : 0) * lo[k] + (cj < 0 ? cj : 0) * hi[k] + (cj - cj)
                        }, careful: { k in
                            let cj = c[base + k]
                            return cj == 0 ? 0 : (cj > 0 ? cj * lo[k] : cj * hi[k])
                        })
                    }
                }
            }
        }
        return out
    }
}
