import Foundation

/// The Adam optimiser (bias-corrected first and second moment estimates) over a flat parameter vector.
struct Adam: Sendable {
    var learningRate: Double
    var beta1 = 0.9
    var beta2 = 0.999
    var epsilon = 1e-8
    private var m: [Double]
    private var v: [Double]
    private var t = 0

    init(count: Int, learningRate: Double) {
        self.learningRate = learningRate
        m = [Double](repeating: 0, count: count)
        v = [Double](repeating: 0, count: count)
    }

    mutating func step(_ parameters: inout [Double], gradient g: [Double]) {
        t += 1
        let c1 = 1 - pow(beta1, Double(t)), c2 = 1 - pow(beta2, Double(t))
        for k in parameters.indices {
            m[k] = beta1 * m[k] + (1 - beta1) * g[k]
            v[k] = beta2 * v[k] + (1 - beta2) * g[k] * g[k]
            parameters[k] -= learningRate * (m[k] / c1) / ((v[k] / c2).squareRoot() + epsilon)
        }
    }
}
