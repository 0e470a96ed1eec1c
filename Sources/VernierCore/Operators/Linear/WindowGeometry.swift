/// The ONNX `auto_pad` attribute of convolutions and pools.
enum AutoPad: String, Sendable {
    case notSet = "NOTSET"
    case sameUpper = "SAME_UPPER"
    case sameLower = "SAME_LOWER"
    case valid = "VALID"
}

/// Sliding-window geometry of one spatial axis: window `o` reads input coordinates
/// `o·stride − padBegin + t·dilation` for kernel taps `t = 0..<kernel` (coordinates outside
/// `0..<input` lie in the padding).
struct WindowAxis: Sendable, Equatable {
    var input: Int
    var kernel: Int
    var stride: Int
    var dilation: Int
    var padBegin: Int
    var padEnd: Int
    var output: Int

    /// Span of one window on the input, from its first to its last tap.
    var extent: Int { (kernel - 1) * dilation + 1 }

    /// Input coordinate read by tap `t` of window `o` (may lie in the padding).
    func source(window o: Int, tap t: Int) -> Int { o * stride - padBegin + t * dilation }
}

/// The window attributes shared by Conv, ConvTranspose, MaxPool and AveragePool, read from a node
/// and validated (`strides`, `dilations`, `pads`, `auto_pad`), for a kernel of known shape.
struct WindowAttributes: Sendable {
    var kernel: [Int]
    var strides: [Int]
    var dilations: [Int]
    /// `[x1_begin, x2_begin, ..., x1_end, x2_end, ...]` as in ONNX.
    var pads: [Int]
    var autoPad: AutoPad

    var rank: Int { kernel.count }

    init(_ context: LoweringContext, kernel: [Int]) throws {
        let r = kernel.count
        guard r >= 1, kernel.allSatisfy({ $0 >= 1 }) else {
            throw context.error("kernel shape \(kernel) must have at least one positive dimension")
        }
        self.kernel = kernel
        func list(_ name: String, count: Int, fill: Int, minimum: Int) throws -> [Int] {
            let v = try context.ints(name, default: [])
            if v.isEmpty { return [Int](repeating: fill, count: count) }
            guard v.count == count else {
                throw context.error("attribute '\(name)' has \(v.count) values, expected \(count) for a \(r)-D kernel")
            }
            guard v.allSatisfy({ $0 >= minimum }) else {
                throw context.error("attribute '\(name)' = \(v) must hold values >= \(minimum)")
            }
            return v
        }
        strides = try list("strides", count: r, fill: 1, minimum: 1)
        dilations = try list("dilations", count: r, fill: 1, minimum: 1)
        pads = try list("pads", count: 2 * r, fill: 0, minimum: 0)
        let mode = try context.string("auto_pad", default: "NOTSET")
        guard let autoPad = AutoPad(rawValue: mode.isEmpty ? "NOTSET" : mode) else {
            throw context.error("attribute 'auto_pad' = '\(mode)' is not NOTSET, SAME_UPPER, SAME_LOWER or VALID")
        }
        self.autoPad = autoPad
    }

    /// Axes of a convolution over an input with these spatial sizes (ONNX Conv output rule).
    func convolutionAxes(input: [Int]) throws -> [WindowAxis] {
        try axes(input: input, samePadExtent: \.extent, window: "the kernel") { axis, span in
            span / axis.stride + 1
        }
    }

    /// Axes of a pool over an input with these spatial sizes (ONNX MaxPool/AveragePool rule).
    ///
    /// `ceil_mode` rounds the window count up but drops a last window that would start in the
    /// end padding (ONNX ≥ 1.16 and onnxruntime ≥ 1.17, after onnx/onnx#5741). `auto_pad` SAME
    /// follows onnxruntime: the padding is computed from the undilated kernel.
    func poolingAxes(input: [Int], ceilMode: Bool) throws -> [WindowAxis] {
        try axes(input: input, samePadExtent: \.kernel, window: "the pooling window") { axis, span in
            guard ceilMode else { return span / axis.stride + 1 }
            var count = (span + axis.stride - 1) / axis.stride + 1
            if (count - 1) * axis.stride >= axis.input + axis.padBegin { count -= 1 }
            return count
        }
    }

