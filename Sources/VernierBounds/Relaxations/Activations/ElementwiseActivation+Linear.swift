import VernierCore

/// CROWN for every scalar activation: per element, the relaxation from `ScalarRelaxation`, then
/// A′ = A⁺·a_lower + A⁻·a_upper and bias = Σ (A⁺·b_lower + A⁻·b_upper).
///
/// Soundness: for each element, lower(x) ≤ f(x) ≤ upper(x) on its bounds, so for a row r,
/// Σ_j A_rj f(x_j) ≥ Σ_j A_rj⁺ lower_j(x_j) + A_rj⁻ upper_j(x_j). Rounding: each A′ entry is one
/// product (one of A⁺, A⁻ is zero), so |A′x − computed| ≤ u·|A′|·|x| (the slack term); the bias is
/// a sum of products rounded down term by term and summed downward.
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
        let relaxations: [LinearRelaxation]
        if let lines = parameters?.lines, lines.count == n {
            relaxations = lines
        } else {
            relaxations = self.relaxations(bounds, parameters: parameters)
        }
        var out = CoefficientMatrix.zeros(rows: m, columns: n)
        var bias = [Double](repeating: 0, count: m)
        for r in 0..<m {
            var sum = 0.0
            let base = r * n
            for j in 0..<n {
                let c = a.data[base + j]
                if c == 0 { continue }
                let line = c > 0 ? relaxations[j].lower : relaxations[j].upper
                out.data[base + j] = c * line.slope
                // c·b rounded down (FMA residual; stepped unconditionally near underflow).
                let exactTerm = SoundIntercept.productDown(c, line.intercept)
                sum = (sum + exactTerm).nextDown
            }
            bias[r] = sum.isNaN ? -.infinity : sum
        }
        let slack = out.absTimes(BackwardRounding.magnitude(bounds)).map { ($0 * FloatBounds.unitRoundoff).nextUp }
        return BackwardStep(operandCoefficients: [out], bias: bias, slack: slack)
    }
}

/// Operators whose linear relaxation is a per-element pair of lines that an engine may precompute.
protocol ActivationRelaxing {
    func relaxations(_ bounds: IntervalTensor, parameters: RelaxationParameters?) -> [LinearRelaxation]
}

extension ElementwiseActivation: ActivationRelaxing {}
