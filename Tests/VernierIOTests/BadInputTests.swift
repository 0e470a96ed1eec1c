import Foundation
import SwiftProtobuf
import Testing
import VernierCore
import VernierTestSupport
@testable import VernierIO

/// Bad input gives a typed, one-line error that says what and where — never a crash.
@Suite("Bad model files")
struct BadInputTests {
    /// The error reading `json`, checked to be one line.
    static func jsonError(_ json: String) -> ModelFileError? {
        let e = #expect(throws: ModelFileError.self) { try TestDocuments.readJSON(json) }
        #expect(e.map { !$0.description.contains("\n") } ?? true)
        return e
    }

    static let header = #""format": "vernier-model/1", "inputs": [], "outputs": []"#

    // MARK: JSON syntax

    @Test("malformed JSON reports line and column", arguments: [
        ("{\n  \"format\": \"vernier-model/1\",\n  \"inputs\": [1, 2,]\n}", "line 3, column 19 (at inputs[2])", "expected a value"),
        ("{\"format\": \"vernier-model/1\" \"x\": 1}", "line 1, column 30", "expected ',' or '}'"),
        ("{\"a\": 1} x", "line 1, column 10", "after the end of the JSON value"),
        ("{\"a\": [1, 2", "line 1, column 12 (at a)", "expected ',' or ']'"),
        ("{\"a\": \"abc", "line 1, column 11 (at a)", "unexpected end of the file inside a string"),
        ("{\"a\": 01}", "line 1, column 7 (at a)", "leading zeros"),
        ("{\"a\": 1.}", "line 1, column 9 (at a)", "digit after the decimal point"),
        ("{// note\n}", "line 1, column 2", "comments are not allowed"),
        ("{'a': 1}", "line 1, column 2", "member name in double quotes"),
        ("{\"a\": 1, \"a\": 2}", "line 1, column 10", "duplicate key \"a\""),
        ("{\"a\": \"\\x\"}", "line 1, column 8 (at a)", "invalid escape"),
        ("{\"a\": \"\\ud800\"}", "line 1, column 8 (at a)", "unpaired surrogate"),
        ("", "line 1, column 1", "unexpected end of the file"),
        ("{\"é\": tru}", "line 1, column 7 (at [\"é\"])", "unexpected 't'"),
    ])
    func malformedJSON(text: String, location: String, message: String) {
        let e = Self.jsonError(text)
        #expect(e?.kind == .malformed)
        #expect(e?.location == location)
        #expect(e?.message.contains(message) == true, "\(String(describing: e))")
    }

    @Test("NaN and Infinity literals are rejected with line, column and path",
          arguments: ["NaN", "Infinity", "-Infinity", "nan"])
    func nonFiniteLiterals(literal: String) {
        let e = Self.jsonError("{\(Self.header), \"nodes\": [], \"initializers\": [{\"name\": \"w\", \"shape\": [1], \"data\": [\(literal)]}]}")
        #expect(e?.kind == .malformed)
        #expect(e?.location?.hasSuffix("(at initializers[0].data[0])") == true, "\(String(describing: e))")
        #expect(e?.message.contains("not a JSON number") == true)
    }

    @Test("deep nesting is an error, not a stack overflow")
    func deepNesting() {
        let e = Self.jsonError(String(repeating: "[", count: 100_000))
        #expect(e?.message.contains("nesting deeper than") == true)
    }

    @Test("invalid UTF-8 in a string is an error")
    func invalidUTF8() {
        var bytes = Data("{\"a\": \"".utf8)
        bytes.append(contentsOf: [0xC3, 0x28])
        bytes.append(contentsOf: Data("\"}".utf8))
        let e = #expect(throws: ModelFileError.self) { try JSONModelReader().read(bytes) }
        #expect(e?.message.contains("not valid UTF-8") == true)
    }

    // MARK: JSON content

