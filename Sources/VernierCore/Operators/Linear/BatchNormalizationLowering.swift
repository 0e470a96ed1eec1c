extension LinearOperators {
    /// ONNX `BatchNormalization` in inference mode → `ChannelAffine` (see there for the folding).
    ///
    /// `scale`, `B`, `input_mean` and `input_var` must be constants of `C` values each. Training mode
    /// (`training_mode = 1`, or asking for the running-statistics outputs) is not supported.
    @Sendable static func lowerBatchNormalization(_ context: LoweringContext) throws -> Lowered {
        try context.requireInputs(5)
        if try context.int("training_mode", default: 0) != 0 {
            throw context.error("training_mode = 1 is not supported; export the model in inference mode")
        }
        if context.node.outputs.dropFirst().contains(where: { !$0.isEmpty }) {
            throw context.error("training-mode outputs (running mean / variance) are not supported; only Y can be computed")
        }
        let x = try context.shape(0)
        guard x.count >= 2 else {
            throw context.error("expects an input of shape [N, C, ...], got \(x)")
        }
        let channels = x[1]
        let names = ["scale", "B", "input_mean", "input_var"]
        var parameters = [[Double]]()
        for (i, name) in names.enumerated() {
            let t = try context.constant(i + 1, what: name)
            guard t.count == channels else {
                throw context.error("\(name) has shape \(t.shape), expected [\(channels)] (one value per channel)")
            }
            parameters.append(t.data)
        }
        let epsilon = try context.float("epsilon", default: 1e-5)
        if let c = parameters[3].indices.first(where: { !(parameters[3][$0] + epsilon > 0) }) {
            throw context.error("input_var[\(c)] + epsilon = \(parameters[3][c] + epsilon) is not positive")
        }
        let op = ChannelAffine(gamma: parameters[0], beta: parameters[1], mean: parameters[2],
                               variance: parameters[3], epsilon: epsilon)
        return .op(op, operands: [0])
    }
}
