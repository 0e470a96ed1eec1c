/// Parametric ReLU: `x` where `x ≥ 0`, `slope · x` elsewhere (ONNX PRelu), with a constant slope
/// tensor that broadcasts to `x` (one way: the result has the shape of `x`; e.g. a per-channel
/// slope `[C, 1, 1]` for `x` of shape `[N, C, H, W]`).
public struct PRelu: Operator {
    /// The slope as given (unbatched).
    public let slope: Tensor
    /// Per-sample shape of `x` (and of the result).
    public let inputShape: [Int]
    /// The slope expanded to one value per element of a sample.
    public let expandedSlope: [Double]

    public init(slope: Tensor, inputShape: [Int]) throws {
        guard Shape.broadcast(inputShape, slope.shape) == inputShape else {
            throw ShapeError("slope of shape \(slope.shape) does not broadcast to the input shape \(inputShape)")
        }
        self.slope = slope
        self.inputShape = inputShape
        expandedSlope = Shape.broadcastIndices(from: slope.shape, to: inputShape).map { slope.data[$0] }
    }

    public var kind: String { "PRelu" }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        guard inputShapes == [inputShape] else {
            throw ShapeError("PRelu expects one operand of shape \(inputShape), got \(inputShapes)")
        }
        return inputShape
    }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        let x = inputs[0]
        let n = expandedSlope.count
        var out = x.data
        expandedSlope.withUnsafeBufferPointer { ps in
            out.withUnsafeMutableBufferPointer { po in
                for i in 0..<po.count where po[i] < 0 { po[i] *= ps[i % n] }
            }
        }
        return Tensor(shape: x.shape, data: out)
    }

    /// 1 for x ≥ 0 and the slope for x < 0 (at 0 this picks the right-hand derivative, an element
    /// of the Clarke gradient).
    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let x = inputs[0].data
        let n = expandedSlope.count
        var g = outputGradient.data
        for i in g.indices where x[i] < 0 { g[i] *= expandedSlope[i % n] }
        return [Tensor(shape: inputs[0].shape, data: g)]
    }
}
