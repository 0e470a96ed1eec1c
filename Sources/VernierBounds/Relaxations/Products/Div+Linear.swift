import VernierCore

/// CROWN for the quotient of two variables, `z = a / b` with broadcasting: per output element the
/// planes of `QuotientPlanes` (x/y composed as x·(1/y): McCormick slopes on the product with the
/// reciprocal's chord/tangent lines, intercepts rigorous for those slopes; proof there) in the
/// two scalars the element reads. Both operands receive coefficients; the backward step is
/// `OutputPlanes.backward`.
///
/// A divisor interval containing 0 (or an unbounded operand) gives vacuous planes: −∞ bias for
/// the rows whose coefficient on that element is nonzero, as the interval fallback would give
/// ((−∞, ∞) there), and ordinary planes everywhere else.
extension Div: LinearBoundPropagating {
    public func backward(_ a: CoefficientMatrix, operandBounds: [IntervalTensor],
                         parameters: RelaxationParameters?) -> BackwardStep {
        let x = operandBounds[0], y = operandBounds[1]
        var planes = OutputPlanes(operandCounts: plan.operandCounts, reservingOutputs: plan.outputCount)
        var buffer = [CriticalPoint]()
        let ia = plan.sourceIndices[0], ib = plan.sourceIndices[1]
        for o in 0..<plan.outputCount {
            let i = ia[o], k = ib[o]
            let (lower, upper) = QuotientPlanes.planes(x.lower.data[i], x.upper.data[i], y.lower.data[k], y.upper.data[k],
                                                       buffer: &buffer)
            let cx = planes.column(operand: 0, i), cy = planes.column(operand: 1, k)
            planes.append(lowerTerms: lower.map { [(cx, $0.slopeX), (cy, $0.slopeY)] } ?? [],
                          lowerIntercept: lower?.intercept ?? -.infinity,
                          upperTerms: upper.map { [(cx, $0.slopeX), (cy, $0.slopeY)] } ?? [],
                          upperIntercept: upper?.intercept ?? .infinity)
        }
        return planes.backward(a, operandBounds: operandBounds)
    }
}
