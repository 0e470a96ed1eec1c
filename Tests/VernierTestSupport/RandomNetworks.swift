import VernierCore

/// Random networks as `ModelDocument`s (ONNX op names), for soundness-by-sampling and gradient tests.
public enum RandomNetworks {
    /// An MLP `x[1, inputs] → (Gemm → activation)* → Gemm`, with weights ~ U(−s, s), s = 1/√fan-in·scale.
    /// `activation` is an ONNX op type applied elementwise (e.g. "Relu", "Sigmoid", "Gelu").
    public static func mlp(inputs: Int, widths: [Int], outputs: Int, activation: String,
                           attributes: [String: AttributeValue] = [:], scale: Double = 1.5, seed: UInt64) -> ModelDocument {
        var rng = SeededGenerator(seed: seed)
        var inits = [TensorData]()
        var nodes = [NodeDocument]()
        var prev = "x", fanIn = inputs
        let sizes = widths + [outputs]
        for (i, n) in sizes.enumerated() {
            let s = scale / Double(fanIn).squareRoot()
            inits.append(TensorData(name: "W\(i)", shape: [n, fanIn], doubles: rng.uniformArray(n * fanIn, -s...s)))
            inits.append(TensorData(name: "b\(i)", shape: [n], doubles: rng.uniformArray(n, -0.5...0.5)))
            let z = i == sizes.count - 1 ? "y" : "z\(i)"
            nodes.append(NodeDocument(name: "fc\(i)", opType: "Gemm", inputs: [prev, "W\(i)", "b\(i)"], outputs: [z],
                                      attributes: ["transB": .int(1)]))
            if i < sizes.count - 1 {
                nodes.append(NodeDocument(name: "act\(i)", opType: activation, inputs: [z], outputs: ["h\(i)"],
                                          attributes: attributes))
                prev = "h\(i)"
            }
            fanIn = n
        }
        return ModelDocument(name: "mlp-\(activation)", inputs: [ValueInfo(name: "x", shape: [.fixed(1), .fixed(inputs)])],
                             outputs: [ValueInfo(name: "y")], initializers: inits, nodes: nodes, opsets: ["": 20])
    }

    /// A small CNN: Conv(3×3, pad 1) → activation → (MaxPool|AveragePool) 2×2 → Conv → activation → Flatten → Gemm.
    public static func cnn(channels: Int = 1, size: Int = 6, activation: String = "Relu", pool: String = "MaxPool",
                           outputs: Int = 3, seed: UInt64) -> ModelDocument {
        var rng = SeededGenerator(seed: seed)
        let c1 = 3, c2 = 2
        let half = size / 2
        let flat = c2 * half * half
        let inits = [
            TensorData(name: "K1", shape: [c1, channels, 3, 3], doubles: rng.uniformArray(c1 * channels * 9, -0.6...0.6)),
            TensorData(name: "k1", shape: [c1], doubles: rng.uniformArray(c1, -0.3...0.3)),
            TensorData(name: "K2", shape: [c2, c1, 3, 3], doubles: rng.uniformArray(c2 * c1 * 9, -0.4...0.4)),
            TensorData(name: "k2", shape: [c2], doubles: rng.uniformArray(c2, -0.3...0.3)),
            TensorData(name: "W", shape: [outputs, flat], doubles: rng.uniformArray(outputs * flat, -0.5...0.5)),
            TensorData(name: "b", shape: [outputs], doubles: rng.uniformArray(outputs, -0.3...0.3)),
        ]
        let pads: AttributeValue = .ints([1, 1, 1, 1])
        let nodes = [
            NodeDocument(name: "conv1", opType: "Conv", inputs: ["x", "K1", "k1"], outputs: ["c1"], attributes: ["pads": pads]),
            NodeDocument(name: "act1", opType: activation, inputs: ["c1"], outputs: ["a1"]),
            NodeDocument(name: "pool", opType: pool, inputs: ["a1"], outputs: ["p"],
                         attributes: ["kernel_shape": .ints([2, 2]), "strides": .ints([2, 2])]),
            NodeDocument(name: "conv2", opType: "Conv", inputs: ["p", "K2", "k2"], outputs: ["c2"], attributes: ["pads": pads]),
            NodeDocument(name: "act2", opType: activation, inputs: ["c2"], outputs: ["a2"]),
            NodeDocument(name: "flat", opType: "Flatten", inputs: ["a2"], outputs: ["f"]),
            NodeDocument(name: "fc", opType: "Gemm", inputs: ["f", "W", "b"], outputs: ["y"], attributes: ["transB": .int(1)]),
        ]
        return ModelDocument(name: "cnn-\(activation)-\(pool)",
                             inputs: [ValueInfo(name: "x", shape: [.fixed(1), .fixed(channels), .fixed(size), .fixed(size)])],
                             outputs: [ValueInfo(name: "y")], initializers: inits, nodes: nodes, opsets: ["": 20])
    }

    /// A residual block with a variable–variable product: y = Gemm(relu(Gemm x) + x) ⊙ tanh(Gemm x) → Gemm.
    public static func residualProduct(width: Int = 4, outputs: Int = 2, seed: UInt64) -> ModelDocument {
        var rng = SeededGenerator(seed: seed)
        let w = width
        let inits = [
            TensorData(name: "A", shape: [w, w], doubles: rng.uniformArray(w * w, -0.8...0.8)),
            TensorData(name: "a", shape: [w], doubles: rng.uniformArray(w, -0.3...0.3)),
            TensorData(name: "B", shape: [w, w], doubles: rng.uniformArray(w * w, -0.8...0.8)),
            TensorData(name: "C", shape: [outputs, w], doubles: rng.uniformArray(outputs * w, -0.8...0.8)),
        ]
        let nodes = [
            NodeDocument(name: "fa", opType: "Gemm", inputs: ["x", "A", "a"], outputs: ["za"], attributes: ["transB": .int(1)]),
            NodeDocument(name: "ra", opType: "Relu", inputs: ["za"], outputs: ["ha"]),
            NodeDocument(name: "skip", opType: "Add", inputs: ["ha", "x"], outputs: ["s"]),
            NodeDocument(name: "fb", opType: "MatMul", inputs: ["x", "B"], outputs: ["zb"]),
            NodeDocument(name: "tb", opType: "Tanh", inputs: ["zb"], outputs: ["hb"]),
            NodeDocument(name: "prod", opType: "Mul", inputs: ["s", "hb"], outputs: ["m"]),
            NodeDocument(name: "out", opType: "Gemm", inputs: ["m", "C"], outputs: ["y"], attributes: ["transB": .int(1)]),
        ]
        return ModelDocument(name: "residual-product", inputs: [ValueInfo(name: "x", shape: [.fixed(1), .fixed(w)])],
                             outputs: [ValueInfo(name: "y")], initializers: inits, nodes: nodes, opsets: ["": 20])
    }
}
