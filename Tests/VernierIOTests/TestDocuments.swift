import Foundation
import VernierCore
@testable import VernierIO

/// Documents and helpers shared by the VernierIO tests.
enum TestDocuments {
    /// The example of specs/model-format.md: y = relu(W x + b).
    static let tinyJSON = """
    {
      "format": "vernier-model/1",
      "name": "tiny",
      "inputs":  [{"name": "x", "shape": [1, 2]}],
      "outputs": [{"name": "y"}],
      "initializers": [
        {"name": "W", "shape": [3, 2], "data": [1, 2, 3, 4, 5, 6]},
        {"name": "b", "shape": [3], "data": [0.5, 0, -1]}
      ],
      "nodes": [
        {"name": "fc",  "op_type": "Gemm", "inputs": ["x", "W", "b"], "outputs": ["h"], "attributes": {"transB": 1}},
        {"name": "act", "op_type": "Relu", "inputs": ["h"], "outputs": ["y"]}
      ],
      "metadata": {"description": "free-form string map"}
    }
    """

    /// What `tinyJSON` must read as.
    static let tiny = ModelDocument(
        name: "tiny",
        inputs: [ValueInfo(name: "x", shape: [.fixed(1), .fixed(2)])],
        outputs: [ValueInfo(name: "y")],
        initializers: [
            TensorData(name: "W", shape: [3, 2], doubles: [1, 2, 3, 4, 5, 6], dtype: .float32),
            TensorData(name: "b", shape: [3], doubles: [0.5, 0, -1], dtype: .float32),
        ],
        nodes: [
            NodeDocument(name: "fc", opType: "Gemm", inputs: ["x", "W", "b"], outputs: ["h"], attributes: ["transB": .int(1)]),
            NodeDocument(name: "act", opType: "Relu", inputs: ["h"], outputs: ["y"]),
        ],
        metadata: ["description": "free-form string map"])

    /// A tensor of every dtype, with extreme values of each (all exactly representable in their dtype).
    static let everyDType: [TensorData] = [
        TensorData(name: "f32", shape: [2, 3], doubles: [1.5, -0.0, Double(Float.greatestFiniteMagnitude),
                                                         Double(Float.leastNonzeroMagnitude), Double(Float(0.1)), -7],
                   dtype: .float32),
        TensorData(name: "f64", shape: [4], doubles: [0.1, 1e-300, -2.5, .leastNonzeroMagnitude], dtype: .float64),
        TensorData(name: "f16", shape: [5], doubles: [1, 0.5, 65504, 0x1p-24, -0.333251953125], dtype: .float16),
        TensorData(name: "i64", shape: [3], int64s: [.min, .max, 0]),
        TensorData(name: "i32", shape: [2], dtype: .int32, storage: .integer([Int64(Int32.min), Int64(Int32.max)])),
        TensorData(name: "i8", shape: [2], dtype: .int8, storage: .integer([-128, 127])),
        TensorData(name: "u8", shape: [2], dtype: .uint8, storage: .integer([0, 255])),
        TensorData(name: "b", shape: [3], dtype: .bool, storage: .integer([0, 1, 1])),
        TensorData(name: "scalar", shape: [], doubles: [42], dtype: .float32),
        TensorData(name: "empty", shape: [0, 3], doubles: [], dtype: .float32),
    ]

