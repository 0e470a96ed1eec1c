import VernierCore
import VernierTestSupport
@testable import VernierLipschitz

/// Shared helpers of the Lipschitz tests.
enum Fixtures {
    /// The activations the Jacobian graph supports, as (ONNX op, attributes).
    static let activations: [(String, [String: AttributeValue])] = [
        ("Relu", [:]), ("LeakyRelu", ["alpha": .float(0.1)]), ("Sigmoid", [:]), ("Tanh", [:]),
        ("Softplus", [:]), ("Gelu", [:]), ("Silu", [:]),
    ]

    static func mlp(_ activation: String, _ attributes: [String: AttributeValue] = [:], inputs: Int = 3,
                    widths: [Int] = [6, 5], outputs: Int = 2, seed: UInt64) throws -> Graph {
        try GraphBuilder().build(RandomNetworks.mlp(inputs: inputs, widths: widths, outputs: outputs,
                                                    activation: activation, attributes: attributes, seed: seed))
    }

    /// A random box of the given dimension: centre in [−1, 1], half-width in (0, radius].
    static func box(_ n: Int, radius: Double, seed: UInt64) -> ([Double], [Double]) {
        var rng = SeededGenerator(seed: seed)
        let c = rng.uniformArray(n, -1...1)
        let r = (0..<n).map { _ in rng.uniform(0.2...1) * radius }
        return (zip(c, r).map { $0 - $1 }, zip(c, r).map { $0 + $1 })
    }

    /// Reverse-mode gradient of c·y at x (the core's own differentiation).
    static func gradient(_ g: Graph, _ c: [Double], at x: [Double]) -> [Double] { g.gradient(of: c, at: x) }

    static func unit(_ k: Int, _ n: Int) -> [Double] { (0..<n).map { $0 == k ? 1 : 0 } }
}

/// Small hand-built networks for the Lipschitz tests.
enum TestNetworks {
    /// Conv(3×3, pad 1) → [BatchNormalization] → activation → Conv(3×3, stride 2) → activation → Flatten → Gemm,
    /// on 1×6×6 inputs.
    static func cnn(activation: String, batchNorm: Bool, size: Int = 6, seed: UInt64) throws -> Graph {
        var rng = SeededGenerator(seed: seed)
        let c1 = 2, c2 = 2, outputs = 3
        let half = (size - 1) / 2 + 1
        let flat = c2 * half * half
        var inits = [
            TensorData(name: "K1", shape: [c1, 1, 3, 3], doubles: rng.uniformArray(c1 * 9, -0.6...0.6)),
            TensorData(name: "k1", shape: [c1], doubles: rng.uniformArray(c1, -0.3...0.3)),
            TensorData(name: "K2", shape: [c2, c1, 3, 3], doubles: rng.uniformArray(c2 * c1 * 9, -0.4...0.4)),
            TensorData(name: "k2", shape: [c2], doubles: rng.uniformArray(c2, -0.3...0.3)),
            TensorData(name: "W", shape: [outputs, flat], doubles: rng.uniformArray(outputs * flat, -0.5...0.5)),
            TensorData(name: "b", shape: [outputs], doubles: rng.uniformArray(outputs, -0.3...0.3)),
        ]
        let pads: AttributeValue = .ints([1, 1, 1, 1])
        var nodes = [NodeDocument(name: "conv1", opType: "Conv", inputs: ["x", "K1", "k1"], outputs: ["c1"], attributes: ["pads": pads])]
        var first = "c1"
        if batchNorm {
            inits += [
                TensorData(name: "gamma", shape: [c1], doubles: rng.uniformArray(c1, 0.5...1.5)),
                TensorData(name: "beta", shape: [c1], doubles: rng.uniformArray(c1, -0.2...0.2)),
                TensorData(name: "mean", shape: [c1], doubles: rng.uniformArray(c1, -0.2...0.2)),
                TensorData(name: "var", shape: [c1], doubles: rng.uniformArray(c1, 0.5...2)),
            ]
            nodes.append(NodeDocument(name: "bn", opType: "BatchNormalization", inputs: ["c1", "gamma", "beta", "mean", "var"],
                                      outputs: ["n1"], attributes: [:]))
            first = "n1"
        }
        nodes += [
            NodeDocument(name: "act1", opType: activation, inputs: [first], outputs: ["a1"], attributes: [:]),
            NodeDocument(name: "conv2", opType: "Conv", inputs: ["a1", "K2", "k2"], outputs: ["c2"],
                         attributes: ["pads": pads, "strides": .ints([2, 2])]),
            NodeDocument(name: "act2", opType: activation, inputs: ["c2"], outputs: ["a2"], attributes: [:]),
            NodeDocument(name: "flat", opType: "Flatten", inputs: ["a2"], outputs: ["f"], attributes: [:]),
            NodeDocument(name: "fc", opType: "Gemm", inputs: ["f", "W", "b"], outputs: ["y"], attributes: ["transB": .int(1)]),
        ]
        let doc = ModelDocument(name: "cnn", inputs: [ValueInfo(name: "x", shape: [.fixed(1), .fixed(1), .fixed(size), .fixed(size)])],
                                outputs: [ValueInfo(name: "y")], initializers: inits, nodes: nodes, opsets: ["": 20])
        return try GraphBuilder().build(doc)
    }

