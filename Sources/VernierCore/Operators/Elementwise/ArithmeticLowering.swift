/// ONNX Add, Sub, Mul and Div: chooses between the constant-operand and the general operators.
extension ElementwiseOperators {
    static func lowerArithmetic(_ operation: ConstantBinary.Operation) -> Lowering {
        { ctx in
            try ctx.requireInputs(2)
            let a = try ctx.shape(0), b = try ctx.shape(1)
            guard Shape.broadcast(a, b) != nil else {
                throw ctx.error("input shapes \(a) and \(b) do not broadcast")
            }
            switch (ctx.isConstant(0), ctx.isConstant(1)) {
            case (false, true):
                return .op(try ConstantBinary(operation, constant: ctx.constant(1), inputShape: a), operands: [0])
            case (true, false):
                let c = try ctx.constant(0)
                switch operation {
                case .add, .multiply:  // commutative
                    return .op(try ConstantBinary(operation, constant: c, inputShape: b), operands: [1])
                case .subtract, .reverseSubtract:
                    return .op(try ConstantBinary(.reverseSubtract, constant: c, inputShape: b), operands: [1])
                case .divide:
                    return .op(try ScaledReciprocal(numerator: c, inputShape: b), operands: [1])
                }
            default:
                // Both variable, or both constant (the builder then folds by evaluation).
                let op: any Operator
                switch operation {
                case .add: op = try Add(shapes: a, b)
                case .subtract, .reverseSubtract: op = try Sub(shapes: a, b)
                case .multiply: op = try Mul(shapes: a, b)
                case .divide: op = try Div(shapes: a, b)
                }
                return .op(op, operands: [0, 1])
            }
        }
    }

    static let lowerNeg: Lowering = { ctx in
        try ctx.requireInputs(1)
        return .op(Neg(), operands: [0])
    }

    /// Pow needs a constant exponent: a variable exponent (e.g. `c ^ x`) has no bounds support.
    static let lowerPow: Lowering = { ctx in
        try ctx.requireInputs(2)
        guard ctx.isConstant(1) else {
            throw ctx.error(ctx.isConstant(0)
                ? "a constant base raised to a variable exponent is not supported (the exponent must be a constant)"
                : "a variable exponent is not supported (the exponent must be a constant)")
        }
        return .op(try Pow(exponent: ctx.constant(1), inputShape: ctx.shape(0)), operands: [0])
    }

    static let lowerPRelu: Lowering = { ctx in
        try ctx.requireInputs(2)
        let slope = try ctx.constant(1, what: "slope")
        return .op(try PRelu(slope: slope, inputShape: ctx.shape(0)), operands: [0])
    }

    /// Max / Min: the constant inputs are combined into one baked constant; only variable inputs
    /// stay operands. A single variable input with no constant is the identity.
    static func lowerExtremum(_ selection: ElementwiseExtremum.Selection) -> Lowering {
        { ctx in
            try ctx.requireInputs(1)
            let present = (0..<ctx.inputCount).filter(ctx.has)
            let variables = present.filter(ctx.isVariable)
            let constants = present.filter(ctx.isConstant)
            if variables.isEmpty {
                // All constant: the general operator over every input, folded by the builder.
                return .op(try ElementwiseExtremum(selection, operandShapes: present.map(ctx.shape)), operands: present)
            }
            var combined: Tensor?
            if !constants.isEmpty {
                let pieces = try constants.map { try ctx.constant($0) }
                let fold = try ElementwiseExtremum(selection, operandShapes: pieces.map(\.shape))
                let value = fold.forward(pieces.map { $0.batched() }, batchSize: 1)
                combined = Tensor(shape: fold.plan.outputShape, data: value.data)
            }
            if variables.count == 1 && combined == nil { return .alias(variables[0]) }
            let op = try ElementwiseExtremum(selection, operandShapes: variables.map(ctx.shape), constant: combined)
            return .op(op, operands: variables)
        }
    }
}
