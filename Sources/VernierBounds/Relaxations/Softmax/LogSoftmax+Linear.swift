import VernierCore

/// CROWN for `LogSoftmax`: each output bounded by lines in its own logit only (the reasoning of
/// `Softmax+Linear.swift`).
///
/// **Planes.** logsoftmax_i(x) = x_i − log(exp(x_i) + S_i) = −softplus(log S_i − x_i) with
/// S_i = Σ_{j≠i} exp(x_j); softplus is increasing, and log S_i ∈ [c_lo, c_hi] (`LogSumExpBounds`), so
///
///     −softplus(c_hi − x_i) ≤ logsoftmax_i(x) ≤ −softplus(c_lo − x_i).
///
/// With t = c − x_i in [c − u_i, c − l_i] (ends rounded outward), the declarative relaxation of
/// `Softplus` gives softplus(t) ≤ α·t + β (its upper line) on the left side and ≥ α′·t + β′ (lower
/// line) on the right, intercepts rigorous for any slope (`SoundIntercept`). Substituting,
/// logsoftmax_i ≥ α·x_i − (β + α·c_hi) and ≤ α′·x_i − (β′ + α′·c_lo), the intercepts rounded down /
/// up (`DirectedRounding`).
///
/// Degenerate cases: a group of one element is exactly 0; c_lo = −∞ leaves the upper bound 0
/// (log-softmax ≤ 0); c_hi = +∞ leaves nothing below (vacuous). The backward step is
/// `OutputPlanes.backward`.
extension LogSoftmax: LinearBoundPropagating {
    public func backward(_ a: CoefficientMatrix, operandBounds: [IntervalTensor],
                         parameters: RelaxationParameters?) -> BackwardStep {
        typealias R = DirectedRounding
        let x = operandBounds[0]
        let l = x.lower.data, u = x.upper.data
        var relaxations = [LinearRelaxation](repeating: LinearRelaxation(lower: .constant(-.infinity), upper: .constant(0)),
                                             count: x.count)
        var buffer = [CriticalPoint]()
        let n = groups.size, stride = groups.stride
        var others = [Double]()
        groups.forEachGroup(count: x.count) { first in
            for i in 0..<n {
                let ii = first + i * stride
                guard n > 1 else {
                    relaxations[ii] = LinearRelaxation(lower: .constant(0), upper: .constant(0))
                    continue
                }
                let (cLo, cHi) = LogSumExpBounds.ofOthers(i, first: first, size: n, stride: stride,
                                                          lower: l, upper: u, scratch: &others)
                if cHi.isFinite {
                    let line = ScalarRelaxation.relax(Softplus(), R.addDown(cHi, -u[ii]), R.addUp(cHi, -l[ii]), buffer: &buffer).upper
                    let intercept = R.addDown(-line.intercept, -R.mulUp(line.slope, cHi))
                    if intercept.isFinite && line.slope.isFinite {
                        relaxations[ii].lower = LinearBound(slope: line.slope, intercept: intercept)
                    }
                }
                if cLo.isFinite {
                    let line = ScalarRelaxation.relax(Softplus(), R.addDown(cLo, -u[ii]), R.addUp(cLo, -l[ii]), buffer: &buffer).lower
                    let intercept = R.addUp(-line.intercept, -R.mulDown(line.slope, cLo))
                    if intercept.isFinite && line.slope.isFinite {
                        relaxations[ii].upper = LinearBound(slope: line.slope, intercept: intercept)
                    }
                }
            }
        }
        var planes = OutputPlanes(operandCounts: [x.count], reservingOutputs: x.count)
        for (j, r) in relaxations.enumerated() { planes.append(column: j, r) }
        return planes.backward(a, operandBounds: operandBounds)
    }
}
