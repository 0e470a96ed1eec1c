import VernierCore

/// CROWN for `y = c / x` with a constant c (per element, broadcast): per element the declarative
/// relaxation of f(x) = c/x (`ScaledInverse`'s facts, `ScalarRelaxation.relax`: slopes among
/// chord and tangents, intercepts computed rigorously by `SoundIntercept` for whatever slope), in
/// the one scalar of x the element reads. The backward step is `OutputPlanes.backward`.
///
/// c = 0 gives the exact line 0 (0/x = 0 wherever it is defined). A box containing 0 (or touching
/// it) leaves f's domain component: the relaxation degrades to the range enclosure, infinite on
/// the side of the pole, so the rows that need that side get a −∞ bias — the same information as
/// the interval fallback, and nothing claimed. α-CROWN slopes (`parameters`) are honoured.
extension ScaledReciprocal: LinearBoundPropagating {
    public func backward(_ a: CoefficientMatrix, operandBounds: [IntervalTensor],
                         parameters: RelaxationParameters?) -> BackwardStep {
        let x = operandBounds[0]
        var planes = OutputPlanes(operandCounts: [plan.operandCounts[0]], reservingOutputs: plan.outputCount)
        var buffer = [CriticalPoint]()
        let source = plan.sourceIndices[0]
        for o in 0..<plan.outputCount {
            let s = source[o], c = expandedNumerator[o]
            let relaxation: LinearRelaxation
            if c == 0 {
                relaxation = LinearRelaxation(lower: .constant(0), upper: .constant(0))
            } else if !c.isFinite {
                relaxation = LinearRelaxation(lower: .constant(-.infinity), upper: .constant(.infinity))
            } else {
                relaxation = ScalarRelaxation.relax(ScaledInverse(c), x.lower.data[s], x.upper.data[s],
                                                    lowerSlope: parameters?.lowerSlope[o],
                                                    upperSlope: parameters?.upperSlope[o], buffer: &buffer)
            }
            planes.append(column: s, relaxation)
        }
        return planes.backward(a, operandBounds: operandBounds)
    }
}
