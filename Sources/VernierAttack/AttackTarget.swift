import VernierSpec

/// One conjunction of one region, compiled for the attack's inner loop.
///
/// The attack drives the conjunction's rows `c_k · y ≤ rhs_k` to hold all at once by
/// minimising a `ConjunctionLoss`, and judges points by the *margin* `min_k (rhs_k − c_k · y)`,
/// which is `≥ 0` exactly when the conjunction is satisfied (the same number as
/// `Conjunction.margin`). Rows are stored sparsely: VNN-COMP rows have one or
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

    /// The margin of the output stored at `outputs[offset ..< offset + outputCount]`
    /// (`+infinity` without rows). NaN slacks count as `-infinity`, so a NaN output never looks
    /// violating.
    func margin(_ outputs: UnsafeBufferPointer<Double>, offset: Int) -> Double {
        var margin = Double.infinity
        for row in rows {
            var dot = 0.0
            for (j, k) in row.indices.enumerated() { dot += row.coefficients[j] * outputs[offset + k] }
            let slack = row.rhs - dot
            margin = min(margin, slack.isNaN ? -.infinity : slack)
        }
        return margin
    }

    /// Writes `∂loss/∂y` at the output `outputs[outputOffset ..< outputOffset + outputCount]`
    /// into `gradient[gradientOffset ..< gradientOffset + outputCount]`, which must hold zeros.
    /// Rows with NaN values are skipped.
    func writeGradient(_ loss: ConjunctionLoss, at outputs: UnsafeBufferPointer<Double>, outputOffset: Int,
                       into gradient: UnsafeMutableBufferPointer<Double>, gradientOffset: Int) {
        var worst = -1
        var worstValue = -Double.infinity
        var anyPositive = false
        for (r, row) in rows.enumerated() {
            var dot = 0.0
            for (j, k) in row.indices.enumerated() { dot += row.coefficients[j] * outputs[outputOffset + k] }
            let value = dot - row.rhs
            guard !value.isNaN else { continue }
            if worst < 0 || value > worstValue { worst = r; worstValue = value }
            if loss == .sumOfViolations && value > 0 {
                anyPositive = true
                add(row: r, into: gradient, offset: gradientOffset)
            }
        }
        // The maximum, or a sum with nothing left to push: the row closest to failing.
        if !anyPositive && worst >= 0 { add(row: worst, into: gradient, offset: gradientOffset) }
    }

    private func add(row r: Int, into gradient: UnsafeMutableBufferPointer<Double>, offset: Int) {
        for (j, k) in rows[r].indices.enumerated() { gradient[offset + k] += rows[r].coefficients[j] }
    }
}
