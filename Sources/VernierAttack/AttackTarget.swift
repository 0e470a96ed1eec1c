import VernierSpec

/// One conjunction of one region, compiled for the attack's inner loop.
///
/// The attack drives the conjunction's rows `c_k · y ≤ rhs_k` to hold all at once by
/// minimising `max_k (c_k · y − rhs_k)`; equivalently it maximises the *margin*
/// `min_k (rhs_k − c_k · y)`, which is `≥ 0` exactly when the conjunction is satisfied (the
/// same number as `Conjunction.margin`). Rows are stored sparsely: VNN-COMP rows have one or
/// two non-zero coefficients, and summing only those, in index order, reproduces
/// `OutputConstraint`'s own arithmetic bit for bit.
struct AttackTarget {
    struct Row {
        var indices: [Int]
        var coefficients: [Double]
        var rhs: Double
    }

    let region: Int
    let conjunction: Int
    let rows: [Row]

    init(region: Int, conjunction: Int, _ c: Conjunction, outputCount: Int) {
        self.region = region
        self.conjunction = conjunction
        rows = c.constraints.map { constraint in
            var row = Row(indices: [], coefficients: [], rhs: constraint.rhs)
            for k in 0..<min(outputCount, constraint.coefficients.count) where constraint.coefficients[k] != 0 {
                row.indices.append(k)
                row.coefficients.append(constraint.coefficients[k])
            }
            return row
        }
    }

    /// The margin of the output stored at `outputs[offset ..< offset + outputCount]`, and the
    /// active row (the one with the least slack, whose coefficients are the gradient of the
    /// loss), or -1 when there are no rows. NaN slacks count as `-infinity`, so a NaN output
    /// never looks violating and its row is the one pushed on.
    func evaluate(_ outputs: UnsafeBufferPointer<Double>, offset: Int) -> (margin: Double, activeRow: Int) {
        var margin = Double.infinity
        var active = -1
        for (r, row) in rows.enumerated() {
            var dot = 0.0
            for (j, k) in row.indices.enumerated() { dot += row.coefficients[j] * outputs[offset + k] }
            var slack = row.rhs - dot
            if slack.isNaN { slack = -.infinity }
            if active < 0 || slack < margin {
                margin = slack
                active = r
            }
        }
        return (margin, active)
    }

    /// Writes the loss gradient `∂/∂y max_k (c_k · y − rhs_k)` for active row `row` into
    /// `gradient[offset ..< offset + outputCount]`, which must hold zeros.
    func writeGradient(row: Int, into gradient: UnsafeMutableBufferPointer<Double>, offset: Int) {
        guard rows.indices.contains(row) else { return }
        for (j, k) in rows[row].indices.enumerated() { gradient[offset + k] = rows[row].coefficients[j] }
    }
}
