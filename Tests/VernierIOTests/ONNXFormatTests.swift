import Foundation
import SwiftProtobuf
import Testing
import VernierCore
@testable import VernierIO

/// ONNX reading and writing on hand-made protobuf messages (the generated types are internal).
@Suite("ONNX reader and writer")
struct ONNXFormatTests {
    /// A one-node model around `graph` changes.
    static func model(_ edit: (inout Onnx_GraphProto) -> Void, functions: [Onnx_FunctionProto] = []) throws -> Data {
        var g = Onnx_GraphProto()
        g.name = "g"
        var x = Onnx_ValueInfoProto()
        x.name = "x"
        g.input = [x]
        var node = Onnx_NodeProto()
        node.name = "n"
        node.opType = "Relu"
        node.input = ["x"]
        node.output = ["y"]
        g.node = [node]
        edit(&g)
        var m = Onnx_ModelProto()
        m.irVersion = 8
        var o = Onnx_OperatorSetIdProto()
        o.version = 17
        m.opsetImport = [o]
        m.graph = g
        m.functions = functions
        return try m.serializedBytes()
    }

    static func tensorProto(_ name: String, dims: [Int64], type: Onnx_TensorProto.DataType,
                            _ fill: (inout Onnx_TensorProto) -> Void) -> Onnx_TensorProto {
        var t = Onnx_TensorProto()
        t.name = name
        t.dims = dims
        t.dataType = Int32(type.rawValue)
        fill(&t)
        return t
    }

    @Test("every attribute kind and dtype round-trips through ONNX")
    func everythingRoundTrip() throws {
        let doc = TestDocuments.everything
        let again = try TestDocuments.onnxRoundTrip(doc)
        #expect(firstDifference(again, doc) == nil, "\(firstDifference(again, doc) ?? "")")
        // And on through JSON and back to ONNX bytes, the same document.
        let viaJSON = try TestDocuments.onnxRoundTrip(TestDocuments.jsonRoundTrip(again))
        #expect(firstDifference(viaJSON, doc) == nil, "\(firstDifference(viaJSON, doc) ?? "")")
    }

    @Test("writer output: raw_data initializers, typed attributes, dims, opsets, metadata")
    func writerFields() throws {
        let bytes = try ONNXWriter().write(TestDocuments.everything)
        let m = try Onnx_ModelProto(serializedBytes: bytes)
        #expect(m.irVersion == 7)
        #expect(Set(m.opsetImport.map { "\($0.domain)=\($0.version)" }) == ["=13", "vernier.test=1"])
        #expect(m.producerName == "test" && m.producerVersion == "1.0" && m.docString == "model doc")
        #expect(m.metadataProps.map(\.key) == ["", "k", "multi\nline"])
        let f32 = m.graph.initializer[0]
        #expect(f32.hasRawData && f32.floatData.isEmpty && f32.dataType == 1 && f32.dims == [2, 3])
        #expect(f32.rawData.count == 24)
        #expect(m.graph.initializer.allSatisfy { $0.hasRawData })
        let x = m.graph.input[0].type.tensorType
        #expect(x.elemType == 1)
        #expect(x.shape.dim.map(\.value) == [.dimParam("batch"), .dimValue(3), nil])
        #expect(!m.graph.input[2].type.tensorType.hasShape)
        let attrs = Dictionary(uniqueKeysWithValues: m.graph.node[3].attribute.map { ($0.name, $0) })
        #expect(attrs["i"]?.type == .int && attrs["i"]?.i == -3)
        #expect(attrs["f"]?.type == .float && attrs["f"]?.f == 0.5)
        #expect(attrs["s"]?.type == .string)
        #expect(attrs["t"]?.type == .tensor && attrs["t"]?.t.dataType == 7)
        #expect(attrs["is"]?.type == .ints && attrs["fs"]?.type == .floats && attrs["ss"]?.type == .strings)
        #expect(attrs["eis"]?.type == .ints && attrs["efs"]?.type == .floats && attrs["ess"]?.type == .strings)
        #expect(m.graph.node[3].attribute.map(\.name) == m.graph.node[3].attribute.map(\.name).sorted())
        #expect(m.graph.node[3].domain == "vernier.test" && !m.graph.node[0].hasDomain)
    }

    @Test("FLOAT attributes are float32 in ONNX")
    func floatAttributesRound() throws {
        let doc = ModelDocument(nodes: [NodeDocument(name: "n", opType: "X", inputs: [], outputs: ["y"],
                                                     attributes: ["a": .float(0.1), "b": .floats([0.1])])])
        let again = try TestDocuments.onnxRoundTrip(doc)
        #expect(again.nodes[0].attributes["a"] == .float(Double(Float(0.1))))
        #expect(again.nodes[0].attributes["b"] == .floats([Double(Float(0.1))]))
    }

    @Test("a missing IR version is written as the one that goes with the opset")
    func defaultIRVersion() throws {
        var doc = TestDocuments.tiny
        doc.opsets = ["": 17]
        #expect(try TestDocuments.onnxRoundTrip(doc).irVersion == 8)
        doc.opsets = ["": 11]
        #expect(try TestDocuments.onnxRoundTrip(doc).irVersion == 6)
        doc.irVersion = 3
        #expect(try TestDocuments.onnxRoundTrip(doc).irVersion == 3)
    }

