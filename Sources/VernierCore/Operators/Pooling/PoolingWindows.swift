/// The windows of a pool over one `[spatial...]` plane, precomputed at lowering.
///
/// Window `p` (row-major over the output positions) covers the input positions
/// `sources[offsets[p] ..< offsets[p + 1]]`, in kernel-tap order, padding taps left out. Every
/// evaluation of the window (forward, gradient, interval bounds) walks it in this same order.
struct PoolingWindows: Sendable {
    let inputSpatial: [Int]
    let outputSpatial: [Int]
    let offsets: [Int32]
    let sources: [Int32]
    /// Taps inside the padded input `[−padBegin, input + padEnd)` on every axis (the
    /// `count_include_pad` divisor, as onnxruntime computes it).
    let paddedCounts: [Int]

    init(axes: [WindowAxis]) {
        inputSpatial = axes.map(\.input)
        outputSpatial = axes.map(\.output)
        let plane = Shape.count(outputSpatial)
        let taps = Shape.count(axes.map(\.kernel))
        let gather = WindowMaps.gatherMap(axes)
        var offsets = [Int32](repeating: 0, count: plane + 1)
        var sources = [Int32]()
        sources.reserveCapacity(taps * plane)
        for p in 0..<plane {
            for t in 0..<taps where gather[t * plane + p] >= 0 { sources.append(gather[t * plane + p]) }
            offsets[p + 1] = Int32(sources.count)
        }
        self.offsets = offsets
        self.sources = sources
        var counts = [Int](repeating: 1, count: plane)
        var p = 0
        WindowMaps.forEachIndex(outputSpatial) { o in
            for (d, axis) in axes.enumerated() {
                let limit = axis.input + axis.padBegin + axis.padEnd
                // Taps t with 0 <= o·stride + t·dilation < limit (coordinates shifted by padBegin).
                let first = o[d] * axis.stride
                var inside = 0
                for t in 0..<axis.kernel where first + t * axis.dilation < limit { inside += 1 }
                counts[p] *= inside
            }
            p += 1
        }
        paddedCounts = counts
    }

    var inputPlane: Int { Shape.count(inputSpatial) }
    var outputPlane: Int { Shape.count(outputSpatial) }

    /// Index of the first window that covers only padding, if any.
    var firstEmptyWindow: Int? {
        (0..<outputPlane).first { offsets[$0] == offsets[$0 + 1] }
    }

    /// Result shape of a pool over an operand of shape `[..., C] + inputSpatial`.
    func resultShape(_ shape: [Int]) -> [Int] {
        Array(shape.dropLast(inputSpatial.count)) + outputSpatial
    }

    /// Checks a per-sample operand shape `[N, C] + inputSpatial`.
    func validate(_ inputShapes: [[Int]], kind: String) throws -> [Int] {
        let r = inputSpatial.count
        guard inputShapes.count == 1, inputShapes[0].count == r + 2, Array(inputShapes[0].suffix(r)) == inputSpatial else {
            throw ShapeError("\(kind) was built for an input [N, C] + \(inputSpatial), got \(inputShapes)")
        }
        return resultShape(inputShapes[0])
    }
}
