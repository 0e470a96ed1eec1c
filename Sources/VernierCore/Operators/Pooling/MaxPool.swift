/// ONNX `MaxPool`: the maximum over each window, padding ignored (as if it held −∞).
///
/// The optional `Indices` output is not computed (the graph builder reports any use of it).
public struct MaxPool: Operator {
    let windows: PoolingWindows

    init(windows: PoolingWindows) { self.windows = windows }

    /// Window membership within one plane, for bound engines: the inputs of output position p are
    /// the in-plane offsets `windowSources[windowOffsets[p] ..< windowOffsets[p + 1]]`.
    package var windowOffsets: [Int32] { windows.offsets }
    package var windowSources: [Int32] { windows.sources }

    public var kind: String { "MaxPool" }
    public var inputSpatial: [Int] { windows.inputSpatial }
    public var outputSpatial: [Int] { windows.outputSpatial }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        try windows.validate(inputShapes, kind: kind)
    }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        let x = inputs[0]
        return Tensor(shape: windows.resultShape(x.shape), data: pool(x.data, larger: >))
    }

    /// The extreme of every window of every plane of `x` under the order `larger` (`>` for the
    /// maximum). Also used for interval bounds, where it is applied to each bound: a pure selection.
    package func pool(_ x: [Double], larger: (Double, Double) -> Bool) -> [Double] {
        windows.reduceWindows(x) { value, n in
            var best = value(0)
            for i in 1..<max(1, n) {
                let v = value(i)
                if larger(v, best) { best = v }
            }
            return best
        }
    }

    /// The gradient flows to the first maximal element of each window.
    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let x = inputs[0]
        var dx = [Double](repeating: 0, count: x.count)
        windows.forEachWindow(count: x.count) { base, _, out, taps in
            let start = taps.lowerBound
            var bestIndex = base + Int(windows.sources[start])
            for i in (start + 1)..<max(start + 1, taps.upperBound) {
                let j = base + Int(windows.sources[i])
                if x.data[j] > x.data[bestIndex] { bestIndex = j }
            }
            dx[bestIndex] += outputGradient.data[out]
        }
        return [Tensor(shape: x.shape, data: dx)]
    }
}
