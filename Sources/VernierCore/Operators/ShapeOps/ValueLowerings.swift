/// ONNX ops whose result is known at build time or is one of their inputs: Identity, Dropout
/// (inference), Constant, Shape, Cast and ConstantOfShape.
extension ShapeOperators {
    /// Identity, and Dropout at inference (its result is its first input; the mask output is not
    /// computed).
    static let lowerAlias: Lowering = { ctx in
        try ctx.requireInputs(1)
        return .alias(0)
    }

    /// Constant: exactly one of `value`, `value_float`, `value_floats`, `value_int`, `value_ints`.
    static let lowerConstant: Lowering = { ctx in
        let forms = ["value", "value_float", "value_floats", "value_int", "value_ints"].filter(ctx.hasAttribute)
        if let other = ["sparse_value", "value_string", "value_strings"].first(where: ctx.hasAttribute) {
            throw ctx.error("attribute '\(other)' is not supported (numeric values only)")
        }
        guard forms.count == 1 else {
            throw ctx.error(forms.isEmpty ? "needs one of the attributes value, value_float(s), value_int(s)"
                                          : "has several value attributes (\(forms.joined(separator: ", ")))")
        }
        switch forms[0] {
        case "value":
            guard let t = try ctx.tensorAttribute("value") else { throw ctx.error("missing attribute 'value'") }
            guard Shape.count(t.shape) == t.count else {
                throw ctx.error("value has \(t.count) elements but shape \(t.shape)")
            }
            return .constant(t.tensor)
        case "value_float": return .constant(Tensor(scalar: try ctx.float("value_float")))
        case "value_int": return .constant(Tensor(scalar: Double(try ctx.int("value_int"))))
        case "value_floats":
            let v = try ctx.floats("value_floats")
            return .constant(Tensor(shape: [v.count], data: v))
        default:
            let v = try ctx.ints("value_ints").map(Double.init)
            return .constant(Tensor(shape: [v.count], data: v))
        }
    }

    /// Shape: the per-sample shape (the model's own, e.g. `[1, 784]`), sliced by `start`/`end`
    /// (opset 15; clamped to [0, rank]). Shapes are static, so this is always a constant.
    static let lowerShape: Lowering = { ctx in
        try ctx.requireInputs(1)
        let s = try ctx.shape(0)
        let r = s.count
        func clamp(_ v: Int) -> Int { min(max(v < 0 ? v + r : v, 0), r) }
        let start = clamp(try ctx.int("start", default: 0)), end = clamp(try ctx.int("end", default: r))
        let dims = start < end ? s[start..<end].map(Double.init) : []
        return .constant(Tensor(shape: [dims.count], data: dims))
    }

    /// Cast. Vernier computes in `Double` and keeps no element types, so a cast to a floating type
    /// is the identity — except that a constant cast to float32 is rounded to float32, as an ONNX
    /// runtime would store it. A cast to an integer or bool type folds a constant (truncating toward
    /// zero; bool is 0 or 1); on a value that depends on the network input it is not supported,
    /// since it is piecewise constant and has no useful bounds or gradient.
    static let lowerCast: Lowering = { ctx in
        try ctx.requireInputs(1)
        let to = try ctx.int("to")
        let floating: Set<Int> = [1, 10, 11, 16]  // float, float16, double, bfloat16
        let integer: [Int: String] = [2: "uint8", 3: "int8", 4: "uint16", 5: "int16", 6: "int32",
                                      7: "int64", 12: "uint32", 13: "uint64", 9: "bool"]
        if floating.contains(to) {
            if to == 1, ctx.isConstant(0) {
                return .constant(try ctx.constant(0).map { Double(Float($0)) })
            }
            return .alias(0)
        }
        guard let name = integer[to] else { throw ctx.error("cast to element type \(to) is not supported") }
        guard ctx.isConstant(0) else {
            throw ctx.error("cast of a value that depends on the network input to \(name) is not supported")
        }
        let t = try ctx.constant(0)
        return .constant(to == 9 ? t.map { $0 != 0 ? 1 : 0 } : t.map { $0.rounded(.towardZero) })
    }

    /// ConstantOfShape: a tensor of the constant shape (input 0) filled with the one-element
    /// `value` attribute (default 0).
    static let lowerConstantOfShape: Lowering = { ctx in
        try ctx.requireInputs(1)
        let shape = try ctx.constantInts(0, what: "shape")
        if let bad = shape.first(where: { $0 < 0 }) { throw ctx.error("shape \(shape) has a negative dimension \(bad)") }
        var fill = 0.0
        if let v = try ctx.tensorAttribute("value") {
            guard v.count == 1 else { throw ctx.error("value must have exactly one element, has \(v.count)") }
            fill = v.doubles[0]
        }
        return .constant(Tensor(shape: shape, repeating: fill))
    }
}
