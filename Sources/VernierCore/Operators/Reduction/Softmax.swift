import Foundation

/// ONNX `Softmax`: `y_j = exp(x_j) / Σ_l exp(x_l)` within each group (see `SoftmaxGroups`).
///
/// Evaluated stably as `exp(x_j − max) / Σ_l exp(x_l − max)`.
public struct Softmax: Operator {
    public let groups: SoftmaxGroups

    public init(groups: SoftmaxGroups) { self.groups = groups }

    public var kind: String { "Softmax" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        try groups.validate(inputShapes, kind: kind)
    }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        let x = inputs[0]
        let n = groups.size, stride = groups.stride
        let y = groups.mapGroups(x.data) { first, xp, yp in
            let sum = groups.shiftedExponentials(xp, into: yp, first: first).sum
            for j in 0..<n { yp[first + j * stride] /= sum }
        }
        return Tensor(shape: x.shape, data: y)
    }

    /// `∂L/∂x_j = y_j · (g_j − Σ_l g_l y_l)`.
    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let n = groups.size, stride = groups.stride
        let dx = groups.mapGroups(output.data, outputGradient.data) { first, yp, gp, dp in
            var dot = 0.0
            for j in 0..<n { dot += gp[first + j * stride] * yp[first + j * stride] }
            for j in 0..<n {
                let i = first + j * stride
                dp[i] = yp[i] * (gp[i] - dot)
            }
        }
        return [Tensor(shape: inputs[0].shape, data: dx)]
    }
}
