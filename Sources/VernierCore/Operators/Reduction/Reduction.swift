/// A reduction over a fixed set of axes: ONNX `ReduceSum`, `ReduceMean`, `ReduceMax`, `ReduceMin`,
/// and the global pools.
///
/// The element → result index map is built once from the per-sample shape; every evaluation walks
/// the input in row-major order and combines each element into its result, so each result is
/// accumulated in one fixed order (the interval bounds rely on this to enclose the forward values).
public struct Reduction: Operator {
    public enum Mode: Sendable, Equatable {
        case sum, mean, max, min
    }

    public let mode: Mode
    public let kind: String
    public let inputShape: [Int]
    /// Normalised, sorted, distinct.
    public let axes: [Int]
    public let keepDims: Bool
    public let resultShape: [Int]
    /// Number of elements combined into each result.
    public let reducedCount: Int
    /// For every per-sample input element, the per-sample result element it contributes to.
    let target: [Int32]

    /// `axes` must be valid, non-negative and distinct for `inputShape`.
    public init(_ mode: Mode, inputShape: [Int], axes: [Int], keepDims: Bool, kind: String? = nil) {
        let axes = Array(Set(axes)).sorted()
        precondition(axes.allSatisfy { (0..<max(inputShape.count, 1)).contains($0) }, "Reduction: axes \(axes) out of range for \(inputShape)")
        self.mode = mode
        self.kind = kind ?? {
            switch mode {
            case .sum: "ReduceSum"
            case .mean: "ReduceMean"
            case .max: "ReduceMax"
            case .min: "ReduceMin"
            }
        }()
        self.inputShape = inputShape
        self.axes = axes
        self.keepDims = keepDims
        let reduced = Set(axes)
        var kept = [Int](), result = [Int]()
        for (d, size) in inputShape.enumerated() {
            if reduced.contains(d) {
                if keepDims { result.append(1) }
            } else {
                kept.append(d)
                result.append(size)
            }
        }
        resultShape = result
        reducedCount = axes.reduce(1) { $0 * (inputShape.isEmpty ? 1 : inputShape[$1]) }
        let keptStrides = Shape.strides(kept.map { inputShape[$0] })
        var target = [Int32]()
        target.reserveCapacity(Shape.count(inputShape))
        WindowMaps.forEachIndex(inputShape) { index in
            var flat = 0
            for (j, d) in kept.enumerated() { flat += index[d] * keptStrides[j] }
            target.append(Int32(flat))
        }
        self.target = target
    }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        guard inputShapes == [inputShape] else {
            throw ShapeError("\(kind) was built for an input of shape \(inputShape), got \(inputShapes)")
        }
        return resultShape
    }

    /// Combines every element of every sample of `x` into its result, in input order, starting
    /// from `initial`.
    package func accumulate(_ x: [Double], initial: Double, _ combine: (Double, Double) -> Double) -> [Double] {
        let inCount = target.count, outCount = Shape.count(resultShape)
        let samples = inCount == 0 ? 0 : x.count / inCount
        var y = [Double](repeating: initial, count: samples * outCount)
        x.withUnsafeBufferPointer { xp in
            target.withUnsafeBufferPointer { tp in
                y.withUnsafeMutableBufferPointer { yp in
                    for s in 0..<samples {
                        let xb = s * inCount, yb = s * outCount
                        for i in 0..<inCount {
                            let j = yb + Int(tp[i])
                            yp[j] = combine(yp[j], xp[xb + i])
                        }
                    }
                }
            }
        }
        return y
    }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        let x = inputs[0]
        let y: [Double]
        switch mode {
        case .sum: y = accumulate(x.data, initial: 0, +)
        case .mean:
            let n = Double(reducedCount)
            y = accumulate(x.data, initial: 0, +).map { $0 / n }
        case .max: y = accumulate(x.data, initial: -.infinity) { $1 > $0 ? $1 : $0 }
        case .min: y = accumulate(x.data, initial: .infinity) { $1 < $0 ? $1 : $0 }
        }
        return Tensor(shape: [x.batchSize] + resultShape, data: y)
    }

    /// Sum and mean spread the gradient evenly; max and min send it to the first extreme element.
    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let x = inputs[0]
        let inCount = target.count, outCount = Shape.count(resultShape)
        let samples = inCount == 0 ? 0 : x.count / inCount
        var dx = [Double](repeating: 0, count: x.count)
        let g = outputGradient.data
        switch mode {
        case .sum, .mean:
            let scale = mode == .mean ? 1 / Double(reducedCount) : 1
            for s in 0..<samples {
                for i in 0..<inCount { dx[s * inCount + i] = g[s * outCount + Int(target[i])] * scale }
            }
        case .max, .min:
            var taken = [Bool](repeating: false, count: outCount)
            for s in 0..<samples {
                for j in 0..<outCount { taken[j] = false }
                for i in 0..<inCount {
                    let j = Int(target[i])
                    if !taken[j], x.data[s * inCount + i] == output.data[s * outCount + j] {
                        taken[j] = true
                        dx[s * inCount + i] = g[s * outCount + j]
                    }
                }
            }
        }
        return [Tensor(shape: x.shape, data: dx)]
    }
}
