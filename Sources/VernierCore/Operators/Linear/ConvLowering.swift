extension LinearOperators {
    /// ONNX `Conv` with constant weights `W: [M, C/group, k...]` and optional bias `B: [M]`, over an
    /// operand `[N, C, spatial...]` (1-D, 2-D and 3-D alike).
    @Sendable static func lowerConv(_ context: LoweringContext) throws -> Lowered {
        try context.requireInputs(2)
        let x = try context.shape(0)
        let w = try context.constant(1, what: "W")
        let groups = try context.int("group", default: 1)
        let (channels, spatial) = try convolutionOperand(context, x: x, w: w)
        let outputChannels = w.shape[0]
        guard groups >= 1, channels % groups == 0, outputChannels % groups == 0 else {
            throw context.error("group = \(groups) must divide the input channels (\(channels)) and output channels (\(outputChannels))")
        }
        guard w.shape[1] == channels / groups else {
            throw context.error("W of shape \(w.shape) expects \(w.shape[1] * groups) input channels in \(groups) group(s), the input \(x) has \(channels)")
        }
        let attributes = try WindowAttributes(context, kernel: try kernelShape(context, weights: w))
        let axes = try attributes.convolutionAxes(input: spatial)
        let bias = try channelBias(context, count: outputChannels)
        return .op(Conv(weights: w.data, outputChannels: outputChannels, inputChannels: channels, groups: groups,
                        bias: bias, axes: axes), operands: [0])
    }

    /// ONNX `ConvTranspose` with constant weights `W: [C, M/group, k...]` and optional bias `B: [M]`.
    ///
    /// Output size per axis: `stride·(in − 1) + output_padding + (k − 1)·dilation + 1 − pads`. With
    /// `output_shape`, or `auto_pad` SAME (target `in·stride`), the total padding is
    /// `max(0, natural − target)`, split with the odd unit at the end for SAME_UPPER and at the
    /// beginning otherwise (ONNX spec; onnxruntime ≥ 1.14).
    @Sendable static func lowerConvTranspose(_ context: LoweringContext) throws -> Lowered {
        try context.requireInputs(2)
        let x = try context.shape(0)
        let w = try context.constant(1, what: "W")
        let groups = try context.int("group", default: 1)
        let (channels, spatial) = try convolutionOperand(context, x: x, w: w)
        guard groups >= 1, channels % groups == 0 else {
            throw context.error("group = \(groups) must divide the input channels (\(channels))")
        }
        guard w.shape[0] == channels else {
            throw context.error("W of shape \(w.shape) expects \(w.shape[0]) input channels, the input \(x) has \(channels)")
        }
        let outputChannels = w.shape[1] * groups
        let attributes = try WindowAttributes(context, kernel: try kernelShape(context, weights: w))
        let r = spatial.count
        let outputPadding = try context.ints("output_padding", default: [])
        guard outputPadding.isEmpty || (outputPadding.count == r && outputPadding.allSatisfy { $0 >= 0 }) else {
            throw context.error("attribute 'output_padding' = \(outputPadding) must hold \(r) non-negative values")
        }
        var outputShape = try context.ints("output_shape", default: [])
        if outputShape.count == r + 2 { outputShape = Array(outputShape.suffix(r)) }
        guard outputShape.isEmpty || (outputShape.count == r && outputShape.allSatisfy { $0 > 0 }) else {
            throw context.error("attribute 'output_shape' = \(outputShape) must hold \(r) positive sizes")
        }
        var axes = [WindowAxis]()
        for d in 0..<r {
            var axis = WindowAxis(input: spatial[d], kernel: attributes.kernel[d], stride: attributes.strides[d],
                                  dilation: attributes.dilations[d], padBegin: attributes.pads[d],
                                  padEnd: attributes.pads[d + r], output: 0)
            let adjustment = outputPadding.isEmpty ? 0 : outputPadding[d]
            let natural = (axis.input - 1) * axis.stride + adjustment + axis.extent
            let target: Int? = !outputShape.isEmpty ? outputShape[d]
                : (attributes.autoPad == .sameUpper || attributes.autoPad == .sameLower) ? axis.input * axis.stride : nil
            if let target {
                let total = max(0, natural - target)
                axis.padBegin = attributes.autoPad == .sameUpper ? total / 2 : total - total / 2
                axis.padEnd = total - axis.padBegin
                axis.output = target
            } else {
                if attributes.autoPad == .valid { axis.padBegin = 0; axis.padEnd = 0 }
                axis.output = natural - axis.padBegin - axis.padEnd
            }
            guard axis.output > 0 else {
                throw context.error("ConvTranspose output size on spatial axis \(d) is \(axis.output); check pads and strides")
            }
            axes.append(axis)
        }
        let bias = try channelBias(context, count: outputChannels)
        return .op(ConvTranspose(weights: w.data, outputChannels: outputChannels, inputChannels: channels,
                                 groups: groups, bias: bias, axes: axes), operands: [0])
    }

    /// Checks the operand `[N, C, spatial...]` against weights of the same rank; returns `C` and the spatial sizes.
    private static func convolutionOperand(_ context: LoweringContext, x: [Int], w: Tensor) throws -> (Int, [Int]) {
        guard x.count >= 3 else {
            throw context.error("expects an input of shape [N, C, spatial...], got \(x)")
        }
        guard w.rank == x.count else {
            throw context.error("W of shape \(w.shape) does not match the rank of the input \(x)")
        }
        return (x[1], Array(x.dropFirst(2)))
    }

    /// The kernel shape: W's spatial dimensions, which `kernel_shape` (optional) must repeat.
    private static func kernelShape(_ context: LoweringContext, weights w: Tensor) throws -> [Int] {
        let kernel = Array(w.shape.dropFirst(2))
        let declared = try context.ints("kernel_shape", default: [])
        guard declared.isEmpty || declared == kernel else {
            throw context.error("attribute 'kernel_shape' = \(declared) does not match W's spatial shape \(kernel)")
        }
        return kernel
    }

    /// The optional constant bias input 2, one value per output channel.
    private static func channelBias(_ context: LoweringContext, count: Int) throws -> [Double]? {
        guard let b = try context.optionalConstant(2, what: "B") else { return nil }
        guard b.count == count else {
            throw context.error("bias B has \(b.count) values, expected one per output channel (\(count))")
        }
        return b.data
    }
}
