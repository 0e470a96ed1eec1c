import VernierCore

/// CROWN for every scalar activation: per element, the relaxation from `ScalarRelaxation`, then
/// A′ = A⁺·a_lower + A⁻·a_upper and bias = Σ (A⁺·b_lower + A⁻·b_upper).
///
/// Soundness: for each element, lower(x) ≤ f(x) ≤ upper(x) on its bounds, so for a row r,
/// Σ_j A_rj f(x_j) ≥ Σ_j A_rj⁺ lower_j(x_j) + A_rj⁻ upper_j(x_j). Rounding: each A′ entry is one
/// product (one of A⁺, A⁻ is zero), so |A′x − computed| ≤ u·|A′|·|x| (the slack term); the bias is
/// a sum of products bounded below by `FloatBounds.sumLowerBound` (round-to-nearest sum minus an
/// a-priori error bound).
extension ElementwiseActivation: LinearBoundPropagating {
    /// The relaxation of every element on its operand bounds (slopes from `parameters` if given).
    public func relaxations(_ bounds: IntervalTensor, parameters: RelaxationParameters? = nil) -> [LinearRelaxation] {
        var buffer = [CriticalPoint]()
        return (0..<bounds.count).map { j in
            ScalarRelaxation.relax(activation, bounds.lower.data[j], bounds.upper.data[j],
                                   lowerSlope: parameters?.lowerSlope.isEmpty == false ? parameters?.lowerSlope[j] : nil,
                                   upperSlope: parameters?.upperSlope.isEmpty == false ? parameters?.upperSlope[j] : nil,
                                   buffer: &buffer)
        }
    }

    public func backward(_ a: CoefficientMatrix, operandBounds: [IntervalTensor],
                         parameters: RelaxationParameters?) -> BackwardStep {
        let bounds = operandBounds[0]
        let n = a.columns, m = a.rows
        var out = CoefficientMatrix.zeros(rows: m, columns: n)
        var bias = [Double](repeating: 0, count: m)
        if let rows = parameters?.rowLines, rows.rows == m, rows.lowerSlope.count == m * n {
            Self.combine(a, rows.lowerSlope, rows.upperSlope, rows.lowerIntercept, rows.upperIntercept,
                         rowStride: n, into: &out, bias: &bias)
            let slack = out.absTimes(BackwardRounding.magnitude(bounds)).map { ($0 * FloatBounds.unitRoundoff).nextUp }
            return BackwardStep(operandCoefficients: [out], bias: bias, slack: slack)
        }
        let relaxations: [LinearRelaxation]
        if let lines = parameters?.lines, lines.count == n {
            relaxations = lines
        } else {
            relaxations = self.relaxations(bounds, parameters: parameters)
        }
        // Slopes and intercepts side by side: the row loop below reads them without touching the
        // relaxation structs.
        var lowerSlope = [Double](repeating: 0, count: n), lowerIntercept = lowerSlope
        var upperSlope = lowerSlope, upperIntercept = lowerSlope
        for j in 0..<n {
            lowerSlope[j] = relaxations[j].lower.slope; lowerIntercept[j] = relaxations[j].lower.intercept
            upperSlope[j] = relaxations[j].upper.slope; upperIntercept[j] = relaxations[j].upper.intercept
        }
        Self.combine(a, lowerSlope, upperSlope, lowerIntercept, upperIntercept, rowStride: 0, into: &out, bias: &bias)
        let slack = out.absTimes(BackwardRounding.magnitude(bounds)).map { ($0 * FloatBounds.unitRoundoff).nextUp }
        return BackwardStep(operandCoefficients: [out], bias: bias, slack: slack)
    }

    /// A′ = A⁺·diag(lower slopes) + A⁻·diag(upper slopes) into `out`, and per row a rigorous lower
    /// bound of Σ_j (A⁺·lower intercepts + A⁻·upper intercepts) into `bias`. Lines are per element
    /// (`rowStride` 0) or per row and element (`rowStride` = columns).
    static func combine(_ a: CoefficientMatrix, _ lowerSlope: [Double], _ upperSlope: [Double],
                        _ lowerIntercept: [Double], _ upperIntercept: [Double], rowStride: Int,
                        into out: inout CoefficientMatrix, bias: inout [Double]) {
        let m = a.rows, n = a.columns
        lowerSlope.withUnsafeBufferPointer { ls in upperSlope.withUnsafeBufferPointer { us in
        lowerIntercept.withUnsafeBufferPointer { li in upperIntercept.withUnsafeBufferPointer { ui in
        a.data.withUnsafeBufferPointer { coefficients in out.data.withUnsafeMutableBufferPointer { result in
        for r in 0..<m {
            let base = r * n, lineBase = r * rowStride
            // Branch-free with four accumulators (signs are unpredictable; one running sum
            // is a latency chain). c⁺·x + c⁻·y equals the selected product exactly (one
            // term is zero). A NaN (0·∞ from a vacuous line) sends the row to the careful
            // pass below.
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            var m0 = 0.0, m1 = 0.0, m2 = 0.0, m3 = 0.0
            @inline(__always) func step(_ j: Int) -> Double {
                let c = coefficients[base + j]
                let cp = c > 0 ? c : 0, cn = c < 0 ? c : 0
                result[base + j] = cp * ls[lineBase + j] + cn * us[lineBase + j]
                return cp * li[lineBase + j] + cn * ui[lineBase + j]
            }
            var j = 0
            while j + 4 <= n {
                let t0 = step(j), t1 = step(j + 1), t2 = step(j + 2), t3 = step(j + 3)
                s0 += t0; s1 += t1; s2 += t2; s3 += t3
                m0 += abs(t0); m1 += abs(t1); m2 += abs(t2); m3 += abs(t3)
                j += 4
            }
            while j < n {
                let t = step(j)
                s0 += t; m0 += abs(t)
                j += 1
            }
            var sum = (s0 + s1) + (s2 + s3), magnitude = (m0 + m1) + (m2 + m3)
            if sum.isNaN || magnitude.isNaN {
                sum = 0; magnitude = 0
                for j in 0..<n {
                    let c = coefficients[base + j]
                    if c == 0 { result[base + j] = 0; continue }
                    result[base + j] = c > 0 ? c * ls[lineBase + j] : c * us[lineBase + j]
                    let t = c > 0 ? c * li[lineBase + j] : c * ui[lineBase + j]
                    sum += t
                    magnitude += abs(t)
                }
            }
            // Σ c·b from below (see FloatBounds.sumLowerBound).
            bias[r] = FloatBounds.sumLowerBound(sum: sum, magnitude: magnitude, terms: n)
        }
        }}}}}}
    }
}

/// Operators whose linear relaxation is a per-element pair of lines that an engine may precompute.
protocol ActivationRelaxing {
    func relaxations(_ bounds: IntervalTensor, parameters: RelaxationParameters?) -> [LinearRelaxation]
}

extension ElementwiseActivation: ActivationRelaxing {}
