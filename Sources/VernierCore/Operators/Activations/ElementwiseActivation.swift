/// The one operator for every `ScalarActivation`: applies f elementwise to a tensor of any shape.
///
/// Forward maps `value` over the batch; backward multiplies the output gradient by `derivative`
/// (the vector–Jacobian product of a diagonal Jacobian). Bound capabilities are added generically
/// in VernierBounds from the activation's declared facts, so a new activation needs no operator code.
public struct ElementwiseActivation<Activation: ScalarActivation>: ActivationOperator {
    public let activation: Activation

    public init(_ activation: Activation) { self.activation = activation }

    public var kind: String { activation.name }
    public var scalarActivation: any ScalarActivation { activation }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        guard inputShapes.count == 1 else {
            throw ShapeError("\(kind) takes one operand, got \(inputShapes.count)")
        }
        return inputShapes[0]
    }

    public func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor {
        let x = inputs[0]
        let f = activation
        return Tensor(shape: x.shape, data: x.data.map { f.value($0) })
    }

    public func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
        let x = inputs[0].data, g = outputGradient.data
        let f = activation
        var dx = [Double](repeating: 0, count: x.count)
        for i in x.indices { dx[i] = g[i] * f.derivative(x[i]) }
        return [Tensor(shape: inputs[0].shape, data: dx)]
    }
}

/// An operator that applies a scalar activation elementwise; lets bound engines and rewrites reach
/// the activation's facts through `any Operator` without knowing the concrete type.
public protocol ActivationOperator: Operator {
    var scalarActivation: any ScalarActivation { get }
}
