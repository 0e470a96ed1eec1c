import VernierCore

/// CROWN for `x ^ p` with a constant exponent (per element, broadcast): per element the
/// declarative relaxation of f(x) = x^p (`PowerFunction`'s facts — convex or concave pieces —
/// through `ScalarRelaxation.relax`, whose intercepts are rigorous for any slope; for x² that is
/// the chord above and a tangent below), in the one scalar of x the element reads. The backward
/// step is `OutputPlanes.backward`.
///
/// Exact cases: p = 0 gives the line 1 and p = 1 the line x. A fractional exponent is defined only
/// for x ≥ 0 (C `pow` is NaN below), so, exactly like the interval bound, the box is clipped to
/// [max(l, 0), max(u, 0)]: the planes hold at every operand value where the network is defined
/// (a NaN forward value is bounded by nothing). A box that leaves f's domain component otherwise
/// (a negative integer power across 0) degrades to the range enclosure, infinite on the side of
/// the pole: −∞ bias for the rows that need it. α-CROWN slopes (`parameters`) are honoured.
extension Pow: LinearBoundPropagating {
    public func backward(_ a: CoefficientMatrix, operandBounds: [IntervalTensor],
                         parameters: RelaxationParameters?) -> BackwardStep {
        let x = operandBounds[0]
        var planes = OutputPlanes(operandCounts: [plan.operandCounts[0]], reservingOutputs: plan.outputCount)
        var buffer = [CriticalPoint]()
        let source = plan.sourceIndices[0]
        for o in 0..<plan.outputCount {
            let s = source[o], p = expandedExponent[o]
            var l = x.lower.data[s], u = x.upper.data[s]
            let relaxation: LinearRelaxation
            switch p {
            case 0:
                relaxation = LinearRelaxation(lower: .constant(1), upper: .constant(1))
            case 1:
                let identity = LinearBound(slope: 1, intercept: 0)
                relaxation = LinearRelaxation(lower: identity, upper: identity)
            case _ where !p.isFinite:
                relaxation = LinearRelaxation(lower: .constant(-.infinity), upper: .constant(.infinity))
            default:
                let f = PowerFunction(p)
                if !f.isInteger {
                    l = max(l, 0)
                    u = max(u, 0)
                }
                relaxation = ScalarRelaxation.relax(f, l, u, lowerSlope: parameters?.lowerSlope[o],
                                                    upperSlope: parameters?.upperSlope[o], buffer: &buffer)
            }
            planes.append(column: s, relaxation)
        }
        return planes.backward(a, operandBounds: operandBounds)
    }
}
