/// An elementwise operator between the variable operand `x` and a constant `c` baked in at
/// lowering, with broadcasting both ways (`ConstantBinary`, `Pow`, `ScaledReciprocal`): the result
/// has the broadcast shape of `x` and `c`.
package protocol ConstantOperandOperator: Operator {
    /// Per-sample shape of `x`.
    var inputShape: [Int] { get }
    /// Broadcast of the operands `[x, c]`.
    var plan: BroadcastPlan { get }
}

extension ConstantOperandOperator {
    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        guard inputShapes == [inputShape] else {
            throw ShapeError("\(kind) expects one operand of shape \(inputShape), got \(inputShapes)")
        }
        return plan.outputShape
    }

    /// `f(x, c)` for every result element of the batched operand `x`, with `expanded` the constant
    /// expanded to one value per result element (`plan.expand(_, operand: 1)`).
    func combine(_ x: Tensor, expanded: [Double], _ f: (_ x: Double, _ c: Double) -> Double) -> Tensor {
        let batch = x.batchSize
        var out = [Double](repeating: 0, count: batch * plan.outputCount)
        x.data.withUnsafeBufferPointer { px in
            expanded.withUnsafeBufferPointer { pc in
                out.withUnsafeMutableBufferPointer { po in
                    plan.forEachSource(of: 0, batchSize: batch) { o, j, s in po[o] = f(px[s], pc[j]) }
                }
            }
        }
        return Tensor(shape: [batch] + plan.outputShape, data: out)
    }
}
