import Foundation
import Testing
import VernierCore
import VernierTestSupport
@testable import VernierIO

@Suite("JSON model format vernier-model/1")
struct JSONModelFormatTests {
    @Test("the spec example reads as the expected document")
    func readsExample() throws {
        let doc = try TestDocuments.readJSON(TestDocuments.tinyJSON)
        #expect(firstDifference(doc, TestDocuments.tiny) == nil, "\(firstDifference(doc, TestDocuments.tiny) ?? "")")
        // Defaults the spec promises when members are left out.
        #expect(doc.initializers.allSatisfy { $0.dtype == .float32 })
        #expect(doc.outputs[0].shape == nil && doc.outputs[0].dtype == .float32)
        #expect(doc.opsets == ["": 17])
        #expect(doc.irVersion == nil && doc.producerName == nil && doc.docString == nil)
    }

    @Test("the spec example round-trips through the writer")
    func exampleRoundTrip() throws {
        let doc = try TestDocuments.readJSON(TestDocuments.tinyJSON)
        let text = try JSONModelWriter().text(doc)
        let again = try TestDocuments.readJSON(text)
        #expect(firstDifference(again, doc) == nil, "\(firstDifference(again, doc) ?? "")")
        // INT attributes stay integer literals; integral float data is written compactly.
        #expect(text.contains("\"transB\": 1}"))
        #expect(text.contains("\"data\": [1, 2, 3, 4, 5, 6]"))
        #expect(text.contains("\"data\": [0.5, 0, -1]"))
        #expect(text.hasSuffix("}\n"))
    }

    @Test("the spec example builds and evaluates to relu(W x + b)",
          .enabled(if: OperatorRegistry.lowerings["Gemm"] != nil && OperatorRegistry.lowerings["Relu"] != nil,
                   "Gemm and Relu are not registered yet"))
    func exampleEvaluates() throws {
        let graph = try GraphBuilder().build(try TestDocuments.readJSON(TestDocuments.tinyJSON))
        #expect(graph.evaluate([1, 1]) == [3.5, 7, 10])
        #expect(graph.evaluate([-1, -1]) == [0, 0, 0])
    }

    @Test("integer literals are INT, literals with '.' or an exponent are FLOAT")
    func attributeLiteralKinds() throws {
        let doc = try TestDocuments.readJSON("""
        {"format": "vernier-model/1", "inputs": [], "outputs": [], "nodes": [
          {"op_type": "X", "outputs": ["y"], "attributes": {
            "a": 1, "b": 1.0, "c": 1e0, "d": -2E-3, "e": [1, 2], "f": [1, 2.0], "g": ["s"],
            "h": {"type": "float", "value": 3}, "i": {"type": "floats", "value": [1, 2]},
            "j": {"type": "ints", "value": []}, "k": {"type": "strings", "value": []}, "l": {"type": "int", "value": -7},
            "m": {"type": "string", "value": "v"}, "n": 9223372036854775807, "o": [-9223372036854775808]}}]}
        """)
        let a = doc.nodes[0].attributes
        #expect(a["a"] == .int(1))
        #expect(a["b"] == .float(1))
        #expect(a["c"] == .float(1))
        #expect(a["d"] == .float(-2e-3))
        #expect(a["e"] == .ints([1, 2]))
        #expect(a["f"] == .floats([1, 2]))
        #expect(a["g"] == .strings(["s"]))
        #expect(a["h"] == .float(3))
        #expect(a["i"] == .floats([1, 2]))
        #expect(a["j"] == .ints([]))
        #expect(a["k"] == .strings([]))
        #expect(a["l"] == .int(-7))
        #expect(a["m"] == .string("v"))
        #expect(a["n"] == .int(.max))
        #expect(a["o"] == .ints([.min]))
        // Node defaults.
        #expect(doc.nodes[0].name == "" && doc.nodes[0].domain == "" && doc.nodes[0].inputs == [])
    }

