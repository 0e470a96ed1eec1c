import VernierCore

/// Writes a trained network as a `ModelDocument` (ONNX opset 20, float32 weights, input `x` of
/// shape `[1, …inputShape]`, output `y` of shape `[1, classes]`), using only operators every
/// VNN-COMP tool and onnxruntime know: Gemm, Conv, AveragePool, Flatten, Mul and the activations
/// (SiLU as `x · Sigmoid(x)`, GELU as the opset-20 `Gelu`).
///
/// Call it on a network whose parameters were rounded to float32 (`roundToFloat32`) so the file
/// holds exactly the network the generator checked.
enum ModelExport {
    static func document(_ net: TrainingNetwork, name: String, metadata: [String: String] = [:]) -> ModelDocument {
        var nodes = [NodeDocument]()
        var initializers = [TensorData]()
        var current = "x"
        var counter = 0
        func fresh(_ stem: String) -> String {
            counter += 1
            return "\(stem)_\(counter)"
        }
        func weight(_ stem: String, _ shape: [Int], _ values: ArraySlice<Double>) -> String {
            let n = fresh(stem)
            initializers.append(TensorData(name: n, shape: shape, doubles: Array(values), dtype: .float32))
            return n
        }
        func node(_ op: String, _ inputs: [String], _ attributes: [String: AttributeValue] = [:]) {
            let out = fresh(op.lowercased())
            nodes.append(NodeDocument(name: out, opType: op, inputs: inputs, outputs: [out], attributes: attributes))
            current = out
        }
        let p = net.parameters
        func gemm(_ inputs: Int, _ outputs: Int, at offset: Int) {
            let w = weight("W", [outputs, inputs], p[offset..<(offset + outputs * inputs)])
            let b = weight("B", [outputs], p[(offset + outputs * inputs)..<(offset + outputs * inputs + outputs)])
            node("Gemm", [current, w, b], ["transB": .int(1)])
        }
        for layer in net.layers {
            if layer.inputShape.count == 3, layer.outputShape.count == 1 { node("Flatten", [current], ["axis": .int(1)]) }
            switch layer.kind {
            case .dense(let i, let o):
                gemm(i, o, at: layer.offset)
            case .gate(let i, let o):
                let input = current
                gemm(i, o, at: layer.offset)
                let left = current
                current = input
                gemm(i, o, at: layer.offset + o * i + o)
                node("Mul", [left, current])
            case .conv(let c, let k, let s, let pad):
                let inC = layer.inputShape[0]
                let count = c * inC * k * k
                let w = weight("K", [c, inC, k, k], p[layer.offset..<(layer.offset + count)])
                let b = weight("B", [c], p[(layer.offset + count)..<(layer.offset + count + c)])
                node("Conv", [current, w, b], ["kernel_shape": .ints([Int64(k), Int64(k)]),
                                               "strides": .ints([Int64(s), Int64(s)]),
                                               "pads": .ints(Array(repeating: Int64(pad), count: 4))])
            case .averagePool(let k):
                node("AveragePool", [current], ["kernel_shape": .ints([Int64(k), Int64(k)]),
                                                "strides": .ints([Int64(k), Int64(k)])])
            case .activation(let a):
                switch a {
                case .relu: node("Relu", [current])
                case .sigmoid: node("Sigmoid", [current])
                case .tanh: node("Tanh", [current])
                case .gelu: node("Gelu", [current])
                case .silu:
                    let input = current
                    node("Sigmoid", [input])
                    node("Mul", [input, current])
                }
            }
        }
        // The last node's output is the model output `y`.
        nodes[nodes.count - 1].outputs = ["y"]
        return ModelDocument(name: name,
                             inputs: [ValueInfo(name: "x", shape: ([1] + net.inputShape).map { .fixed($0) }, dtype: .float32)],
                             outputs: [ValueInfo(name: "y", shape: [.fixed(1), .fixed(net.classes)], dtype: .float32)],
                             initializers: initializers, nodes: nodes, metadata: metadata, opsets: ["": 20],
                             irVersion: 9, producerName: "vernier-soundness", producerVersion: "1")
    }
}
