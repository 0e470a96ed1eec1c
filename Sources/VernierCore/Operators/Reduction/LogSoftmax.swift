import Foundation

/// ONNX `LogSoftmax`: `y_j = x_j − log Σ_l exp(x_l)` within each group (see `SoftmaxGroups`).
///
/// Evaluated stably as `x_j − max − log Σ_l exp(x_l − max)`.
public struct LogSoftmax: Operator {
    public let groups: SoftmaxGroups

    public init(groups: SoftmaxGroups) { self.groups = groups }

    public var kind: String { "LogSoftmax" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        try groups.validate(inputShapes, kind: kind)
    }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        let x = inputs[0]
        let n = groups.size, stride = groups.stride
        let y = groups.mapGroups(x.data) { first, xp, yp in
            let (top, sum) = groups.shiftedExponentials(xp, into: yp, first: first)
            let shift = top + log(sum)
            for j in 0..<n { yp[first + j * stride] = xp[first + j * stride] - shift }
        }
        return Tensor(shape: x.shape, data: y)
    }

    /// `∂L/∂x_j = g_j − softmax_j · Σ_l g_l`, with `softmax_j = exp(y_j)`.
    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let n = groups.size, stride = groups.stride
        let dx = groups.mapGroups(output.data, outputGradient.data) { first, yp, gp, dp in
            var total = 0.0
            for j in 0..<n { total += gp[first + j * stride] }
            for j in 0..<n {
                let i = first + j * stride
                dp[i] = gp[i] - exp(yp[i]) * total
            }
        }
        return [Tensor(shape: inputs[0].shape, data: dx)]
    }
}