    @Test("the writer marks FLOAT attributes and uses the explicit form for empty lists and tensors")
    func writerAttributeForms() throws {
        let node = NodeDocument(name: "n", opType: "X", inputs: [], outputs: ["y"], attributes: [
            "f": .float(2), "g": .float(1e16), "h": .float(1e-5), "e": .ints([]), "fs": .floats([1, 0.5]),
            "t": .tensor(TensorData(name: "", shape: [1], int64s: [4])),
        ])
        let text = try JSONModelWriter().text(ModelDocument(nodes: [node]))
        #expect(text.contains("\"f\": 2.0"))
        #expect(text.contains("\"g\": 1e+16"))
        #expect(text.contains("\"h\": 1e-05"))
        #expect(text.contains("\"e\": {\"type\": \"ints\", \"value\": []}"))
        #expect(text.contains("\"fs\": [1.0, 0.5]"))
        #expect(text.contains("\"t\": {\"type\": \"tensor\", \"value\": {\"name\": \"\", \"shape\": [1], \"dtype\": \"int64\", \"data\": [4]}}"))
    }

    @Test("float64 values round-trip exactly, float32 data is rounded to float32")
    func numberPrecision() throws {
        let doc = RandomNetworks.mlp(inputs: 7, widths: [13, 5], outputs: 3, activation: "Relu", seed: 11)
        let again = try TestDocuments.jsonRoundTrip(doc)
        #expect(firstDifference(again, doc) == nil, "\(firstDifference(again, doc) ?? "")")

        let read = try TestDocuments.readJSON("""
        {"format": "vernier-model/1", "inputs": [], "outputs": [], "nodes": [],
         "initializers": [{"name": "a", "shape": [2], "data": [0.1, 16777217]},
                          {"name": "b", "shape": [1], "dtype": "float64", "data": [0.1]},
                          {"name": "c", "shape": [1], "dtype": "float16", "data": [0.1]}]}
        """)
        #expect(read.initializers[0].doubles == [Double(Float(0.1)), 16777216])
        #expect(read.initializers[1].doubles == [0.1])
        #expect(read.initializers[2].doubles == [0.0999755859375])
    }

    @Test("shapes: symbolic names, unknown dims (null), no shape, scalars")
    func shapes() throws {
        let doc = try TestDocuments.readJSON("""
        {"format": "vernier-model/1", "inputs": [{"name": "x", "shape": ["batch", 3, null], "dtype": "float64"}],
         "outputs": [{"name": "y", "shape": []}, {"name": "z"}], "nodes": []}
        """)
        #expect(doc.inputs[0] == ValueInfo(name: "x", shape: [.symbolic("batch"), .fixed(3), .unknown], dtype: .float64))
        #expect(doc.outputs[0].shape == [])
        #expect(doc.outputs[1].shape == nil)
        let again = try TestDocuments.jsonRoundTrip(doc)
        #expect(again == doc)
    }

    @Test("tensor data may be nested to the shape; bool data may be true/false or 0/1")
    func nestedAndBoolData() throws {
        let doc = try TestDocuments.readJSON("""
        {"format": "vernier-model/1", "inputs": [], "outputs": [], "nodes": [], "initializers": [
          {"name": "m", "shape": [2, 3], "dtype": "int64", "data": [[1, 2, 3], [4, 5, 6]]},
          {"name": "c", "shape": [2, 1, 2], "data": [[[1, 2]], [[3, 4.5]]]},
          {"name": "b", "shape": [4], "dtype": "bool", "data": [true, false, 1, 0]}]}
        """)
        #expect(doc.initializers[0].storage == .integer([1, 2, 3, 4, 5, 6]))
        #expect(doc.initializers[1].doubles == [1, 2, 3, 4.5])
        #expect(doc.initializers[2].storage == .integer([1, 0, 1, 0]))
        let text = try JSONModelWriter().text(doc)
        #expect(text.contains("\"data\": [true, false, true, false]"))
    }

    @Test("every attribute kind and dtype round-trips through JSON")
    func everythingRoundTrip() throws {
        let doc = TestDocuments.everything
        let again = try TestDocuments.jsonRoundTrip(doc)
        #expect(firstDifference(again, doc) == nil, "\(firstDifference(again, doc) ?? "")")
        // The explicit and bare forms both come back with the right kind.
        #expect(again.nodes[3].attributes["whole"] == .float(2))
        #expect(again.nodes[3].attributes["efs"] == .floats([]))
    }

    @Test("model-level fields and metadata keys that need escaping round-trip")
    func modelFields() throws {
        var doc = TestDocuments.tiny
        doc.opsets = [:]
        doc.metadata = ["a\"b": "c\\d", "\u{7}": "bell"]
        doc.irVersion = 9
        doc.producerName = ""
        doc.docString = "line1\nline2"
        #expect(try TestDocuments.jsonRoundTrip(doc) == doc)
    }
}