    /// y = W₂·(W₁·x + b₁) + b₂ with no activation: its Jacobian is the constant W₂W₁.
    static func linear(inputs: Int, hidden: Int, outputs: Int, seed: UInt64) throws -> (Graph, [[Double]]) {
        var rng = SeededGenerator(seed: seed)
        let w1 = rng.uniformArray(hidden * inputs, -1...1), w2 = rng.uniformArray(outputs * hidden, -1...1)
        let doc = ModelDocument(
            name: "linear", inputs: [ValueInfo(name: "x", shape: [.fixed(1), .fixed(inputs)])], outputs: [ValueInfo(name: "y")],
            initializers: [TensorData(name: "W1", shape: [hidden, inputs], doubles: w1),
                           TensorData(name: "b1", shape: [hidden], doubles: rng.uniformArray(hidden, -1...1)),
                           TensorData(name: "W2", shape: [outputs, hidden], doubles: w2),
                           TensorData(name: "b2", shape: [outputs], doubles: rng.uniformArray(outputs, -1...1))],
            nodes: [NodeDocument(name: "fc1", opType: "Gemm", inputs: ["x", "W1", "b1"], outputs: ["h"], attributes: ["transB": .int(1)]),
                    NodeDocument(name: "fc2", opType: "Gemm", inputs: ["h", "W2", "b2"], outputs: ["y"], attributes: ["transB": .int(1)])],
            opsets: ["": 20])
        var product = [[Double]](repeating: [Double](repeating: 0, count: inputs), count: outputs)
        for o in 0..<outputs { for i in 0..<inputs { for h in 0..<hidden { product[o][i] += w2[o * hidden + h] * w1[h * inputs + i] } } }
        return (try GraphBuilder().build(doc), product)
    }

    /// y = a·tanh(w·x + b), one input and one output.
    static func tanh1D(w: Double, b: Double, a: Double) throws -> Graph {
        let doc = ModelDocument(
            name: "tanh1d", inputs: [ValueInfo(name: "x", shape: [.fixed(1), .fixed(1)])], outputs: [ValueInfo(name: "y")],
            initializers: [TensorData(name: "W", shape: [1, 1], doubles: [w]), TensorData(name: "B", shape: [1], doubles: [b]),
                           TensorData(name: "A", shape: [1, 1], doubles: [a])],
            nodes: [NodeDocument(name: "fc", opType: "Gemm", inputs: ["x", "W", "B"], outputs: ["z"], attributes: ["transB": .int(1)]),
                    NodeDocument(name: "act", opType: "Tanh", inputs: ["z"], outputs: ["h"], attributes: [:]),
                    NodeDocument(name: "out", opType: "MatMul", inputs: ["h", "A"], outputs: ["y"], attributes: [:])],
            opsets: ["": 20])
        return try GraphBuilder().build(doc)
    }
}
