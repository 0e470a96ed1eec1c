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
        var y = [Double](repeating: 0, count: x.count)
        let n = groups.size, stride = groups.stride
        x.data.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { yp in
                groups.forEachGroup(count: xp.count) { first in
                    var top = -Double.infinity
                    for j in 0..<n { top = max(top, xp[first + j * stride]) }
                    var sum = 0.0
                    for j in 0..<n { sum += exp(xp[first + j * stride] - top) }
                    let shift = top + log(sum)
                    for j in 0..<n { yp[first + j * stride] = xp[first + j * stride] - shift }
                }
            }
        }
        return Tensor(shape: x.shape, data: y)
    }

    /// `∂L/∂x_j = g_j − softmax_j · Σ_l g_l`, with `softmax_j = exp(y_j)`.
    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        var dx = [Double](repeating: 0, count: output.count)
        let n = groups.size, stride = groups.stride
        output.data.withUnsafeBufferPointer { yp in
            outputGradient.data.withUnsafeBufferPointer { gp in
                dx.withUnsafeMutableBufferPointer { dp in
                    groups.forEachGroup(count: yp.count) { first in
                        var total = 0.0
                        for j in 0..<n { total += gp[first + j * stride] }
                        for j in 0..<n {
                            let i = first + j * stride
                            dp[i] = gp[i] - exp(yp[i]) * total
                        }
                    }
                }
            }
        }
        return [Tensor(shape: inputs[0].shape, data: dx)]
    }
}
