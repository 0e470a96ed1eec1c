import VernierCore

/// CROWN for every scalar activation: per element, the relaxation from `ScalarRelaxation`, then
/// A′ = A⁺·a_lower + A⁻·a_upper and bias = Σ (A⁺·b_lower + A⁻·b_upper).
///
/// Soundness: for each element, lower(x) ≤ f(x) ≤ upper(x) on its bounds, so for a row r,
/// Σ_j A_rj f(x_j) ≥ Σ_j A_rj⁺ lower_j(x_j) + A_rj⁻ upper_j(x_j). Rounding: each A′ entry is one
/// product (one of A⁺, A⁻ is zero), so |A′x − computed| ≤ u·|A′|·|x| plus, where a product falls
/// to a subnormal, 2⁻¹⁰⁷⁴ per entry times |x| (the slack term); the bias is
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
            let magnitude = BackwardRounding.magnitude(bounds)
            // Each coefficient is one product: relative error u, plus a subnormal rounding that x
            // multiplies (the underflow margin, scaled by Σ|x|max).
            let floor = BackwardRounding.underflowMargin(innerDimension: 0, operandMagnitudeSum: BackwardRounding.magnitudeSum([magnitude]))
            let slack = out.absTimes(magnitude).map { (($0 * FloatBounds.unitRoundoff).nextUp + floor).nextUp }
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
        let magnitude = BackwardRounding.magnitude(bounds)
        let floor = BackwardRounding.underflowMargin(innerDimension: 0, operandMagnitudeSum: BackwardRounding.magnitudeSum([magnitude]))
        let slack = out.absTimes(magnitude).map { (($0 * FloatBounds.unitRoundoff).nextUp + floor).nextUp }
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
            // Lines selected branch-free (signs are unpredictable): c⁺·x + c⁻·y equals the
            // selected product exactly, one term being zero; c − c (0, or NaN for a NaN or
            // infinite c) keeps a NaN coefficient NaN in A′ and in the bias (bound −∞ downstream).
            for j in 0..<n {
                let c = coefficients[base + j]
                result[base + j] = (c > 0 ? c : 0) * ls[lineBase + j] + (c < 0 ? c : 0) * us[lineBase + j] + (c - c)
            }
            // Σ c·b from below; a vacuous line's infinite intercept times a zero coefficient is 0.
            bias[r] = FloatBounds.sumLowerBound(terms: n, fast: { j in
                let c = coefficients[base + j]
                return (c > 0 ? c : 0) * li[lineBase + j] + (c < 0 ? c : 0) * ui[lineBase + j] + (c - c)
            }, careful: { j in
                let c = coefficients[base + j]
                return c == 0 ? 0 : (c > 0 ? c * li[lineBase + j] : c * ui[lineBase + j])
            })
        }
        }}}}}}
    }
}

/// Operators whose linear relaxation is a per-element pair of lines that an engine may precompute.
protocol ActivationRelaxing {
    func relaxations(_ bounds: IntervalTensor, parameters: RelaxationParameters?) -> [LinearRelaxation]
}

extension ElementwiseActivation: ActivationRelaxing {}
