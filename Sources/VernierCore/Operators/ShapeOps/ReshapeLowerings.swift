/// ONNX ops that change the shape but keep the row-major element order: Flatten, Reshape, Squeeze
/// and Unsqueeze all lower to a `Reshape`. Shapes are the model's own per-sample shapes (including
/// a leading batch dimension of 1 when the model has one), exactly what ONNX runtimes see.
extension ShapeOperators {
    /// Flatten: `[d0 … d(a−1)] × [da …]` as a matrix; `axis` ∈ [−r, r], default 1.
    static let lowerFlatten: Lowering = { ctx in
        try ctx.requireInputs(1)
        let s = try ctx.shape(0)
        let axis = try ctx.int("axis", default: 1)
        let a = axis < 0 ? axis + s.count : axis
        guard (0...s.count).contains(a) else {
            throw ctx.error("axis \(axis) is out of range for rank \(s.count) (allowed −\(s.count)…\(s.count))")
        }
        let result = [Shape.count(Array(s[..<a])), Shape.count(Array(s[a...]))]
        return .op(try Reshape(kind: "Flatten", inputShape: s, resultShape: result), operands: [0])
    }

    /// Reshape: the target from constant input 1 (attribute `shape` before opset 5). A 0 copies the
    /// input's dimension at that position (unless `allowzero` = 1, where 0 is a real zero size), and
    /// one −1 is inferred from the element count.
    static let lowerReshape: Lowering = { ctx in
        try ctx.requireInputs(1)
        let s = try ctx.shape(0)
        guard let target = try ShapeOpArguments.ints(ctx, attribute: "shape", input: 1) else {
            throw ctx.error("missing the target shape (input 1)")
        }
        let allowZero = try ctx.int("allowzero", default: 0) != 0
        if allowZero && target.contains(0) && target.contains(-1) {
            throw ctx.error("shape \(target) has both 0 and −1, which allowzero = 1 forbids")
        }
        var result = [Int]()
        var inferred: Int?
        for (i, d) in target.enumerated() {
            switch d {
            case 0 where !allowZero:
                guard i < s.count else {
                    throw ctx.error("shape \(target) copies dimension \(i) (a 0), but the input \(s) has rank \(s.count)")
                }
                result.append(s[i])
            case -1:
                guard inferred == nil else { throw ctx.error("shape \(target) has more than one −1") }
                inferred = i
                result.append(1)
            case ..<0:
                throw ctx.error("shape \(target) has an invalid dimension \(d)")
            default:
                result.append(d)
            }
        }
        let total = Shape.count(s)
        if let i = inferred {
            let known = Shape.count(result)
            guard known > 0, total % known == 0 else {
                throw ctx.error("cannot reshape \(s) (\(total) elements) to \(target): the −1 cannot be inferred")
            }
            result[i] = total / known
        }
        guard Shape.count(result) == total else {
            throw ctx.error("cannot reshape \(s) (\(total) elements) to \(target) (\(Shape.count(result)) elements)")
        }
        return .op(try Reshape(kind: "Reshape", inputShape: s, resultShape: result), operands: [0])
    }

    /// Squeeze: removes the listed size-1 axes (attribute before opset 13, input 1 from 13), or every
    /// size-1 axis when none are listed (an empty list counts as none, as in ONNX runtimes).
    static let lowerSqueeze: Lowering = { ctx in
        try ctx.requireInputs(1)
        let s = try ctx.shape(0)
        let result: [Int]
        if let given = try ShapeOpArguments.ints(ctx, attribute: "axes", input: 1), !given.isEmpty {
            let axes = try ShapeOpArguments.axes(given, rank: s.count, ctx)
            for a in axes where s[a] != 1 {
                throw ctx.error("cannot squeeze axis \(a) of size \(s[a]) (input shape \(s))")
            }
            result = s.indices.filter { !axes.contains($0) }.map { s[$0] }
        } else {
            result = s.filter { $0 != 1 }
        }
        return .op(try Reshape(kind: "Squeeze", inputShape: s, resultShape: result), operands: [0])
    }

    /// Unsqueeze: inserts size-1 axes at the listed positions of the result (attribute before
    /// opset 13, input 1 from 13); negative axes count from the end of the result.
    static let lowerUnsqueeze: Lowering = { ctx in
        try ctx.requireInputs(1)
        let s = try ctx.shape(0)
        guard let given = try ShapeOpArguments.ints(ctx, attribute: "axes", input: 1) else {
            throw ctx.error("missing axes (attribute 'axes' or input 1)")
        }
        let rank = s.count + given.count
        let axes = Set(try ShapeOpArguments.axes(given, rank: rank, ctx))
        var rest = s.makeIterator()
        let result = (0..<rank).map { axes.contains($0) ? 1 : rest.next()! }
        return .op(try Reshape(kind: "Unsqueeze", inputShape: s, resultShape: result), operands: [0])
    }
}
