/// Lowerings of the Pooling operator family (see `OperatorRegistry`).
///
/// `MaxPool` and `AveragePool` precompute their windows; the global pools are reductions over the
/// spatial axes (`Reduction` with `keepdims`), named after the ONNX op in messages.
public enum PoolingOperators {
    public static let lowerings: [String: Lowering] = [
        "MaxPool": lowerMaxPool,
        "AveragePool": lowerAveragePool,
        "GlobalAveragePool": lowerGlobal(.mean, kind: "GlobalAveragePool"),
        "GlobalMaxPool": lowerGlobal(.max, kind: "GlobalMaxPool"),
    ]

    /// ONNX `MaxPool` (`kernel_shape`, `strides`, `pads`, `dilations`, `auto_pad`, `ceil_mode`;
    /// `storage_order` only affects the unsupported `Indices` output).
    @Sendable static func lowerMaxPool(_ context: LoweringContext) throws -> Lowered {
        let windows = try poolingWindows(context)
        if let p = windows.firstEmptyWindow {
            throw context.error("pooling window \(p) covers only padding; reduce the pads")
        }
        return .op(MaxPool(windows: windows), operands: [0])
    }

    /// ONNX `AveragePool` (as MaxPool, plus `count_include_pad`).
    @Sendable static func lowerAveragePool(_ context: LoweringContext) throws -> Lowered {
        let windows = try poolingWindows(context)
        let includePad = try context.int("count_include_pad", default: 0) != 0
        return .op(AveragePool(windows: windows, countIncludePad: includePad), operands: [0])
    }

    /// The windows of a MaxPool/AveragePool node over its operand `[N, C, spatial...]`.
    private static func poolingWindows(_ context: LoweringContext) throws -> PoolingWindows {
        try context.requireInputs(1)
        let x = try context.shape(0)
        let kernel = try context.ints("kernel_shape")
        guard x.count >= 3, kernel.count == x.count - 2 else {
            throw context.error("kernel_shape \(kernel) does not fit an input of shape \(x) ([N, C, spatial...])")
        }
        let attributes = try WindowAttributes(context, kernel: kernel)
        if attributes.autoPad == .notSet {
            let r = kernel.count
            for d in 0..<r where attributes.pads[d] >= kernel[d] || attributes.pads[d + r] >= kernel[d] {
                throw context.error("pads \(attributes.pads) must be smaller than the kernel \(kernel)")
            }
        }
        let ceilMode = try context.int("ceil_mode", default: 0) != 0
        let axes = try attributes.poolingAxes(input: Array(x.dropFirst(2)), ceilMode: ceilMode)
        return PoolingWindows(axes: axes)
    }

    /// `GlobalAveragePool` / `GlobalMaxPool`: reduce every spatial axis, keeping it with size 1.
    static func lowerGlobal(_ mode: Reduction.Mode, kind: String) -> Lowering {
        { context in
            try context.requireInputs(1)
            let x = try context.shape(0)
            guard x.count >= 3 else {
                throw context.error("expects an input of shape [N, C, spatial...], got \(x)")
            }
            let op = Reduction(mode, inputShape: x, axes: Array(2..<x.count), keepDims: true, kind: kind)
            return .op(op, operands: [0])
        }
    }
}
