extension Graph {
    /// Reverse-mode differentiation: the vector–Jacobian product `outputGradient · ∂y/∂x` for a batch.
    ///
    /// - Parameters:
    ///   - input: shape `[B] + inputShape` (or `[B, inputCount]`).
    ///   - outputGradient: ∂L/∂y, shape `[B] + outputShape` (or any shape with the same count).
    /// - Returns: the forward output and ∂L/∂x with the shape of `input`.
    public func vectorJacobianProduct(at input: Tensor, outputGradient: Tensor) -> (output: Tensor, inputGradient: Tensor) {
        let values = forwardAll(input)
        let b = input.batchSize
        var grads = [Tensor?](repeating: nil, count: valueCount)
        grads[outputValue] = outputGradient.reshaped([b] + outputShape)
        for i in stride(from: nodes.count - 1, through: 0, by: -1) {
            guard let g = grads[i + 1] else { continue }
            let node = nodes[i]
            let operands = node.inputs.map { values[$0] }
            let operandGrads = node.op.backward(operands, output: values[i + 1], outputGradient: g)
            for (k, v) in node.inputs.enumerated() {
                if let existing = grads[v] {
                    var sum = existing
                    let add = operandGrads[k].data
                    for j in 0..<sum.data.count { sum.data[j] += add[j] }
                    grads[v] = sum
                } else {
                    grads[v] = operandGrads[k]
                }
            }
            grads[i + 1] = nil
        }
        let dx = grads[0] ?? Tensor.zeros(values[0].shape)
        return (values[outputValue], dx.reshaped(input.shape))
    }

    /// Gradient of `weights · y(x)` with respect to `x` for one flat sample.
    public func gradient(of weights: [Double], at sample: [Double]) -> [Double] {
        let x = Tensor(shape: [1] + inputShape, data: sample)
        let g = Tensor(shape: [1] + outputShape, data: weights)
        return vectorJacobianProduct(at: x, outputGradient: g).inputGradient.data
    }
}
