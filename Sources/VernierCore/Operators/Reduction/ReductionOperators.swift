/// Lowerings of the Reduction operator family (see `OperatorRegistry`): `ReduceSum`, `ReduceMean`,
/// `ReduceMax`, `ReduceMin`, `Softmax` and `LogSoftmax`.
public enum ReductionOperators {
    public static let lowerings: [String: Lowering] = [
        "ReduceSum": lowerReduce(.sum),
        "ReduceMean": lowerReduce(.mean),
        "ReduceMax": lowerReduce(.max),
        "ReduceMin": lowerReduce(.min),
        "Softmax": lowerSoftmax(log: false),
        "LogSoftmax": lowerSoftmax(log: true),
    ]

    /// `axes` is an attribute in older opsets and an optional constant input in newer ones
    /// (ReduceSum from 13, the others from 18); either form is read. No axes means every axis,
    /// or the identity when `noop_with_empty_axes = 1`. `keepdims` defaults to 1.
    static func lowerReduce(_ mode: Reduction.Mode) -> Lowering {
        { context in
            try context.requireInputs(1)
            let shape = try context.shape(0)
            let keepDims = try context.int("keepdims", default: 1) != 0
            let noop = try context.int("noop_with_empty_axes", default: 0) != 0
            var axes = context.hasAttribute("axes") ? try context.ints("axes") : nil
            if context.has(1) {
                guard axes == nil else {
                    throw context.error("axes are given both as an attribute and as input 1")
                }
                axes = try context.constantInts(1, what: "axes")
            }
            var list = axes ?? []
            if list.isEmpty {
                if noop { return .alias(0) }
                list = Array(0..<shape.count)
            }
            let normalized = try list.map { try context.axis($0, rank: shape.count) }
            guard Set(normalized).count == normalized.count else {
                throw context.error("axes \(list) repeat an axis")
            }
            return .op(Reduction(mode, inputShape: shape, axes: normalized, keepDims: keepDims), operands: [0])
        }
    }

    /// `axis` defaults to −1 from opset 13 (one axis) and to 1 before (coerce to 2-D at `axis`).
    static func lowerSoftmax(log: Bool) -> Lowering {
        { context in
            try context.requireInputs(1)
            let shape = try context.shape(0)
            guard !shape.isEmpty else { throw context.error("expects an input of rank >= 1, got a scalar") }
            let legacy = context.opset < 13
            let axis = try context.axis(try context.int("axis", default: legacy ? 1 : -1), rank: shape.count)
            let groups = SoftmaxGroups(inputShape: shape, axis: axis, coercedTo2D: legacy)
            return .op(log ? LogSoftmax(groups: groups) as any Operator : Softmax(groups: groups), operands: [0])
        }
    }
}
