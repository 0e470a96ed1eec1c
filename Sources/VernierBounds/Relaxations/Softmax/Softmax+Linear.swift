import VernierCore

/// CROWN for `Softmax`: each output is bounded by lines in **its own logit only**.
///
/// **Why this relaxation.** Dividing by exp(x_i), softmax_i(x) = σ(x_i − log S_i) with
/// S_i = Σ_{j≠i} exp(x_j), a sigmoid of the own logit shifted by a quantity that depends on the
/// others only monotonically. Over the box, log S_i ∈ [c_lo, c_hi] (`LogSumExpBounds`: c_lo from the
/// others' lower bounds, c_hi from their upper bounds), and σ is increasing, so
///
///     σ(x_i − c_hi) ≤ softmax_i(x) ≤ σ(x_i − c_lo)        for every x in the box.
///
/// Each side is a sigmoid of t = x_i − c (c a fixed double), relaxed by the declarative machinery
/// (`ScalarRelaxation.relax(Sigmoid())` on the t-interval [l_i − c, u_i − c], its ends rounded
/// outward so it contains every exact t): σ(t) ≥ α·t + β, resp. ≤ α′·t + β′, with intercepts
/// rigorous for any slope (`SoundIntercept`). Substituting t = x_i − c gives the planes
/// α·x_i + (β − α·c) and α′·x_i + (β′ − α′·c), the intercepts rounded down / up
/// (`DirectedRounding`). The constant lines at the interval bound's ends are among `relax`'s
/// candidates (kept when better at the midpoint), so this adds the dependence on x_i, which a
/// backward pass can exploit, to what the interval bound knows; it is cheap (one line per output,
/// no terms in the other logits). Coupling the logits (exp → sum → reciprocal, as auto_LiRPA decomposes it) would be
/// tighter for wide boxes and is left for later.
///
/// Degenerate cases: a group of one element is exactly 1; c_hi = +∞ (an unbounded other logit)
/// leaves the lower bound 0, c_lo = −∞ the upper bound 1 (softmax lies in [0, 1]). The backward
/// step is `OutputPlanes.backward`.
extension Softmax: LinearBoundPropagating {
    public func backward(_ a: CoefficientMatrix, operandBounds: [IntervalTensor],
                         parameters: RelaxationParameters?) -> BackwardStep {
        let x = operandBounds[0]
        let l = x.lower.data, u = x.upper.data
        var relaxations = [LinearRelaxation](repeating: LinearRelaxation(lower: .constant(0), upper: .constant(1)),
                                             count: x.count)
        var buffer = [CriticalPoint]()
        let n = groups.size, stride = groups.stride
        var others = [Double]()
        groups.forEachGroup(count: x.count) { first in
            for i in 0..<n {
                let ii = first + i * stride
                guard n > 1 else {
                    relaxations[ii] = LinearRelaxation(lower: .constant(1), upper: .constant(1))
                    continue
                }
                let (cLo, cHi) = LogSumExpBounds.ofOthers(i, first: first, size: n, stride: stride,
                                                          lower: l, upper: u, scratch: &others)
                relaxations[ii] = Self.relaxation(l[ii], u[ii], cHi: cHi, cLo: cLo, buffer: &buffer)
            }
        }
        var planes = OutputPlanes(operandCounts: [x.count], reservingOutputs: x.count)
        for (j, r) in relaxations.enumerated() { planes.append(column: j, r) }
        return planes.backward(a, operandBounds: operandBounds)
    }

    /// Lines in x_i ∈ [l, u] bounding σ(x_i − log S) for log S ∈ [cLo, cHi].
    static func relaxation(_ l: Double, _ u: Double, cHi: Double, cLo: Double,
                           buffer: inout [CriticalPoint]) -> LinearRelaxation {
        typealias R = DirectedRounding
        var result = LinearRelaxation(lower: .constant(0), upper: .constant(1))
        if cHi.isFinite {
            let line = ScalarRelaxation.relax(Sigmoid(), R.addDown(l, -cHi), R.addUp(u, -cHi), buffer: &buffer).lower
            let intercept = R.addDown(line.intercept, -R.mulUp(line.slope, cHi))
            if intercept.isFinite && line.slope.isFinite {
                result.lower = LinearBound(slope: line.slope, intercept: intercept)
            }
        }
        if cLo.isFinite {
            let line = ScalarRelaxation.relax(Sigmoid(), R.addDown(l, -cLo), R.addUp(u, -cLo), buffer: &buffer).upper
            let intercept = R.addUp(line.intercept, -R.mulDown(line.slope, cLo))
            if intercept.isFinite && line.slope.isFinite {
                result.upper = LinearBound(slope: line.slope, intercept: intercept)
            }
        }
        return result
    }
}