    @Test("typed data fields: float_data, double_data, int64_data, int32_data (int32, int8, uint8, bool, float16)")
    func typedFields() throws {
        let bytes = try Self.model { g in
            g.initializer = [
                Self.tensorProto("f", dims: [2], type: .float) { $0.floatData = [1.5, -2] },
                Self.tensorProto("d", dims: [1], type: .double) { $0.doubleData = [0.1] },
                Self.tensorProto("l", dims: [2], type: .int64) { $0.int64Data = [.max, -1] },
                Self.tensorProto("i", dims: [1], type: .int32) { $0.int32Data = [-5] },
                Self.tensorProto("b", dims: [2], type: .int8) { $0.int32Data = [-128, 7] },
                Self.tensorProto("u", dims: [1], type: .uint8) { $0.int32Data = [200] },
                Self.tensorProto("t", dims: [2], type: .bool) { $0.int32Data = [1, 0] },
                Self.tensorProto("h", dims: [1], type: .float16) { $0.int32Data = [0x3C00] },
                Self.tensorProto("s", dims: [], type: .float) { $0.floatData = [3] },
            ]
        }
        let inits = try ONNXReader().read(bytes).initializers
        #expect(inits.map(\.dtype) == [.float32, .float64, .int64, .int32, .int8, .uint8, .bool, .float16, .float32])
        #expect(inits[0].storage == .floating([1.5, -2]))
        #expect(inits[1].storage == .floating([0.1]))
        #expect(inits[2].storage == .integer([.max, -1]))
        #expect(inits[3].storage == .integer([-5]))
        #expect(inits[4].storage == .integer([-128, 7]))
        #expect(inits[5].storage == .integer([200]))
        #expect(inits[6].storage == .integer([1, 0]))
        #expect(inits[7].storage == .floating([1]))
        #expect(inits[8].shape == [] && inits[8].storage == .floating([3]))
    }

    @Test("inputs that are also initializers are kept as the file lists them")
    func initializerInputsKept() throws {
        let bytes = try Self.model { g in
            var w = Onnx_ValueInfoProto()
            w.name = "W"
            w.type.tensorType.elemType = 1
            g.input.append(w)
            g.initializer = [Self.tensorProto("W", dims: [1], type: .float) { $0.floatData = [2] }]
        }
        let doc = try ONNXReader().read(bytes)
        #expect(doc.inputs.map(\.name) == ["x", "W"])
        #expect(doc.initializers.map(\.name) == ["W"])
        // A value without type information reads as a float32 of unknown shape.
        #expect(doc.inputs[0] == ValueInfo(name: "x", shape: nil, dtype: .float32))
    }

    @Test("Constant nodes stay nodes with their value attributes")
    func constantNodes() throws {
        let bytes = try Self.model { g in
            var c = Onnx_NodeProto()
            c.name = "c"
            c.opType = "Constant"
            c.output = ["k"]
            var a = Onnx_AttributeProto()
            a.name = "value"
            a.type = .tensor
            a.t = Self.tensorProto("", dims: [2], type: .float) { $0.rawData = Data([0, 0, 0x80, 0x3F, 0, 0, 0, 0x40]) }
            c.attribute = [a]
            var d = Onnx_NodeProto()
            d.name = "d"
            d.opType = "Constant"
            d.output = ["k2"]
            var b = Onnx_AttributeProto()
            b.name = "value_ints"
            b.type = .ints
            b.ints = [1, 2]
            d.attribute = [b]
            g.node.insert(contentsOf: [c, d], at: 0)
        }
        let doc = try ONNXReader().read(bytes)
        #expect(doc.nodes.map(\.opType) == ["Constant", "Constant", "Relu"])
        #expect(doc.nodes[0].attributes["value"] == .tensor(TensorData(name: "", shape: [2], doubles: [1, 2], dtype: .float32)))
        #expect(doc.nodes[1].attributes["value_ints"] == .ints([1, 2]))
    }

    @Test("attributes without a type field (very old files) are typed by the field that is set")
    func inferredAttributeTypes() throws {
        let bytes = try Self.model { g in
            var f = Onnx_AttributeProto(); f.name = "f"; f.f = 1.5
            var i = Onnx_AttributeProto(); i.name = "i"; i.i = 4
            var s = Onnx_AttributeProto(); s.name = "s"; s.s = Data("v".utf8)
            var l = Onnx_AttributeProto(); l.name = "l"; l.ints = [1]
            g.node[0].attribute = [f, i, s, l]
        }
        let a = try ONNXReader().read(bytes).nodes[0].attributes
        #expect(a == ["f": .float(1.5), "i": .int(4), "s": .string("v"), "l": .ints([1])])
    }

    @Test("opset imports listed twice at the same version are accepted; conflicting versions are not")
    func duplicateOpsets() throws {
        var m = try Onnx_ModelProto(serializedBytes: try Self.model { _ in })
        m.opsetImport.append(m.opsetImport[0])
        #expect(try ONNXReader().read(try m.serializedBytes()).opsets == ["": 17])
        m.opsetImport[1].version = 11
        let e = #expect(throws: ModelFileError.self) { try ONNXReader().read(try m.serializedBytes()) }
        #expect(e?.kind == .invalidContent)
        #expect(e?.description == "opset_import: domain '' is imported at both version 17 and 11")
    }
}
