import Foundation
import VernierCore

/// A feed-forward network (a chain of `TrainingLayer`s ending in a dense layer with one output per
/// class) with its parameters in one flat vector, so an optimiser treats it as a single array.
public struct TrainingNetwork: Sendable {
    /// Per-sample input shape: `[n]` or `[C, H, W]`.
    public let inputShape: [Int]
    public let classes: Int
    /// The hidden layers as configured (the final dense layer is implicit).
    public let hidden: [LayerSpec]
    let layers: [TrainingLayer]
    public var parameters: [Double]

    public var inputCount: Int { Shape.count(inputShape) }

    /// Builds the layer chain and draws the initial weights (uniform, scaled by the fan-in so
    /// activations neither vanish nor explode at the start).
    public init(inputShape: [Int], hidden: [LayerSpec], classes: Int, seed: UInt64) throws {
        guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 > 0 }), inputShape.count == 1 || inputShape.count == 3 else {
            throw SoundnessError("input shape \(inputShape) must be [n] or [C, H, W] with positive sizes")
        }
        guard classes >= 2 else { throw SoundnessError("a classifier needs at least 2 classes (got \(classes))") }
        var layers = [TrainingLayer]()
        var shape = inputShape
        var offset = 0
        func add(_ kind: TrainingLayer.Kind, _ out: [Int]) {
            let layer = TrainingLayer(kind: kind, inputShape: shape, outputShape: out, offset: offset)
            offset += layer.parameterCount
            layers.append(layer)
            shape = out
        }
        for spec in hidden + [.dense(units: classes)] {
            switch spec {
            case .dense(let n): add(.dense(inputs: Shape.count(shape), outputs: n), [n])
            case .gate(let n): add(.gate(inputs: Shape.count(shape), outputs: n), [n])
            case .activation(let a): add(.activation(a), shape)
            case .conv(let c, let k, let s, let p):
                guard shape.count == 3 else { throw SoundnessError("layer '\(spec.text)' needs a [C, H, W] input, got \(shape)") }
                let oh = (shape[1] + 2 * p - k) / s + 1, ow = (shape[2] + 2 * p - k) / s + 1
                guard shape[1] + 2 * p >= k, shape[2] + 2 * p >= k, oh > 0, ow > 0, p < k else {
                    throw SoundnessError("layer '\(spec.text)' does not fit its input \(shape)")
                }
                add(.conv(channels: c, kernel: k, stride: s, padding: p), [c, oh, ow])
            case .averagePool(let k):
                guard shape.count == 3 else { throw SoundnessError("layer '\(spec.text)' needs a [C, H, W] input, got \(shape)") }
                guard shape[1] >= k, shape[2] >= k else { throw SoundnessError("layer '\(spec.text)' does not fit its input \(shape)") }
                add(.averagePool(kernel: k), [shape[0], shape[1] / k, shape[2] / k])
            }
        }
        self.inputShape = inputShape
        self.classes = classes
        self.hidden = hidden
        self.layers = layers
        var rng = SeededRandom.derived(seed, 0x1417)
        var p = [Double](repeating: 0, count: offset)
        for layer in layers {
            let fanIn: Int
            let weights: Int
            switch layer.kind {
            case .dense(let i, let o): (fanIn, weights) = (i, o * i)
            case .gate(let i, let o): (fanIn, weights) = (i, o * i)
            case .conv(let c, let k, _, _): (fanIn, weights) = (layer.inputShape[0] * k * k, c * layer.inputShape[0] * k * k)
            case .averagePool, .activation: continue
            }
            let limit = (6 / Double(fanIn)).squareRoot()
            for k in 0..<weights { p[layer.offset + k] = rng.uniform(-limit, limit) }
            if case .gate(let i, let o) = layer.kind {
                // Second branch of the gate: start near 1 so the block begins close to linear.
                let at = layer.offset + o * i + o
                for k in 0..<(o * i) { p[at + k] = rng.uniform(-limit, limit) * 0.5 }
                for k in 0..<o { p[at + o * i + k] = 1 }
            }
        }
        parameters = p
    }

    /// The activations of one batched forward pass: `values[l]` is the input of layer `l`, the last
    /// entry the logits.
    struct Trace {
        var values: [[Double]]
        var caches: [TrainingLayer.Cache]
        var batch: Int
        var logits: [Double] { values[values.count - 1] }
    }

    func trace(_ x: [Double], batch: Int) -> Trace {
        var values = [x]
        var caches = [TrainingLayer.Cache]()
        values.reserveCapacity(layers.count + 1)
        for layer in layers {
            let (y, cache) = layer.forward(values[values.count - 1], batch: batch, parameters: parameters)
            values.append(y)
            caches.append(cache)
        }
        return Trace(values: values, caches: caches, batch: batch)
    }

    /// Logits for a batch of samples laid out row-major.
    public func logits(_ x: [Double], batch: Int) -> [Double] { trace(x, batch: batch).logits }

    /// Backpropagates `logitGradient` through the trace: the gradient with respect to the
    /// parameters and with respect to the inputs.
    func backward(_ t: Trace, logitGradient: [Double]) -> (parameters: [Double], input: [Double]) {
        var dp = [Double](repeating: 0, count: parameters.count)
        var g = logitGradient
        for l in layers.indices.reversed() {
            g = layers[l].backward(t.values[l], cache: t.caches[l], outputGradient: g, batch: t.batch,
                                   parameters: parameters, into: &dp)
        }
        return (dp, g)
    }

    /// Every parameter rounded to the nearest float32, the precision the ONNX export stores, so the
    /// network the generator checks is exactly the one it writes.
    mutating func roundToFloat32() {
        for k in parameters.indices { parameters[k] = Double(Float(parameters[k])) }
    }
}
