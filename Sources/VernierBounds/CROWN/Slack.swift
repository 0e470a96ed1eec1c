import VernierCore

/// Rounding slack of the backward steps, in one place (see specs/soundness.md, "CROWN").
public enum BackwardRounding {
    /// For a linear step A_in = A·W (inner dimension k) and bias A·b computed in floating point,
    /// the row slack that makes `A·(W x + b) ≥ Â_in·x + fl(A·b) − slack` hold for |x| ≤ xMagnitude:
    ///
    ///     |A W − Â_in|·|x| ≤ γ_k (|A||W|)|x|,   |A b − fl(A b)| ≤ γ_k |A||b|,
    ///
    /// so slack = γ_k · |A|·(|W|·|x|max + |b|), with the products of non-negative numbers rounded up
    /// (`absTimes`) and γ doubled to cover the rounding of that slack computation itself.
    /// `weightTimesMagnitude[i] = Σ_j |W_ij|·|x_j|max + |b_i|` is computed by the operator.
    /// Underflow: each coefficient may also err by k subnormal roundings (≤ k·2⁻¹⁰⁷⁴), which x
    /// multiplies, so the margin scales with `operandMagnitudeSum` = Σ_j |x_j|max (or more).
    public static func linearSlack(_ a: CoefficientMatrix, weightTimesMagnitude: [Double], innerDimension k: Int,
                                   operandMagnitudeSum: Double) -> [Double] {
        let g = 2 * FloatBounds.gamma(k + 2)
        let margin = underflowMargin(innerDimension: k, operandMagnitudeSum: operandMagnitudeSum)
        return a.absTimes(weightTimesMagnitude).map { ($0 * g + margin).nextUp }
    }

    /// (k + 1)·2⁻¹⁰⁰⁰·max(1, Σ|x|max), rounded up (NaN: +∞).
    public static func underflowMargin(innerDimension k: Int, operandMagnitudeSum: Double) -> Double {
        let scale = max(1, (2 * operandMagnitudeSum).nextUp)
        let m = (FloatBounds.underflowMargin * Double(k + 1) * scale).nextUp
        return m.isNaN ? .infinity : m
    }

    /// Σ_j magnitude_j over every operand, an upper bound (the sum of non-negative terms errs by
    /// less than itself; `underflowMargin` doubles it).
    public static func magnitudeSum(_ magnitudes: [[Double]]) -> Double {
        magnitudes.reduce(0) { $0 + $1.reduce(0, +) }
    }

    /// Largest magnitude of every element of a box: max(|l|, |u|) (exact).
    public static func magnitude(_ b: IntervalTensor) -> [Double] {
        zip(b.lower.data, b.upper.data).map { max(abs($0), abs($1)) }
    }
}
