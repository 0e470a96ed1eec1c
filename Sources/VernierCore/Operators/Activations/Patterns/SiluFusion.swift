/// Recognises `x * Sigmoid(x)` (either operand order) as `Silu(x)`, and `x * Sigmoid(β·x)` (β·x a
/// multiplication by one constant β) as `Swish(β)(x)`.
///
/// Both are exact rewrites: the fused operator computes the same real function (and even the same
/// floating-point operations up to the order of rounding). The Sigmoid and scaling results must
/// have no other reader and must not be the network output; the product must not broadcast.
public struct SiluFusion: GraphRewrite {
    public init() {}

    public func rewrite(_ graph: Graph) -> Graph? {
        let m = PatternMatcher(graph)
        for index in graph.nodes.indices {
            guard let (a, b) = m.productOperands(of: index + 1) else { continue }
            for (x, s) in [(a, b), (b, a)] where m.isPrivate(s, to: index) {
                guard let arg = m.activationOperand(of: s, Sigmoid.self) else { continue }
                if arg == x {
                    return m.replacing(index, with: Silu(), opType: "Silu", operand: x)
                }
                if m.isPrivate(arg, to: s - 1), let scaled = m.producer(arg),
                   let op = scaled.op as? ConstantBinary, op.operation == .multiply, scaled.inputs == [x],
                   op.constant.count > 0, op.plan.outputShape == graph.shape(of: x),
                   let beta = op.constant.data.first, beta.isFinite,
                   op.constant.data.allSatisfy({ $0 == beta }) {
                    return m.replacing(index, with: Swish(beta: beta), opType: "Swish", operand: x)
                }
            }
        }
        return nil
    }
}
