/// ONNX ops that move elements through a fixed index map: Transpose, Slice, Gather (constant
/// indices) and Expand all lower to an `IndexSelect` whose map is computed here, once.
extension ShapeOperators {
    /// Transpose: result dimension k is input dimension perm[k]; default perm reverses the axes.
    static let lowerTranspose: Lowering = { ctx in
        try ctx.requireInputs(1)
        let s = try ctx.shape(0)
        let perm = try ctx.ints("perm", default: Array(s.indices.reversed()))
        guard perm.sorted() == Array(s.indices) else {
            throw ctx.error("perm \(perm) is not a permutation of the \(s.count) axes of \(s)")
        }
        let groups = perm.map { d in ShapeOpArguments.offsets(Array(0..<s[d]), dimension: d, of: s) }
        return .op(IndexSelect(kind: "Transpose", inputShape: s, resultShape: perm.map { s[$0] },
                               offsetGroups: groups), operands: [0])
    }

    /// Slice: starts/ends/axes/steps from inputs 1–4 (opset ≥ 10) or attributes (before). Negative
    /// starts and ends count from the end; then they are clamped to [0, d] for positive steps and to
    /// [0, d−1] / [−1, d−1] for negative steps, as ONNX specifies.
    static let lowerSlice: Lowering = { ctx in
        try ctx.requireInputs(1)
        let s = try ctx.shape(0)
        guard let starts = try ShapeOpArguments.sliceInts(ctx, attribute: "starts", input: 1),
              let ends = try ShapeOpArguments.sliceInts(ctx, attribute: "ends", input: 2) else {
            throw ctx.error("missing starts or ends")
        }
        guard starts.count == ends.count else {
            throw ctx.error("starts has \(starts.count) values but ends has \(ends.count)")
        }
        let givenAxes = try ShapeOpArguments.ints(ctx, attribute: "axes", input: 3) ?? Array(0..<starts.count)
        let steps = try ShapeOpArguments.sliceInts(ctx, attribute: "steps", input: 4) ?? Array(repeating: 1, count: starts.count)
        guard givenAxes.count == starts.count, steps.count == starts.count else {
            throw ctx.error("starts, ends, axes and steps must have the same length (\(starts.count), \(ends.count), \(givenAxes.count), \(steps.count))")
        }
        let axes = try ShapeOpArguments.axes(givenAxes, rank: s.count, ctx)
        var selected = s.map { Array(0..<$0) }
        for (i, axis) in axes.enumerated() {
            let d = s[axis], step = steps[i]
            guard step != 0 else { throw ctx.error("step for axis \(axis) is 0") }
            var start = starts[i], end = ends[i]
            if start < 0 { start += d }
            if end < 0 { end += d }
            if step > 0 {
                start = min(max(start, 0), d)
                end = min(max(end, 0), d)
                selected[axis] = start < end ? Array(stride(from: start, to: end, by: step)) : []
            } else {
                start = min(max(start, 0), d - 1)
                end = min(max(end, -1), d - 1)
                selected[axis] = start > end ? Array(stride(from: start, to: end, by: step)) : []
            }
        }
        let groups = selected.indices.map { ShapeOpArguments.offsets(selected[$0], dimension: $0, of: s) }
        return .op(IndexSelect(kind: "Slice", inputShape: s, resultShape: selected.map(\.count),
                               offsetGroups: groups), operands: [0])
    }

    /// Gather: constant indices (any rank, negative counting from the end) along `axis`; the result
    /// shape is `s[..<axis] + indices.shape + s[(axis+1)...]`.
    static let lowerGather: Lowering = { ctx in
        try ctx.requireInputs(2)
        let s = try ctx.shape(0)
        guard !s.isEmpty else { throw ctx.error("cannot gather from a scalar") }
        let axis = try ctx.axis(ctx.int("axis", default: 0), rank: s.count)
        let indexTensor = try ctx.constant(1, what: "indices")
        let d = s[axis]
        let indices = try ctx.constantInts(1, what: "indices").map { i in
            guard (-d..<d).contains(i) else { throw ctx.error("index \(i) is out of range for axis \(axis) of size \(d)") }
            return i < 0 ? i + d : i
        }
        var groups = (0..<axis).map { k in ShapeOpArguments.offsets(Array(0..<s[k]), dimension: k, of: s) }
        groups.append(ShapeOpArguments.offsets(indices, dimension: axis, of: s))
        groups += ((axis + 1)..<s.count).map { k in ShapeOpArguments.offsets(Array(0..<s[k]), dimension: k, of: s) }
        let result = Array(s[..<axis]) + indexTensor.shape + Array(s[(axis + 1)...])
        return .op(IndexSelect(kind: "Gather", inputShape: s, resultShape: result, offsetGroups: groups), operands: [0])
    }

    /// Expand: broadcasts the input and the constant shape both ways (the result may be smaller than
    /// the given shape where the input is larger).
    static let lowerExpand: Lowering = { ctx in
        try ctx.requireInputs(2)
        let s = try ctx.shape(0)
        let target = try ctx.constantInts(1, what: "shape")
        if let bad = target.first(where: { $0 < 0 }) { throw ctx.error("shape \(target) has a negative dimension \(bad)") }
        guard let result = Shape.broadcast(s, target) else {
            throw ctx.error("cannot expand shape \(s) to \(target)")
        }
        return .op(IndexSelect(kind: "Expand", inputShape: s, resultShape: result,
                               sourceIndex: Shape.broadcastIndices(from: s, to: result)), operands: [0])
    }

    /// Concat: variable inputs stay operands, constant ones are baked in as pieces. With no variable
    /// input every input is an operand and the builder folds the node.
    static let lowerConcat: Lowering = { ctx in
        try ctx.requireInputs(1)
        let present = (0..<ctx.inputCount).filter(ctx.has)
        let rank = try ctx.shape(present[0]).count
        let axis = try ctx.axis(ctx.int("axis"), rank: rank)
        let allConstant = present.allSatisfy(ctx.isConstant)
        var pieces = [Concat.Piece]()
        var operands = [Int]()
        for i in present {
            if ctx.isConstant(i) && !allConstant {
                pieces.append(.constant(try ctx.constant(i)))
            } else {
                pieces.append(.operand(shape: try ctx.shape(i)))
                operands.append(i)
            }
        }
        return .op(try Concat(axis: axis, pieces: pieces), operands: operands)
    }
}
