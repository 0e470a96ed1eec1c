import VernierCore

/// CROWN for elementwise `Max` / `Min` of several variables (broadcast) and an optional folded
/// constant: per output element the planes of `ExtremumPlanes` over the scalars the element reads
/// from each operand (`BroadcastPlan.sourceIndices`) and the constant (proof there: one candidate
/// on the selected side, the better of the constant bound and the generalised triangle plane on
/// the other; exact when one candidate dominates). For `Max(x, 0)` this is CROWN's ReLU
/// relaxation. Every operand receives coefficients; the backward step is `OutputPlanes.backward`.
extension ElementwiseExtremum: LinearBoundPropagating {
    public func backward(_ a: CoefficientMatrix, operandBounds: [IntervalTensor],
                         parameters: RelaxationParameters?) -> BackwardStep {
        let counts = Array(plan.operandCounts.prefix(operandCount))
        var planes = OutputPlanes(operandCounts: counts, reservingOutputs: plan.outputCount)
        var scratch = ExtremumPlanes.Scratch()
        var columns = [Int](), lower = [Double](), upper = [Double]()
        for o in 0..<plan.outputCount {
            columns.removeAll(keepingCapacity: true)
            lower.removeAll(keepingCapacity: true)
            upper.removeAll(keepingCapacity: true)
            for k in 0..<operandCount {
                let i = plan.sourceIndices[k][o]
                columns.append(planes.column(operand: k, i))
                lower.append(operandBounds[k].lower.data[i])
                upper.append(operandBounds[k].upper.data[i])
            }
            ExtremumPlanes.append(to: &planes, columns: columns, lower: lower, upper: upper,
                                  constant: expandedConstant?[o], minimum: selection == .minimum, scratch: &scratch)
        }
        return planes.backward(a, operandBounds: operandBounds)
    }
}
