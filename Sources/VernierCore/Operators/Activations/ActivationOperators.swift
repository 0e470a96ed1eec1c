/// Lowerings of the Activations operator family (see `OperatorRegistry`): every op type becomes an
/// `ElementwiseActivation` of its `ScalarActivation`, with attributes (and Clip's constant min/max
/// inputs) baked in. Attribute defaults are the float32 values ONNX declares (e.g. LeakyRelu's 0.01
/// is 0.009999999776482582), which is what onnxruntime computes with.
public enum ActivationOperators {
    public static let lowerings: [String: Lowering] = [
        "Relu": unary { _ in Relu() },
        "LeakyRelu": unary { ctx in LeakyRelu(alpha: try finiteFloat(ctx, "alpha", default: float32(0.01))) },
        "Elu": unary { ctx in Elu(alpha: try finiteFloat(ctx, "alpha", default: 1)) },
        "Selu": unary { ctx in
            Selu(alpha: try finiteFloat(ctx, "alpha", default: float32(1.67326319217213)),
                 gamma: try finiteFloat(ctx, "gamma", default: float32(1.05070102214813)))
        },
        "Celu": unary { ctx in
            let alpha = try finiteFloat(ctx, "alpha", default: 1)
            guard alpha != 0 else { throw ctx.error("attribute 'alpha' must be nonzero") }
            return Celu(alpha: alpha)
        },
        "Sigmoid": unary { _ in Sigmoid() },
        "Tanh": unary { _ in Tanh() },
        "Softplus": unary { _ in Softplus() },
        "Softsign": unary { _ in Softsign() },
        "Gelu": lowerGelu,
        "Mish": unary { _ in Mish() },
        "HardSigmoid": unary { ctx in
            HardSigmoid(alpha: try finiteFloat(ctx, "alpha", default: float32(0.2)),
                        beta: try finiteFloat(ctx, "beta", default: 0.5))
        },
        "HardSwish": unary { _ in HardSwish() },
        "Clip": lowerClip,
        "Abs": unary { _ in Abs() },
        "Sin": unary { _ in Sin() },
        "Cos": unary { _ in Cos() },
        "Exp": unary { _ in Exp() },
        "Log": unary { _ in Log() },
        "Sqrt": unary { _ in Sqrt() },
        "Reciprocal": unary { _ in Reciprocal() },
        "Erf": unary { _ in Erf() },
        "Silu": unary { _ in Silu() },
        "Swish": lowerSwish,
    ]

    /// A one-input activation whose parameters come from attributes.
    static func unary<A: ScalarActivation>(_ make: @escaping @Sendable (LoweringContext) throws -> A) -> Lowering {
        { ctx in
            try requireSingleInput(ctx)
            return .op(ElementwiseActivation(try make(ctx)), operands: [0])
        }
    }

    static func requireSingleInput(_ ctx: LoweringContext) throws {
        guard ctx.inputCount == 1, ctx.has(0) else {
            throw ctx.error("expects exactly 1 input, got \(ctx.inputCount)")
        }
    }

    /// The float32 value of a decimal default, as ONNX stores attribute defaults.
    static func float32(_ x: Double) -> Double { Double(Float(x)) }

    /// A float attribute that must be finite.
    static func finiteFloat(_ ctx: LoweringContext, _ name: String, default value: Double) throws -> Double {
        let v = try ctx.float(name, default: value)
        guard v.isFinite else { throw ctx.error("attribute '\(name)' must be finite, found \(v)") }
        return v
    }

    /// Gelu (opset 20): approximate = "none" (exact, erf) or "tanh".
    static let lowerGelu: Lowering = { ctx in
        try requireSingleInput(ctx)
        switch try ctx.string("approximate", default: "none") {
        case "none": return .op(ElementwiseActivation(Gelu()), operands: [0])
        case "tanh": return .op(ElementwiseActivation(GeluTanh()), operands: [0])
        case let other: throw ctx.error("attribute 'approximate' must be \"none\" or \"tanh\", found \"\(other)\"")
        }
    }

    /// Swish: x·σ(βx) with `beta` (Vernier) or `alpha` (ONNX opset 24), default 1.
    static let lowerSwish: Lowering = { ctx in
        try requireSingleInput(ctx)
        if ctx.hasAttribute("beta") && ctx.hasAttribute("alpha") {
            throw ctx.error("give either 'beta' or 'alpha' (the same parameter), not both")
        }
        let beta = try finiteFloat(ctx, ctx.hasAttribute("alpha") ? "alpha" : "beta", default: 1)
        return beta == 1 ? .op(ElementwiseActivation(Silu()), operands: [0])
                         : .op(ElementwiseActivation(Swish(beta: beta)), operands: [0])
    }

    /// Clip: bounds are attributes `min`/`max` before opset 11 and optional constant scalar inputs
    /// 1 and 2 from opset 11; an absent bound is ±∞.
    static let lowerClip: Lowering = { ctx in
        guard ctx.has(0) else { throw ctx.error("missing input 0") }
        var lower = -Double.infinity, upper = Double.infinity
        if ctx.opset < 11 {
            guard ctx.inputCount == 1 else {
                throw ctx.error("before opset 11 Clip takes 1 input (min and max are attributes), got \(ctx.inputCount)")
            }
            lower = try ctx.float("min", default: lower)
            upper = try ctx.float("max", default: upper)
            if lower.isNaN || upper.isNaN { throw ctx.error("attributes 'min' and 'max' must not be NaN") }
        } else {
            guard ctx.inputCount <= 3 else { throw ctx.error("expects at most 3 inputs, got \(ctx.inputCount)") }
            if ctx.hasAttribute("min") || ctx.hasAttribute("max") {
                throw ctx.error("from opset 11 'min' and 'max' are inputs 1 and 2, not attributes")
            }
            func bound(_ i: Int, _ what: String) throws -> Double? {
                guard let t = try ctx.optionalConstant(i, what: what) else { return nil }
                guard t.count == 1 else { throw ctx.error("\(what) must be a scalar, got shape \(t.shape)") }
                return t.data[0]
            }
            lower = try bound(1, "min") ?? lower
            upper = try bound(2, "max") ?? upper
        }
        return .op(ElementwiseActivation(Clip(lower: lower, upper: upper)), operands: [0])
    }
}
