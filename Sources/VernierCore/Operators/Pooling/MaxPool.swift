/// ONNX `MaxPool`: the maximum over each window, padding ignored (as if it held −∞).
///
/// The optional `Indices` output is not computed (the graph builder reports any use of it).
public struct MaxPool: Operator {
    let windows: PoolingWindows

    init(windows: PoolingWindows) { self.windows = windows }

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
        let inPlane = windows.inputPlane, outPlane = windows.outputPlane
        let planes = inPlane == 0 ? 0 : x.count / inPlane
        var y = [Double](repeating: 0, count: planes * outPlane)
        x.withUnsafeBufferPointer { xp in
            windows.offsets.withUnsafeBufferPointer { op in
                windows.sources.withUnsafeBufferPointer { sp in
                    y.withUnsafeMutableBufferPointer { yp in
                        for plane in 0..<planes {
                            let base = plane * inPlane
                            for p in 0..<outPlane {
                                let start = Int(op[p]), end = Int(op[p + 1])
                                var best = xp[base + Int(sp[start])]
                                for i in (start + 1)..<max(start + 1, end) {
                                    let v = xp[base + Int(sp[i])]
                                    if larger(v, best) { best = v }
                                }
                                yp[plane * outPlane + p] = best
                            }
                        }
                    }
                }
            }
        }
        return y
    }

    /// The gradient flows to the first maximal element of each window.
    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let x = inputs[0]
        let inPlane = windows.inputPlane, outPlane = windows.outputPlane
        let planes = inPlane == 0 ? 0 : x.count / inPlane
        var dx = [Double](repeating: 0, count: x.count)
        for plane in 0..<planes {
            let base = plane * inPlane
            for p in 0..<outPlane {
                let start = Int(windows.offsets[p]), end = Int(windows.offsets[p + 1])
                var bestIndex = base + Int(windows.sources[start])
                for i in (start + 1)..<max(start + 1, end) {
                    let j = base + Int(windows.sources[i])
                    if x.data[j] > x.data[bestIndex] { bestIndex = j }
                }
                dx[bestIndex] += outputGradient.data[plane * outPlane + p]
            }
        }
        return [Tensor(shape: x.shape, data: dx)]
    }
}
