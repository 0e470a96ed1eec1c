/// ONNX `Split`: one `IndexSelect` per output, each taking a consecutive block along `axis`.
/// Sizes come from the `split` input (opset ≥ 13), the `split` attribute (before), or equal parts
/// (`num_outputs` in opset ≥ 18, else the node's output count), the last part taking the remainder.
extension ShapeOperators {
    static let lowerSplit: Lowering = { ctx in
        try ctx.requireInputs(1)
        let s = try ctx.shape(0)
        guard !s.isEmpty else { throw ctx.error("cannot split a scalar") }
        let axis = try ctx.axis(ctx.int("axis", default: 0), rank: s.count)
        let outputs = ctx.node.outputs.count
        let d = s[axis]
        var sizes: [Int]
        if ctx.has(1) {
            sizes = try ctx.constantInts(1, what: "split")
        } else if ctx.hasAttribute("split") {
            sizes = try ctx.ints("split")
        } else {
            let parts = try ctx.int("num_outputs", default: outputs)
            guard parts > 0 else { throw ctx.error("num_outputs must be positive") }
            let chunk = (d + parts - 1) / parts
            sizes = (0..<parts).map { min(chunk, max(0, d - $0 * chunk)) }
        }
        guard sizes.count == outputs else {
            throw ctx.error("splits into \(sizes.count) parts but has \(outputs) outputs")
        }
        guard sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(0, +) == d else {
            throw ctx.error("split sizes \(sizes) do not add up to the axis size \(d)")
        }
        let strides = Shape.strides(s)
        var parts = [Lowered]()
        var start = 0
        for size in sizes {
            var result = s
            result[axis] = size
            // One offset group per dimension: the split axis is shifted by `start`.
            let groups = s.indices.map { k in
                k == axis ? (0..<size).map { ($0 + start) * strides[k] } : (0..<s[k]).map { $0 * strides[k] }
            }
            parts.append(.op(IndexSelect(kind: "Split", inputShape: s, resultShape: result, offsetGroups: groups), operands: [0]))
            start += size
        }
        return .outputs(parts)
    }
}
