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
        var y = [Double](repeating: 0, count: x.count)
        let n = groups.size, stride = groups.stride
        x.data.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { yp in
                groups.forEachGroup(count: xp.count) { first in
                    var top = -Double.infinity
                    for j in 0..<n { top = max(top, xp[first + j * stride]) }
                    var sum = 0.0
                    for j in 0..<n {
                        let e = exp(xp[first + j * stride] - top)
                        yp[first + j * stride] = e
                        sum += e
                    }
                    for j in 0..<n { yp[first + j * stride] /= sum }
                }
            }
        }
        return Tensor(shape: x.shape, data: y)
    }

    /// `∂L/∂x_j = y_j · (g_j − Σ_l g_l y_l)`.
    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        var dx = [Double](repeating: 0, count: output.count)
        let n = groups.size, stride = groups.stride
        output.data.withUnsafeBufferPointer { yp in
            outputGradient.data.withUnsafeBufferPointer { gp in
                dx.withUnsafeMutableBufferPointer { dp in
                    groups.forEachGroup(count: yp.count) { first in
                        var dot = 0.0
                        for j in 0..<n { dot += gp[first + j * stride] * yp[first + j * stride] }
                        for j in 0..<n {
                            let i = first + j * stride
                            dp[i] = yp[i] * (gp[i] - dot)
                        }
                    }
                }
            }
        }
        return [Tensor(shape: inputs[0].shape, data: dx)]
    }
}
