/// Elementwise maximum or minimum of several operands with broadcasting (ONNX Max / Min), plus an
/// optional constant folded from the constant inputs at lowering.
///
/// A pure selection: every result is one of its arguments, so it is exact in floating point.
public struct ElementwiseExtremum: Operator {
    public enum Selection: String, Sendable { case maximum, minimum }

    public let selection: Selection
    /// Broadcast of the variable operands, followed by the constant when there is one.
    public let plan: BroadcastPlan
    /// Number of variable operands.
    public let operandCount: Int
    /// The constant inputs combined into one (unbatched), if any.
    public let constant: Tensor?
    /// `constant` expanded to one value per result element.
    public let expandedConstant: [Double]?

    public init(_ selection: Selection, operandShapes: [[Int]], constant: Tensor? = nil) throws {
        guard !operandShapes.isEmpty else { throw ShapeError("needs at least one operand") }
        self.selection = selection
        operandCount = operandShapes.count
        self.constant = constant
        let plan = try BroadcastPlan(shapes: operandShapes + (constant.map { [$0.shape] } ?? []))
        self.plan = plan
        expandedConstant = constant.map { plan.expand($0.data, operand: operandShapes.count) }
    }

    public var kind: String { selection == .maximum ? "Max" : "Min" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        guard inputShapes == Array(plan.operandShapes.prefix(operandCount)) else {
            throw ShapeError("\(kind) was planned for operand shapes \(plan.operandShapes.prefix(operandCount)), got \(inputShapes)")
        }
        return plan.outputShape
    }

    @inline(__always)
    private func better(_ a: Double, than b: Double) -> Bool {
        selection == .maximum ? a > b : a < b
    }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        let batch = inputs.first?.batchSize ?? batchSize
        let n = plan.outputCount
        var out = [Double](repeating: 0, count: batch * n)
        out.withUnsafeMutableBufferPointer { po in
            inputs[0].data.withUnsafeBufferPointer { px in
                plan.forEachSource(of: 0, batchSize: batch) { o, _, s in po[o] = px[s] }
            }
            for k in 1..<operandCount {
                inputs[k].data.withUnsafeBufferPointer { px in
                    plan.forEachSource(of: k, batchSize: batch) { o, _, s in
                        if better(px[s], than: po[o]) { po[o] = px[s] }
                    }
                }
            }
            if let c = expandedConstant {
                for o in 0..<po.count where better(c[o % n], than: po[o]) { po[o] = c[o % n] }
            }
        }
        return Tensor(shape: [batch] + plan.outputShape, data: out)
    }

    /// The gradient flows to the first operand (in input order) that attains the result; none flows
    /// where the constant attains it alone. At ties this is an element of the Clarke gradient.
    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let batch = inputs[0].batchSize
        let y = output.data, g = outputGradient.data
        var taken = [Bool](repeating: false, count: y.count)
        var grads = [Tensor]()
        for k in 0..<operandCount {
            var contributions = [Double](repeating: 0, count: y.count)
            let x = inputs[k].data
            plan.forEachSource(of: k, batchSize: batch) { o, _, s in
                if !taken[o] && x[s] == y[o] {
                    taken[o] = true
                    contributions[o] = g[o]
                }
            }
            grads.append(plan.accumulate(contributions, onto: k, batchSize: batch))
        }
        return grads
    }
}
