import VernierCore
import VernierBounds

/// CROWN step of y = g·δ, δ ∈ D = [d₁, d₂] (the Clarke set of the pre-activation's interval).
///
/// For a coefficient a on one element, a·y = (a·δ)·g and a·δ ranges over [p, q] = a·D, so
/// min over δ of a·y is h(g) = min(p·g, q·g): concave and piecewise linear in g. The line used is
/// λ·g + β with λ the chord slope of h over [l, u] (h's own slope when g has one sign, so the
/// step is exact for stable neurons), and β computed *rigorously* as the smaller of
/// h(e) − λ·e at the two ends e ∈ {l, u} — with h(e) rounded down and λ·e rounded up. A line below
/// a concave function at both ends of an interval is below it on the whole interval, so
/// a·y ≥ λ·g + β for every g ∈ [l, u] and δ ∈ D, whatever λ the floating-point chord produced.
/// Only g receives coefficients (δ depends on z only through its sign, bounded by the interval).
/// A single slope 0 or 1 (a stable ReLU) gives the exact line λ = a·δ, β = 0; otherwise infinite
/// bounds on g make the element's line vacuous (β = −∞). Biases are summed rounding down; slack is 0.
extension PiecewiseLinearGate: LinearBoundPropagating {
    public func backward(_ a: CoefficientMatrix, operandBounds: [IntervalTensor],
                         parameters: RelaxationParameters?) -> BackwardStep {
        let g = operandBounds[0], z = operandBounds[1]
        let m = a.rows, n = a.columns
        var coefficients = CoefficientMatrix.zeros(rows: m, columns: n)
        var bias = [Double](repeating: 0, count: m)
        let sets = (0..<n).map { slopes(z.lower.data[$0], z.upper.data[$0], element: $0) }
        for r in 0..<m {
            var sum = 0.0
            for j in 0..<n {
                let c = a.data[r * n + j]
                if c == 0 { continue }
                let (d1, d2) = sets[j]
                let (slope, intercept) = Self.line(c, d1, d2, g.lower.data[j], g.upper.data[j])
                coefficients.data[r * n + j] = slope
                if intercept != 0 { sum = (sum + intercept).nextDown }
            }
            bias[r] = sum.isNaN ? -.infinity : sum
        }
        return BackwardStep(operandCoefficients: [coefficients, nil], bias: bias,
                            slack: [Double](repeating: 0, count: m))
    }

    /// A rigorous lower bound of the exact product a·d·e.
    static func productDown(_ a: Double, _ d: Double, _ e: Double) -> Double {
        if d == 0 || e == 0 || a == 0 { return 0 }
        if d == 1 { return (a * e).nextDown }
        let x = (a * d) * e
        // Two roundings: relative error below 2u(1 + u) < 2⁻⁵¹, plus underflow.
        return (x - (abs(x) * 0x1p-51 + 0x1p-1000)).nextDown
    }

    /// The line (λ, β) with c·δ·g ≥ λ·g + β for g ∈ [l, u], δ ∈ [d₁, d₂].
    static func line(_ c: Double, _ d1: Double, _ d2: Double, _ l: Double, _ u: Double) -> (Double, Double) {
        // A stable neuron of slope 0 or 1: a·y = (a·δ)·g exactly, for any bounds of g.
        if d1 == d2 && (d1 == 0 || d1 == 1) { return (d1 == 0 ? 0 : c, 0) }
        let p = min(c * d1, c * d2), q = max(c * d1, c * d2)
        if !l.isFinite || !u.isFinite { return (0, -.infinity) }
        func h(_ e: Double) -> Double { min(productDown(c, d1, e), productDown(c, d2, e)) }
        if l == u { return (0, h(l)) }
        let slope: Double
        if l >= 0 { slope = p } else if u <= 0 { slope = q } else {
            slope = (min(p * u, q * u) - min(p * l, q * l)) / (u - l)
        }
        let atLower = (h(l) - (slope * l).nextUp).nextDown
        let atUpper = (h(u) - (slope * u).nextUp).nextDown
        let intercept = min(atLower, atUpper)
        return (slope, intercept.isNaN ? -.infinity : intercept)
    }
}