    @Test("wrong or missing format tag")
    func formatTag() {
        let wrong = Self.jsonError(#"{"format": "vernier-model/2", "inputs": []}"#)
        #expect(wrong?.kind == .unrecognizedFormat)
        #expect(wrong?.description == #"format: unknown format "vernier-model/2"; this version of Vernier reads vernier-model/1"#)
        let missing = Self.jsonError(#"{"inputs": []}"#)
        #expect(missing?.kind == .unrecognizedFormat)
        let notObject = Self.jsonError("[1]")
        #expect(notObject?.description == "(top level): expected an object, found an array")
    }

    @Test("content errors name the JSON path and what is wrong", arguments: [
        (#""nodes": [{"op_type": "Gemm", "outputs": ["y"], "attributes": {"transB": true}}]"#,
         "nodes[0].attributes.transB", "expected an attribute value: a number, a string, a list or {\"type\": ..., \"value\": ...}, found a boolean"),
        (#""nodes": [{"op_type": "A", "outputs": ["y"]}, {"outputs": ["z"]}]"#,
         "nodes[1]", "missing required member \"op_type\""),
        (#""nodes": [], "initializers": [{"name": "W", "shape": [3, 2], "data": [1, 2, 3, 4, 5]}]"#,
         "initializers[0].data", "tensor 'W' has 5 values but shape [3, 2] needs 6"),
        (#""nodes": [], "initializers": [{"name": "W", "shape": [3, 2], "data": [[1, 2], [3], [5, 6]]}]"#,
         "initializers[0].data[1]", "tensor 'W' has 1 elements here but shape [3, 2] needs 2 on axis 1"),
        (#""nodes": [], "initializers": [{"name": "W", "shape": [2], "dtype": "float128", "data": [1, 2]}]"#,
         "initializers[0].dtype", "unknown dtype \"float128\"; expected one of float32, uint8, int8, int32, int64, bool, float16, float64"),
        (#""nodes": [], "initializers": [{"name": "W", "shape": [1], "dtype": "int64", "data": [1.5]}]"#,
         "initializers[0].data[0]", "expected an integer literal (tensor 'W' is int64), found a number"),
        (#""nodes": [], "initializers": [{"name": "W", "shape": [1], "dtype": "int8", "data": [300]}]"#,
         "initializers[0].data[0]", "tensor 'W': 300 is out of range for int8"),
        (#""nodes": [], "initializers": [{"name": "W", "shape": [1], "data": [1e39]}]"#,
         "initializers[0].data[0]", "tensor 'W': 1e39 is out of range for float32"),
        (#""nodes": [], "initializers": [{"name": "W", "shape": [1], "data": ["1"]}]"#,
         "initializers[0].data[0]", "expected a number (tensor 'W' is float32), found a string"),
        (#""nodes": [], "initializers": [{"name": "W", "shape": [2]}]"#,
         "initializers[0]", "tensor 'W' has neither \"data\" nor \"data_base64\""),
        (#""nodes": [], "initializers": [{"name": "W", "shape": [2], "data_base64": "AAAA"}]"#,
         "initializers[0].data_base64", "tensor 'W' has 3 data bytes, expected 2 × 4 for 2 float32 values"),
        (#""nodes": [], "initializers": [{"name": "W", "shape": [2], "data_base64": "@@"}]"#,
         "initializers[0].data_base64", "tensor 'W': data_base64 is not valid base64"),
        (#""nodes": [], "initializers": [{"name": "W", "shape": [-2], "data": []}]"#,
         "initializers[0].shape[0]", "tensor 'W': dimension -2 is negative"),
        (#""nodes": [{"op_type": "A", "outputs": ["y"], "attributes": {"axes": []}}]"#,
         "nodes[0].attributes.axes", "an empty list is ambiguous; write {\"type\": \"ints\", \"value\": []} (or \"floats\", \"strings\")"),
        (#""nodes": [{"op_type": "A", "outputs": ["y"], "attributes": {"k": [1, "a"]}}]"#,
         "nodes[0].attributes.k[1]", "expected a number (the list's other elements are numbers; lists hold one kind), found a string"),
        (#""nodes": [{"op_type": "A", "outputs": ["y"], "attributes": {"k": {"type": "graph", "value": 1}}}]"#,
         "nodes[0].attributes.k.type", "unknown attribute type \"graph\"; expected one of int, float, string, tensor, ints, floats, strings"),
        (#""nodes": [{"op_type": "A", "outputs": ["y"], "attributes": {"k": {"type": "int", "value": 1.0}}}]"#,
         "nodes[0].attributes.k.value", "expected an integer, found a number"),
        (#""nodes": [{"op_type": "A", "outputs": ["y"], "attributes": {"k": 99999999999999999999}}]"#,
         "nodes[0].attributes.k", "integer 99999999999999999999 is out of range"),
        (#""nodes": [{"op_type": "A", "outputs": ["y"], "attributes": {"k": 1e400}}]"#,
         "nodes[0].attributes.k", "number 1e400 is out of range"),
        (#""nodes": [{"op_type": "A", "output": ["y"]}]"#,
         "nodes[0].output", "unknown member \"output\"; allowed here: attributes, doc_string, domain, inputs, name, op_type, outputs"),
        (#""nodes": [], "opset_import": {"": "17"}"#,
         "opset_import[\"\"]", "expected an integer, found a string"),
        (#""nodes": [], "metadata": {"a b": 1}"#,
         "metadata[\"a b\"]", "expected a string, found an integer"),
        (#""nodes": {}"#, "nodes", "expected an array, found an object"),
    ])
    func contentErrors(members: String, location: String, message: String) {
        let e = Self.jsonError("{\(Self.header), \(members)}")
        #expect(e?.kind == .invalidContent)
        #expect(e?.location == location, "\(String(describing: e))")
        #expect(e?.message == message, "\(String(describing: e))")
        #expect(e?.description == "\(location): \(message)")
    }

    @Test("missing inputs, outputs or nodes")
    func missingTopLevel() {
        let e = Self.jsonError(#"{"format": "vernier-model/1", "inputs": [], "nodes": []}"#)
        #expect(e?.description == "(top level): missing required member \"outputs\"")
    }

    @Test("the JSON writer refuses a non-finite FLOAT attribute, naming it")
    func writerNonFiniteAttribute() {
        let doc = ModelDocument(nodes: [NodeDocument(name: "n", opType: "X", inputs: [], outputs: ["y"],
                                                     attributes: ["alpha": .floats([1, .nan])])])
        let e = #expect(throws: ModelFileError.self) { try JSONModelWriter().write(doc) }
        #expect(e?.location == "nodes[0].attributes.alpha[1]")
        #expect(e?.message.contains("not finite") == true)
    }

    // MARK: ONNX

    @Test("a truncated .onnx file is a typed error naming the path")
    func truncatedONNX() throws {
        let files = TestPaths.sharedFiles(withExtension: "onnx").filter { (try? Data(contentsOf: $0).count) ?? 0 > 2000 }
        let source = try #require(files.first, "no shared .onnx model larger than 2000 bytes under \(TestPaths.sharedBenchmarks.path)")
        let dir = try CLIRunner.temporaryDirectory()
        let path = dir.appendingPathComponent("truncated.onnx").path
        try Data(contentsOf: source).prefix(1000).write(to: URL(fileURLWithPath: path))
        let e = #expect(throws: ModelFileError.self) { try ModelFile.load(path: path) }
        #expect(e?.kind == .malformed)
        #expect(e?.path == path)
        #expect(e?.description.hasPrefix("\(path): not a valid ONNX model") == true, "\(String(describing: e))")
    }

    @Test("random bytes, empty data and text are not ONNX models")
    func randomBytes() {
        var rng = SeededGenerator(seed: 42)
        for length in [0, 1, 7, 100, 5000] {
            let bytes = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) })
            let e = #expect(throws: ModelFileError.self) { try ONNXReader().read(bytes) }
            #expect(e?.kind == .malformed, "length \(length)")
            #expect(e?.message.contains("ONNX") == true)
        }
        let e = #expect(throws: ModelFileError.self) { try ONNXReader().read(Data("hello world, this is text".utf8)) }
        #expect(e?.kind == .malformed)
    }

    @Test("external tensor data is a clear unsupported error")
    func externalData() throws {
        let bytes = try ONNXFormatTests.model { g in
            var loc = Onnx_StringStringEntryProto()
            loc.key = "location"
            loc.value = "weights.bin"
            g.initializer = [ONNXFormatTests.tensorProto("W", dims: [2], type: .float) {
                $0.dataLocation = .external
                $0.externalData = [loc]
            }]
        }
        let e = #expect(throws: ModelFileError.self) { try ONNXReader().read(bytes) }
        #expect(e?.kind == .unsupported)
        #expect(e?.description == "initializer 'W': stores its data in an external file ('weights.bin'); re-save the model with the data embedded")
    }

    @Test("a GRAPH attribute names the node and the attribute")
    func graphAttribute() throws {
        let bytes = try ONNXFormatTests.model { g in
            var a = Onnx_AttributeProto()
            a.name = "then_branch"
            a.type = .graph
            a.g = Onnx_GraphProto()
            g.node[0].opType = "If"
            g.node[0].name = "if_0"
            g.node[0].attribute = [a]
        }
        let e = #expect(throws: ModelFileError.self) { try ONNXReader().read(bytes) }
        #expect(e?.kind == .unsupported)
        #expect(e?.description == "node 'if_0' (If) attribute 'then_branch': is a subgraph (GRAPH attribute); Vernier does not support control flow or subgraphs")
    }

    @Test("local functions are a clear unsupported error")
    func functions() throws {
        var f = Onnx_FunctionProto()
        f.name = "MyFn"
        let bytes = try ONNXFormatTests.model({ _ in }, functions: [f])
        let e = #expect(throws: ModelFileError.self) { try ONNXReader().read(bytes) }
        #expect(e?.kind == .unsupported)
        #expect(e?.message.contains("'MyFn'") == true)
    }

    @Test("ONNX data problems name the tensor", arguments: [
        ("raw", "initializer 'W': has 3 data bytes, expected 2 × 4 for 2 float32 values"),
        ("typed", "initializer 'W': has 1 values in float_data but shape [2] needs 2"),
        ("string", "initializer 'W': has element type STRING (code 8); Vernier reads float32, uint8, int8, int32, int64, bool, float16, float64"),
        ("range", "initializer 'W': int32_data[1] = 300 is out of range for uint8"),
        ("negative", "initializer 'W': has a negative dimension -2 in its shape"),
    ])
    func tensorProblems(kind: String, expected: String) throws {
        let bytes = try ONNXFormatTests.model { g in
            let t: Onnx_TensorProto = switch kind {
            case "raw": ONNXFormatTests.tensorProto("W", dims: [2], type: .float) { $0.rawData = Data([1, 2, 3]) }
            case "typed": ONNXFormatTests.tensorProto("W", dims: [2], type: .float) { $0.floatData = [1] }
            case "string": ONNXFormatTests.tensorProto("W", dims: [1], type: .string) { $0.stringData = [Data("a".utf8)] }
            case "range": ONNXFormatTests.tensorProto("W", dims: [2], type: .uint8) { $0.int32Data = [1, 300] }
            default: ONNXFormatTests.tensorProto("W", dims: [-2], type: .float) { _ in }
            }
            g.initializer = [t]
        }
        let e = #expect(throws: ModelFileError.self) { try ONNXReader().read(bytes) }
        #expect(e?.description == expected)
    }

    @Test("a non-tensor graph input is a clear error")
    func sequenceInput() throws {
        let bytes = try ONNXFormatTests.model { g in
            g.input[0].type.sequenceType = Onnx_TypeProto.Sequence()
        }
        let e = #expect(throws: ModelFileError.self) { try ONNXReader().read(bytes) }
        #expect(e?.description == "input 'x': has a non-tensor type (sequence, map, optional or sparse); Vernier reads tensors only")
    }
}
