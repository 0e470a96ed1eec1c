import VernierCore

/// CROWN for the product of two variables, `z = a·b` with broadcasting: per output element the
/// McCormick planes of `BilinearPlanes` (proof of the planes and of their rigorous intercepts
/// there) in the two scalars the element reads (`BroadcastPlan.sourceIndices`), turned into a
/// backward step by `OutputPlanes.backward` (selection by the coefficient's sign, rounding slack).
///
/// Both operands receive coefficients. When both are the same graph value (x·x) the engine adds
/// the two coefficient matrices, which is still sound: the planes hold for every pair of values
/// in the box, in particular on its diagonal. Unbounded operand boxes give vacuous planes
/// (−∞ bias where a row uses them).
extension Mul: LinearBoundPropagating {
    public func backward(_ a: CoefficientMatrix, operandBounds: [IntervalTensor],
                         parameters: RelaxationParameters?) -> BackwardStep {
        let x = operandBounds[0], y = operandBounds[1]
        var planes = OutputPlanes(operandCounts: plan.operandCounts, reservingOutputs: plan.outputCount)
        let ia = plan.sourceIndices[0], ib = plan.sourceIndices[1]
        for o in 0..<plan.outputCount {
            let i = ia[o], k = ib[o]
            let (lower, upper) = BilinearPlanes.planes(alpha: 1, x.lower.data[i], x.upper.data[i],
                                                      y.lower.data[k], y.upper.data[k])
            let cx = planes.column(operand: 0, i), cy = planes.column(operand: 1, k)
            planes.append(lowerTerms: lower.map { [(cx, $0.slopeX), (cy, $0.slopeY)] } ?? [],
                          lowerIntercept: lower?.intercept ?? -.infinity,
                          upperTerms: upper.map { [(cx, $0.slopeX), (cy, $0.slopeY)] } ?? [],
                          upperIntercept: upper?.intercept ?? .infinity)
        }
        return planes.backward(a, operandBounds: operandBounds)
    }
}
