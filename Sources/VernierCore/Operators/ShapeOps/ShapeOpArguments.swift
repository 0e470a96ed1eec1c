/// Reading the integer arguments of shape operators, which ONNX moved from attributes to constant
/// inputs over opsets (Reshape's shape, Squeeze/Unsqueeze axes, Slice starts/ends/axes/steps).
enum ShapeOpArguments {
    /// Largest magnitude kept for slice bounds. Exporters write INT64_MAX / INT64_MIN for "to the
    /// end"; any value this large is clamped by the slicing rules anyway, and clamping it first keeps
    /// the arithmetic inside `Int` (INT64_MAX is not exactly representable as a `Double`).
    static let sliceLimit = 1 << 62

    /// The integers of attribute `name` when present, else of constant input `index` when present,
    /// else nil. Accepting both forms in every opset reads files from any exporter version.
    static func ints(_ ctx: LoweringContext, attribute name: String, input index: Int) throws -> [Int]? {
        if ctx.hasAttribute(name) { return try ctx.ints(name) }
        if ctx.has(index) { return try ctx.constantInts(index, what: name) }
        return nil
    }

    /// Like `ints`, but values beyond ±2^62 (INT64_MAX-style sentinels) are clamped to ±2^62.
    static func sliceInts(_ ctx: LoweringContext, attribute name: String, input index: Int) throws -> [Int]? {
        if ctx.hasAttribute(name) { return try ctx.ints(name).map { min(max($0, -sliceLimit), sliceLimit) } }
        guard ctx.has(index) else { return nil }
        return try ctx.constant(index, what: name).data.map { v in
            guard v.rounded() == v else { throw ctx.error("\(name) must hold integers, found \(v)") }
            if v >= Double(sliceLimit) { return sliceLimit }
            if v <= -Double(sliceLimit) { return -sliceLimit }
            return Int(v)
        }
    }

    /// Normalises axes against `rank`, rejecting out-of-range and repeated axes.
    static func axes(_ axes: [Int], rank: Int, _ ctx: LoweringContext) throws -> [Int] {
        var seen = Set<Int>()
        return try axes.map { a in
            let n = a < 0 ? a + rank : a
            guard (0..<rank).contains(n) else { throw ctx.error("axis \(a) is out of range for rank \(rank)") }
            guard seen.insert(n).inserted else { throw ctx.error("axis \(a) is repeated") }
            return n
        }
    }

    /// Row-major flat offsets of stepping dimension `d` of `shape` through `indices`.
    static func offsets(_ indices: [Int], dimension d: Int, of shape: [Int]) -> [Int] {
        let stride = Shape.strides(shape)[d]
        return indices.map { $0 * stride }
    }
}
