import Foundation

/// `x ^ p` for the variable `x` and a constant exponent `p` (ONNX Pow with a constant second input),
/// broadcasting both ways; `p` may differ per element.
///
/// Values follow C `pow` (IEEE 754 semantics, as ONNX runtimes do): a negative base is allowed with
/// an integer exponent, gives NaN with a fractional one, and `x ^ 0 = 1` for every `x`. The common
/// uniform exponents 2 and 3 are evaluated as products, like ONNX runtimes.
public struct Pow: ConstantOperandOperator {
    /// The exponent as given (unbatched).
    public let exponent: Tensor
    /// Per-sample shape of `x`.
    public let inputShape: [Int]
    /// Broadcast of the operands `[x, p]`.
    public let plan: BroadcastPlan
    /// `p` expanded to one value per result element.
    public let expandedExponent: [Double]
    /// The exponent when every element has the same one (the usual case), else nil.
    public let uniformExponent: Double?

    public init(exponent: Tensor, inputShape: [Int]) throws {
        self.exponent = exponent
        self.inputShape = inputShape
        plan = try BroadcastPlan(shapes: [inputShape, exponent.shape])
        expandedExponent = plan.expand(exponent.data, operand: 1)
        let first = exponent.data.first
        uniformExponent = exponent.data.allSatisfy { $0 == first } ? first : nil
    }

    public var kind: String { "Pow" }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        let x = inputs[0], p = expandedExponent
        switch uniformExponent {
        case 2?: return combine(x, expanded: p) { v, _ in v * v }
        case 3?: return combine(x, expanded: p) { v, _ in v * v * v }
        default: return combine(x, expanded: p) { Foundation.pow($0, $1) }
        }
    }

    /// ∂(x^p)/∂x = p·x^(p−1). Where that is not finite (x = 0 with p < 1) the derivative does not
    /// exist and 0 is returned, so gradient-based searches never see ∞ or NaN.
    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let x = inputs[0]
        let batch = x.batchSize
        let g = outputGradient.data
        var contributions = [Double](repeating: 0, count: g.count)
        x.data.withUnsafeBufferPointer { px in
            plan.forEachSource(of: 0, batchSize: batch) { o, j, s in
                let p = expandedExponent[j]
                let d: Double = p == 0 ? 0 : (p == 2 ? 2 * px[s] : p * Foundation.pow(px[s], p - 1))
                contributions[o] = d.isFinite ? g[o] * d : 0
            }
        }
        return [plan.accumulate(contributions, onto: 0, batchSize: batch)]
    }
}
