import VernierCore

/// CROWN for PRelu, f(x) = x for x ≥ 0 and s·x below, with a per-element constant slope s: per
/// element the declarative relaxation of the activation `LeakyRelu(alpha: s)` — the same function
/// (its value is `s·x` for x < 0 and x otherwise, exactly PRelu's forward) — via
/// `ScalarRelaxation.relax`, whose intercepts are rigorous for any slope (`SoundIntercept`; the
/// facts cover every sign of s: convex for s ≤ 1, concave for s > 1). The backward step is
/// `OutputPlanes.backward`. α-CROWN slopes (`parameters`) are honoured.
extension PRelu: LinearBoundPropagating {
    public func backward(_ a: CoefficientMatrix, operandBounds: [IntervalTensor],
                         parameters: RelaxationParameters?) -> BackwardStep {
        let x = operandBounds[0]
        let n = expandedSlope.count
        var planes = OutputPlanes(operandCounts: [n], reservingOutputs: n)
        var buffer = [CriticalPoint]()
        for j in 0..<n {
            let relaxation = ScalarRelaxation.relax(LeakyRelu(alpha: expandedSlope[j]), x.lower.data[j], x.upper.data[j],
                                                    lowerSlope: parameters?.lowerSlope[j],
                                                    upperSlope: parameters?.upperSlope[j], buffer: &buffer)
            planes.append(column: j, relaxation)
        }
        return planes.backward(a, operandBounds: operandBounds)
    }
}
