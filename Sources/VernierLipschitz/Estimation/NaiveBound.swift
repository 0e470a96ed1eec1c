import VernierCore

/// The naive global bound ‖c‖_* · Π ‖M_l‖ · Π sup|σ_l′|, read off the backward part of a Jacobian
/// graph (which holds every transposed linear map and every derivative factor as nodes). It is
/// what one gets without looking at the input region, the baseline the local bounds improve on.
/// Operator norms: ∞→∞ is the largest row sum of |M|, 1→1 the largest column sum, and
/// 2→2 ≤ (‖M‖₁·‖M‖∞)^½ (Hölder), all rigorous upper bounds. Computed in plain floating point (a
/// baseline, not a certificate). Nil when the backward part is not a chain (residual sums).
enum NaiveBound {
    static func compute(_ jacobian: JacobianGraph, norm: LipschitzNorm) -> Double? {
        let nodes = jacobian.graph.nodes
        let c = jacobian.coefficients
        // Dual norm of c: the output functional's norm from ‖·‖ on y to |·|.
        var product = norm.dual(c)
        var value = jacobian.jacobianValue
        let firstBackward = jacobian.forwardNodeCount + 1
        while value > firstBackward {
            let node = nodes[value - 1]
            switch node.op {
            case let linear as Linear:
                product *= operatorNorm(transposed: linear, norm: norm)
            case let scale as ConstantBinary where scale.operation == .multiply:
                product *= scale.expandedConstant.reduce(0) { max($0, abs($1)) }
            case let gate as PiecewiseLinearGate:
                product *= max(abs(gate.left), abs(gate.right))
            case is Mul:
                // g ⊙ f′(z): the derivative node is the second operand (possibly behind a reshape).
                var d = node.inputs[1]
                if nodes[d - 1].op is Reshape { d = nodes[d - 1].inputs[0] }
                guard let act = nodes[d - 1].op as? any ActivationOperator else { return nil }
                let r = act.scalarActivation.valueRange
                product *= max(abs(r.lowerBound), abs(r.upperBound))
            case is Reshape:
                break
            default:
                return nil
            }
            guard node.inputs.count >= 1 else { return nil }
            value = node.inputs[0]
        }
        return value == firstBackward ? product : nil
    }

    /// ‖M‖ for the Linear node holding T = Mᵀ (T is inFeatures-major: T[i][o], i over M's columns).
    static func operatorNorm(transposed t: Linear, norm: LipschitzNorm) -> Double {
        // T has outFeatures rows (= M's columns) and inFeatures columns (= M's rows).
        let rowsT = t.outFeatures, colsT = t.inFeatures
        var rowSumsOfM = [Double](repeating: 0, count: colsT)   // M's rows = T's columns
        var colSumsOfM = [Double](repeating: 0, count: rowsT)   // M's columns = T's rows
        for i in 0..<rowsT {
            for o in 0..<colsT {
                let a = t.absWeights[i * colsT + o]
                rowSumsOfM[o] += a
                colSumsOfM[i] += a
            }
        }
        let inf = rowSumsOfM.max() ?? 0, one = colSumsOfM.max() ?? 0
        switch norm {
        case .infinity: return inf
        case .one: return one
        case .two: return (inf * one).squareRoot()
        }
    }
}
