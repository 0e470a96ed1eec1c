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
    public static func linearSlack(_ a: CoefficientMatrix, weightTimesMagnitude: [Double], innerDimension k: Int) -> [Double] {
        let g = 2 * FloatBounds.gamma(k + 2)
        return a.absTimes(weightTimesMagnitude).map { ($0 * g + FloatBounds.underflowMargin * Double(k + 1)).nextUp }
    }

    /// Largest magnitude of every element of a box: max(|l|, |u|) (exact).
    public static func magnitude(_ b: IntervalTensor) -> [Double] {
        zip(b.lower.data, b.upper.data).map { max(abs($0), abs($1)) }
    }
}