    /// A document using every attribute kind, symbolic/unknown dims, a custom domain, empty lists,
    /// omitted optional inputs, doc strings and metadata. FLOAT values are float32-representable,
    /// as ONNX stores attributes in float32.
    static let everything = ModelDocument(
        name: "everything",
        inputs: [
            ValueInfo(name: "x", shape: [.symbolic("batch"), .fixed(3), .unknown], dtype: .float32),
            ValueInfo(name: "f64", shape: [.fixed(4)], dtype: .float64),
            ValueInfo(name: "i64", shape: nil, dtype: .int64),
        ],
        outputs: [ValueInfo(name: "y", shape: [], dtype: .float64), ValueInfo(name: "z", shape: [.fixed(-1)])],
        initializers: everyDType,
        nodes: [
            NodeDocument(name: "c", opType: "Constant", inputs: [], outputs: ["k"],
                         attributes: ["value": .tensor(TensorData(name: "", shape: [2], doubles: [1, 2], dtype: .float32))]),
            NodeDocument(name: "cf", opType: "Constant", inputs: [], outputs: ["kf"], attributes: ["value_float": .float(0.25)]),
            NodeDocument(name: "cis", opType: "Constant", inputs: [], outputs: ["kis"], attributes: ["value_ints": .ints([3, -1])]),
            NodeDocument(name: "n", opType: "Custom", domain: "vernier.test", inputs: ["x", "", "k"], outputs: ["y", "extra"],
                         attributes: [
                             "i": .int(-3), "big": .int(.max), "small": .int(.min), "zero": .int(0),
                             "f": .float(0.5), "whole": .float(2), "tiny": .float(Double(Float.leastNonzeroMagnitude)),
                             "huge": .float(Double(Float.greatestFiniteMagnitude)), "third": .float(Double(Float(1.0 / 3))),
                             "s": .string("héllo \"q\" \\ \n\t\u{01} 🙂"), "es": .string(""),
                             "t": .tensor(TensorData(name: "tt", shape: [2, 2], int64s: [1, 2, 3, 4])),
                             "is": .ints([1, -2, .max]), "fs": .floats([0.25, -1.5, 3, 1e-3].map { Double(Float($0)) }),
                             "ss": .strings(["a", "", "ü"]),
                             "eis": .ints([]), "efs": .floats([]), "ess": .strings([]),
                         ],
                         docString: "node doc"),
            NodeDocument(name: "", opType: "Identity", inputs: ["y"], outputs: ["z"]),
        ],
        metadata: ["k": "v", "": "empty key", "multi\nline": "x\ny"],
        opsets: ["": 13, "vernier.test": 1],
        irVersion: 7, producerName: "test", producerVersion: "1.0", docString: "model doc")

    static func jsonRoundTrip(_ doc: ModelDocument, writer: JSONModelWriter = JSONModelWriter()) throws -> ModelDocument {
        try JSONModelReader().read(writer.write(doc))
    }

    static func onnxRoundTrip(_ doc: ModelDocument) throws -> ModelDocument {
        try ONNXReader().read(ONNXWriter().write(doc))
    }

    static func readJSON(_ text: String) throws -> ModelDocument {
        try JSONModelReader().read(Data(text.utf8))
    }
}

/// The first difference between two documents, described in one line (nil when equal), so that a
/// failing comparison of large models prints something readable.
func firstDifference(_ a: ModelDocument, _ b: ModelDocument) -> String? {
    if a == b { return nil }
    if a.name != b.name { return "name: \(a.name) vs \(b.name)" }
    if a.inputs != b.inputs { return "inputs: \(a.inputs) vs \(b.inputs)" }
    if a.outputs != b.outputs { return "outputs: \(a.outputs) vs \(b.outputs)" }
    if a.initializers.count != b.initializers.count { return "initializer count \(a.initializers.count) vs \(b.initializers.count)" }
    for (x, y) in zip(a.initializers, b.initializers) where x != y {
        if x.name != y.name || x.shape != y.shape || x.dtype != y.dtype {
            return "initializer \(x.name) \(x.shape) \(x.dtype) vs \(y.name) \(y.shape) \(y.dtype)"
        }
        let i = zip(x.doubles, y.doubles).enumerated().first { $1.0 != $1.1 }?.offset
        return "initializer \(x.name): storage differs (first at index \(i.map(String.init) ?? "?"); \(x.storage) vs \(y.storage))".prefix(400).description
    }
    if a.nodes.count != b.nodes.count { return "node count \(a.nodes.count) vs \(b.nodes.count)" }
    for (x, y) in zip(a.nodes, b.nodes) where x != y { return "node \(x.name): \(x) vs \(y)" }
    if a.metadata != b.metadata { return "metadata: \(a.metadata) vs \(b.metadata)" }
    if a.opsets != b.opsets { return "opsets: \(a.opsets) vs \(b.opsets)" }
    return "model fields: \(String(describing: a.irVersion)) \(String(describing: a.producerName)) \(String(describing: a.producerVersion)) \(String(describing: a.docString)) vs \(String(describing: b.irVersion)) \(String(describing: b.producerName)) \(String(describing: b.producerVersion)) \(String(describing: b.docString))"
}
