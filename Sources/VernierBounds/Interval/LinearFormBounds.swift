/// Rigorous lower bounds of linear forms `c·y` over a box of `y`, used to decide specification rows.
public enum LinearFormBounds {
    /// For each row `c` of `rows` (each of length `lower.count`), a number `≤ min_{y ∈ [lower, upper]} c·y`.
    /// Infinite box sides give −∞ where they matter (and never NaN: 0·∞ is treated as 0).
    public static func lowerBounds(of rows: [[Double]], lower: [Double], upper: [Double]) -> [Double] {
        rows.map { c in
            precondition(c.count == lower.count, "row has \(c.count) coefficients for \(lower.count) outputs")
            // Each term is the exact minimum of c_j·y_j over [l_j, u_j], rounded down; the sum of
            // n rounded-down terms is then bounded below by stepping every partial sum down.
            var sum = 0.0
            for j in c.indices where c[j] != 0 {
                let term = c[j] > 0 ? (c[j] * lower[j]).nextDown : (c[j] * upper[j]).nextDown
                if term.isNaN { return -.infinity }
                sum = (sum + term).nextDown
            }
            return sum.isNaN ? -.infinity : sum
        }
    }
}
