import Foundation
import SwiftProtobuf
import VernierCore

/// Writes a `ModelDocument` as ONNX protobuf bytes.
///
/// Tensors are stored as little-endian `raw_data` in their dtype (float32 values are rounded to
/// float32 — exact for values that came from float32, as everything read from ONNX did). FLOAT
/// attributes are float32 in ONNX, so `.float`/`.floats` values are rounded to float32 likewise.
/// Attributes and metadata are written sorted by name so the output is deterministic.
///
/// When the document has no `irVersion`, the IR version that goes with its default-domain opset is
/// written (ONNX runtimes refuse files without one), so such a document reads back with `irVersion`
/// set. Reading the bytes back with `ONNXReader` otherwise gives an equal document. An input or
/// output without a shape is written without one (onnxruntime accepts it; `onnx.checker` does not).
///
/// Throws `ModelFileError` (`.invalidContent`) for a tensor whose value count does not match its
/// shape or whose integer values do not fit its dtype.
public struct ONNXWriter: Sendable {
    public init() {}

    public func write(_ doc: ModelDocument) throws -> Data {
        var graph = Onnx_GraphProto()
        graph.name = doc.name
        graph.input = doc.inputs.map(valueInfo)
        graph.output = doc.outputs.map(valueInfo)
        graph.initializer = try doc.initializers.map { try tensor($0, location: "initializer '\($0.name)'") }
        graph.node = try doc.nodes.enumerated().map { try node($1, index: $0) }

        var model = Onnx_ModelProto()
        model.irVersion = Int64(doc.irVersion ?? Self.irVersion(forOpset: doc.defaultOpset))
        model.opsetImport = doc.opsets.sorted { $0.key < $1.key }.map { domain, version in
            var o = Onnx_OperatorSetIdProto()
            o.domain = domain
            o.version = Int64(version)
            return o
        }
        if let p = doc.producerName { model.producerName = p }
        if let p = doc.producerVersion { model.producerVersion = p }
        if let d = doc.docString { model.docString = d }
        model.metadataProps = doc.metadata.sorted { $0.key < $1.key }.map { key, value in
            var e = Onnx_StringStringEntryProto()
            e.key = key
            e.value = value
            return e
        }
        model.graph = graph
        return try model.serializedBytes()
    }

    /// The IR version released together with a default-domain opset (from the ONNX versioning table).
    static func irVersion(forOpset opset: Int) -> Int {
        switch opset {
        case ...8: 3
        case 9: 4
        case 10: 5
        case 11: 6
        case 12...14: 7
        case 15...18: 8
        case 19...20: 9
        case 21...22: 10
        default: 11
        }
    }

    private func valueInfo(_ info: ValueInfo) -> Onnx_ValueInfoProto {
        var tensorType = Onnx_TypeProto.Tensor()
        tensorType.elemType = Int32(info.dtype.rawValue)
        if let shape = info.shape {
            var s = Onnx_TensorShapeProto()
            s.dim = shape.map { d in
                var dim = Onnx_TensorShapeProto.Dimension()
                switch d {
                case .fixed(let n): dim.dimValue = Int64(n)
                case .symbolic(let name): dim.dimParam = name
                case .unknown: break
                }
                return dim
            }
            tensorType.shape = s
        }
        var v = Onnx_ValueInfoProto()
        v.name = info.name
        v.type.tensorType = tensorType
        return v
    }

    private func tensor(_ t: TensorData, location: String) throws -> Onnx_TensorProto {
        var p = Onnx_TensorProto()
        p.name = t.name
        p.dims = t.shape.map(Int64.init)
        p.dataType = Int32(t.dtype.rawValue)
        p.rawData = try TensorBytes.encode(t, location: location)
        return p
    }

    private func node(_ n: NodeDocument, index: Int) throws -> Onnx_NodeProto {
        let location = n.name.isEmpty ? "node #\(index) (\(n.opType))" : "node '\(n.name)' (\(n.opType))"
        var p = Onnx_NodeProto()
        p.name = n.name
        p.opType = n.opType
        if !n.domain.isEmpty { p.domain = n.domain }
        p.input = n.inputs
        p.output = n.outputs
        if let d = n.docString { p.docString = d }
        p.attribute = try n.attributes.sorted { $0.key < $1.key }.map { name, value in
            try attribute(name, value, location: "\(location) attribute '\(name)'")
        }
        return p
    }

    private func attribute(_ name: String, _ value: AttributeValue, location: String) throws -> Onnx_AttributeProto {
        var a = Onnx_AttributeProto()
        a.name = name
        switch value {
        case .int(let v): a.type = .int; a.i = v
        case .float(let v): a.type = .float; a.f = Float(v)
        case .string(let v): a.type = .string; a.s = Data(v.utf8)
        case .tensor(let t): a.type = .tensor; a.t = try tensor(t, location: location)
        case .ints(let v): a.type = .ints; a.ints = v
        case .floats(let v): a.type = .floats; a.floats = v.map(Float.init)
        case .strings(let v): a.type = .strings; a.strings = v.map { Data($0.utf8) }
        }
        return a
    }
}
