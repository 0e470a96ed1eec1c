/// A per-channel affine map `y = scale[c] · x + shift[c]` on axis 1 of the per-sample shape
/// `[N, C, ...]`: ONNX `BatchNormalization` in inference mode, folded.
///
/// BatchNormalization computes `gamma · (x − mean) / sqrt(var + eps) + beta`. Lowering folds it,
/// the way onnxruntime evaluates it, into `scale = gamma · (1 / sqrt(var + eps))` and
/// `shift = beta − mean · scale`, each computed once in Double. The function Vernier evaluates and
/// verifies is this folded affine map with those exact Double coefficients; it differs from the
/// unfolded real formula only by the rounding of the coefficients (a relative 2⁻⁵² or so).
public struct ChannelAffine: Operator {
    public let scale: [Double]
    public let shift: [Double]

    public init(scale: [Double], shift: [Double]) {
        precondition(scale.count == shift.count, "ChannelAffine: \(scale.count) scales and \(shift.count) shifts")
        self.scale = scale
        self.shift = shift
    }

    /// The folded inference-mode BatchNormalization coefficients.
    public init(gamma: [Double], beta: [Double], mean: [Double], variance: [Double], epsilon: Double) {
        var scale = [Double](), shift = [Double]()
        for c in gamma.indices {
            let invStd = 1 / (variance[c] + epsilon).squareRoot()
            let a = invStd * gamma[c]
            scale.append(a)
            shift.append(beta[c] - mean[c] * a)
        }
        self.init(scale: scale, shift: shift)
    }

    public var channels: Int { scale.count }

    public var kind: String { "ChannelAffine" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        guard inputShapes.count == 1, inputShapes[0].count >= 2 else {
            throw ShapeError("BatchNormalization expects one operand of shape [N, C, ...], got \(inputShapes)")
        }
        guard inputShapes[0][1] == channels else {
            throw ShapeError("BatchNormalization has \(channels) channel parameters but the input \(inputShapes[0]) has \(inputShapes[0][1]) channels")
        }
        return inputShapes[0]
    }

    /// Elements per channel block of a batched operand of shape `[B, N, C, rest...]`.
    package func inner(of shape: [Int]) -> Int { Shape.count(Array(shape.dropFirst(3))) }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        let x = inputs[0]
        let inner = inner(of: x.shape)
        var y = [Double](repeating: 0, count: x.count)
        let block = channels * inner
        guard block > 0 else { return Tensor(shape: x.shape, data: y) }
        x.data.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { yp in
                var start = 0
                while start < xp.count {
                    for c in 0..<channels {
                        let a = scale[c], b = shift[c]
                        let base = start + c * inner
                        for i in base..<(base + inner) { yp[i] = a * xp[i] + b }
                    }
                    start += block
                }
            }
        }
        return Tensor(shape: x.shape, data: y)
    }

    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let x = inputs[0]
        let inner = inner(of: x.shape)
        var dx = [Double](repeating: 0, count: x.count)
        let block = channels * inner
        if block > 0 {
            outputGradient.data.withUnsafeBufferPointer { gp in
                dx.withUnsafeMutableBufferPointer { dp in
                    var start = 0
                    while start < gp.count {
                        for c in 0..<channels {
                            let a = scale[c]
                            let base = start + c * inner
                            for i in base..<(base + inner) { dp[i] = a * gp[i] }
                        }
                        start += block
                    }
                }
            }
        }
        return [Tensor(shape: x.shape, data: dx)]
    }
}
