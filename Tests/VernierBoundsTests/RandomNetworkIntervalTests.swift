import Testing
import VernierCore
import VernierBounds
import VernierTestSupport

/// IBP soundness on whole random networks of every activation: no sampled output (box vertices,
/// interior points and near-face points) may leave the interval bounds.
@Suite struct RandomNetworkIntervalTests {
    static let activations: [(String, [String: AttributeValue])] = [
        ("Relu", [:]), ("LeakyRelu", ["alpha": .float(0.1)]), ("Elu", [:]), ("Selu", [:]),
        ("Sigmoid", [:]), ("Tanh", [:]), ("Softplus", [:]), ("Softsign", [:]),
        ("Gelu", [:]), ("Gelu", ["approximate": .string("tanh")]), ("Mish", [:]), ("Silu", [:]),
        ("HardSigmoid", [:]), ("HardSwish", [:]), ("Abs", [:]), ("Sin", [:]), ("Cos", [:]),
    ]

    static func check(_ doc: ModelDocument, radius: Double, seed: UInt64, samples: Int = 3000) throws -> [String] {
        let graph = try GraphBuilder().build(doc)
        var rng = SeededGenerator(seed: seed)
        let center = rng.uniformArray(graph.inputCount, -1...1)
        let lower = center.map { $0 - radius }, upper = center.map { $0 + radius }
        let box = IntervalTensor(lower: Tensor(shape: [1] + graph.inputShape, data: lower),
                                 upper: Tensor(shape: [1] + graph.inputShape, data: upper))
        let out = try IntervalBoundPropagation.outputBounds(graph, input: box)
        #expect(out.isValid)
        return GraphSampling.violations(graph, lower: lower, upper: upper,
                                        boundLower: out.lower.data, boundUpper: out.upper.data,
                                        samples: samples, seed: seed &+ 1)
    }

    @Test(arguments: activations.indices)
    func testMLP_intervalBoundsContainSampledOutputs(_ k: Int) throws {
        let (act, attrs) = Self.activations[k]
        for (i, radius) in [0.0, 1e-6, 0.05, 0.5].enumerated() {
            let doc = RandomNetworks.mlp(inputs: 3, widths: [8, 8, 6], outputs: 3, activation: act,
                                         attributes: attrs, seed: UInt64(100 * k + i))
            let bad = try Self.check(doc, radius: radius, seed: UInt64(k * 7 + i))
            #expect(bad.isEmpty, "\(act) radius \(radius): \(bad)")
        }
    }

    @Test(arguments: ["MaxPool", "AveragePool"])
    func testCNN_intervalBoundsContainSampledOutputs(_ pool: String) throws {
        for (i, act) in ["Relu", "Sigmoid", "Tanh"].enumerated() {
            let doc = RandomNetworks.cnn(activation: act, pool: pool, seed: UInt64(31 + i))
            let bad = try Self.check(doc, radius: 0.1, seed: UInt64(i), samples: 2000)
            #expect(bad.isEmpty, "\(act)/\(pool): \(bad)")
        }
    }

    @Test func testResidualProduct_intervalBoundsContainSampledOutputs() throws {
        for seed in UInt64(0)..<5 {
            let bad = try Self.check(RandomNetworks.residualProduct(seed: seed), radius: 0.3, seed: seed)
            #expect(bad.isEmpty, "\(bad)")
        }
    }

    @Test func testPointBox_givesNearPointBounds() throws {
        let graph = try GraphBuilder().build(RandomNetworks.mlp(inputs: 4, widths: [16, 16], outputs: 3, activation: "Sigmoid", seed: 5))
        let x = [0.1, -0.2, 0.3, 0.7]
        let t = Tensor(shape: [1] + graph.inputShape, data: x)
        let out = try IntervalBoundPropagation.outputBounds(graph, input: IntervalTensor(point: t))
        let y = graph.evaluate(x)
        for j in y.indices {
            #expect(out.lower.data[j] <= y[j] && y[j] <= out.upper.data[j])
            #expect(out.upper.data[j] - out.lower.data[j] < 1e-10, "width \(out.upper.data[j] - out.lower.data[j])")
        }
    }
}
