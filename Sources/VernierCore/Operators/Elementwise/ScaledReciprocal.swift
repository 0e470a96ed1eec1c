/// `y = c / x` for a constant `c` and the variable `x` (ONNX Div with a constant numerator), with
/// broadcasting both ways like `ConstantBinary`.
///
/// Kept apart from `ConstantBinary` because it is not affine: it has a pole at `x = 0`, where the
/// result is ±∞ (or NaN for `0/0`) exactly as in ONNX runtimes, and bounds must treat it as a
/// reciprocal.
public struct ScaledReciprocal: ConstantOperandOperator {
    /// The numerator as given (unbatched).
    public let numerator: Tensor
    /// Per-sample shape of `x`.
    public let inputShape: [Int]
    /// Broadcast of the operands `[x, c]`.
    public let plan: BroadcastPlan
    /// `c` expanded to one value per result element.
    public let expandedNumerator: [Double]

    public init(numerator: Tensor, inputShape: [Int]) throws {
        self.numerator = numerator
        self.inputShape = inputShape
        plan = try BroadcastPlan(shapes: [inputShape, numerator.shape])
        expandedNumerator = plan.expand(numerator.data, operand: 1)
    }

    public var kind: String { "ConstantDiv" }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        combine(inputs[0], expanded: expandedNumerator) { x, c in c / x }
    }

    /// ∂(c/x)/∂x = −c/x².
    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let x = inputs[0]
        let batch = x.batchSize
        var contributions = [Double](repeating: 0, count: outputGradient.count)
        x.data.withUnsafeBufferPointer { px in
            outputGradient.data.withUnsafeBufferPointer { pg in
                plan.forEachSource(of: 0, batchSize: batch) { o, j, s in
                    let v = px[s]
                    contributions[o] = -pg[o] * expandedNumerator[j] / (v * v)
                }
            }
        }
        return [plan.accumulate(contributions, onto: 0, batchSize: batch)]
    }
}
