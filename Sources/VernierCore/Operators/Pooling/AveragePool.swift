/// ONNX `AveragePool`: the mean over each window, `sum / divisor`.
///
/// The divisor is the number of taps inside the padded input (`count_include_pad = 1`) or inside
/// the input proper (`count_include_pad = 0`); a window that covers only padding yields 0, as in
/// onnxruntime.
public struct AveragePool: Operator {
    let windows: PoolingWindows
    public let countIncludePad: Bool
    /// Per output position.
    public let divisors: [Double]

    init(windows: PoolingWindows, countIncludePad: Bool) {
        self.windows = windows
        self.countIncludePad = countIncludePad
        divisors = (0..<windows.outputPlane).map { p in
            let valid = Int(windows.offsets[p + 1] - windows.offsets[p])
            return Double(max(1, countIncludePad ? windows.paddedCounts[p] : valid))
        }
    }

    public var kind: String { "AveragePool" }
    public var inputSpatial: [Int] { windows.inputSpatial }
    public var outputSpatial: [Int] { windows.outputSpatial }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        try windows.validate(inputShapes, kind: kind)
    }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        let x = inputs[0]
        let sums = windowSums(x.data) { s, v in s + v }
        var y = sums
        let outPlane = windows.outputPlane
        for i in y.indices { y[i] = sums[i] / divisors[i % outPlane] }
        return Tensor(shape: windows.resultShape(x.shape), data: y)
    }

    /// Sums every window of every plane of `x` in window order, starting from 0 and combining with
    /// `add` (plain `+` for evaluation, outward-rounded additions for interval bounds).
    package func windowSums(_ x: [Double], add: (Double, Double) -> Double) -> [Double] {
        windows.reduceWindows(x) { value, n in
            var s = 0.0
            for i in 0..<n { s = add(s, value(i)) }
            return s
        }
    }

    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let x = inputs[0]
        var dx = [Double](repeating: 0, count: x.count)
        windows.forEachWindow(count: x.count) { base, p, out, taps in
            let g = outputGradient.data[out] / divisors[p]
            for i in taps { dx[base + Int(windows.sources[i])] += g }
        }
        return [Tensor(shape: x.shape, data: dx)]
    }
}