    /// The axes over an input with these spatial sizes: padding from `pads` or `auto_pad`, then
    /// `windows(axis, span)` windows, where `span` (checked ≥ 0) is the padded input minus one
    /// window's extent.
    ///
    /// `auto_pad` SAME targets `ceil(input / stride)` windows; the padding needed for it, computed
    /// for a window of `samePadExtent` (the dilated extent for convolutions, the kernel for pools),
    /// is split evenly, the odd unit at the end (SAME_UPPER) or the beginning (SAME_LOWER).
    /// Division truncates toward zero like the C++ reference.
    private func axes(input: [Int], samePadExtent: KeyPath<WindowAxis, Int>, window: String,
                      windows: (WindowAxis, Int) -> Int) throws -> [WindowAxis] {
        try (0..<rank).map { d in
            var axis = WindowAxis(input: input[d], kernel: kernel[d], stride: strides[d], dilation: dilations[d],
                                  padBegin: pads[d], padEnd: pads[d + rank], output: 0)
            switch autoPad {
            case .notSet:
                break
            case .valid:
                axis.padBegin = 0; axis.padEnd = 0
            case .sameUpper, .sameLower:
                let target = (axis.input + axis.stride - 1) / axis.stride
                let needed = (target - 1) * axis.stride + axis[keyPath: samePadExtent] - axis.input
                axis.padBegin = autoPad == .sameLower ? (needed + 1) / 2 : needed / 2
                axis.padEnd = needed - axis.padBegin
            }
            let span = axis.input + axis.padBegin + axis.padEnd - axis.extent
            guard span >= 0 else {
                throw ShapeError("\(window) (extent \(axis.extent) on spatial axis \(d)) is larger than the padded input (\(axis.input + axis.padBegin + axis.padEnd))")
            }
            axis.output = windows(axis, span)
            return axis
        }
    }
}

/// Index maps between the flat spatial positions of a window operator, built once at lowering.
enum WindowMaps {
    /// For every kernel tap `t` (row-major over the kernel) and output position `p` (row-major over
    /// the output), entry `t·P + p` is the flat input position that tap reads, or −1 in the padding.
    static func gatherMap(_ axes: [WindowAxis]) -> [Int32] {
        tapMap(axes, positions: axes.map(\.output), targets: axes.map(\.input))
    }

    /// The transposed map (ConvTranspose, where `input` is the transposed convolution's input):
    /// for every tap `t` and input position `q`, entry `t·Q + q` is the flat output position that
    /// receives the contribution of `q` through tap `t`, or −1 when it falls outside the output.
    static func scatterMap(_ axes: [WindowAxis]) -> [Int32] {
        tapMap(axes, positions: axes.map(\.input), targets: axes.map(\.output))
    }

    /// Position `o` reaches target coordinate `o·stride − padBegin + t·dilation` on each axis.
    private static func tapMap(_ axes: [WindowAxis], positions: [Int], targets: [Int]) -> [Int32] {
        let taps = axes.map(\.kernel)
        let targetStrides = Shape.strides(targets)
        let positionCount = Shape.count(positions)
        var map = [Int32](repeating: -1, count: Shape.count(taps) * positionCount)
        var row = 0
        forEachIndex(taps) { tap in
            var p = 0
            forEachIndex(positions) { o in
                defer { p += 1 }
                var flat = 0
                for d in axes.indices {
                    let s = axes[d].source(window: o[d], tap: tap[d])
                    if s < 0 || s >= targets[d] { return }
                    flat += s * targetStrides[d]
                }
                map[row * positionCount + p] = Int32(flat)
            }
            row += 1
        }
        return map
    }

    /// Calls `body` with every multi-index of `shape` in row-major order (once with `[]` for rank 0).
    static func forEachIndex(_ shape: [Int], _ body: ([Int]) -> Void) {
        if shape.contains(0) { return }
        var index = [Int](repeating: 0, count: shape.count)
        while true {
            body(index)
            var d = shape.count - 1
            while d >= 0 {
                index[d] += 1
                if index[d] < shape[d] { break }
                index[d] = 0
                d -= 1
            }
            if d < 0 { return }
        }
    }
}
