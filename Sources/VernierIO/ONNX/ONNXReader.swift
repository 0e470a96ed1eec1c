import Foundation
import SwiftProtobuf
import VernierCore

/// Reads ONNX protobuf bytes (`.onnx` files) into a `ModelDocument`, one-to-one.
///
/// Kept as the file says: node order and names, `Constant` nodes (the builder folds them), graph
/// inputs that are also initializers (old exporters list them; the builder filters them), every
/// attribute of kind INT, FLOAT, STRING, TENSOR, INTS, FLOATS, STRINGS. FLOAT attributes and float32
/// tensors are float32 in the file and are held exactly as `Double`.
///
/// Rejected with a `ModelFileError`: bytes that do not decode as an ONNX model (`.malformed`);
/// external tensor data, subgraph (GRAPH) and other exotic attributes, local functions, sparse
/// initializers and non-tensor inputs (`.unsupported`); data counts that do not match shapes and
/// unknown element types (`.invalidContent` / `.unsupported`). The error's location names the
/// initializer, input, output, node or attribute.
public struct ONNXReader: Sendable {
    public init() {}

    public func read(_ bytes: Data) throws -> ModelDocument {
        let model: Onnx_ModelProto
        do {
            model = try Onnx_ModelProto(serializedBytes: bytes)
        } catch {
            throw ModelFileError(.malformed, "not a valid ONNX model: the protobuf data does not decode (truncated or corrupt file?)")
        }
        // Protobuf decoding is permissive (unknown fields are skipped), so a graph is what tells
        // an ONNX model apart from arbitrary bytes that happen to decode.
        guard model.hasGraph else {
            throw ModelFileError(.malformed, "not an ONNX model: the data decodes but holds no graph")
        }
        if !model.functions.isEmpty {
            let names = model.functions.prefix(5).map { "'\($0.name)'" }.joined(separator: ", ")
            throw ModelFileError(.unsupported, location: "functions",
                                 "the model defines local functions (\(names)); Vernier reads plain graphs only (inline the functions first)")
        }
        let graph = model.graph
        if let sparse = graph.sparseInitializer.first {
            throw ModelFileError(.unsupported, location: "sparse initializer '\(sparse.values.name)'",
                                 "sparse initializers are not supported; store the tensor densely")
        }

        var doc = ModelDocument(name: graph.name)
        doc.inputs = try graph.input.map { try valueInfo($0, role: "input") }
        doc.outputs = try graph.output.map { try valueInfo($0, role: "output") }
        doc.initializers = try graph.initializer.map { try tensor($0, location: "initializer '\($0.name)'") }
        doc.nodes = try graph.node.enumerated().map { try node($1, index: $0) }
        doc.opsets = try opsets(model.opsetImport)
        doc.metadata = try metadata(model.metadataProps)
        doc.irVersion = model.hasIrVersion ? Int(model.irVersion) : nil
        doc.producerName = model.hasProducerName ? model.producerName : nil
        doc.producerVersion = model.hasProducerVersion ? model.producerVersion : nil
        doc.docString = model.hasDocString ? model.docString : nil
        return doc
    }

    // MARK: Graph inputs and outputs

    private func valueInfo(_ info: Onnx_ValueInfoProto, role: String) throws -> ValueInfo {
        let location = "\(role) '\(info.name)'"
        // A value without a type is legal ONNX; float32 is the only sensible reading.
        guard info.hasType, let value = info.type.value else { return ValueInfo(name: info.name) }
        guard case .tensorType(let tensorType) = value else {
            throw ModelFileError(.unsupported, location: location,
                                 "has a non-tensor type (sequence, map, optional or sparse); Vernier reads tensors only")
        }
        let dtype = tensorType.elemType == 0 ? .float32 : try dataType(tensorType.elemType, location: location)
        guard tensorType.hasShape else { return ValueInfo(name: info.name, shape: nil, dtype: dtype) }
        let shape = tensorType.shape.dim.map { dim -> ValueInfo.Dimension in
            switch dim.value {
            case .dimValue(let n)?: .fixed(Int(n))
            case .dimParam(let s)?: .symbolic(s)
            case nil: .unknown
            }
        }
        return ValueInfo(name: info.name, shape: shape, dtype: dtype)
    }

    // MARK: Tensors

    private func tensor(_ t: Onnx_TensorProto, location: String) throws -> TensorData {
        if t.dataLocation == .external || !t.externalData.isEmpty {
            let file = t.externalData.first { $0.key == "location" }?.value ?? "?"
            throw ModelFileError(.unsupported, location: location,
                                 "stores its data in an external file ('\(file)'); re-save the model with the data embedded")
        }
        if t.hasSegment {
            throw ModelFileError(.unsupported, location: location, "is a segment of a larger tensor; segmented tensors are not supported")
        }
        let dtype = try dataType(t.dataType, location: location)
        let count = try TensorBytes.elementCount(t.dims, location: location)
        let shape = t.dims.map { Int($0) }
        if t.hasRawData {
            let storage = try TensorBytes.decode(t.rawData, dtype: dtype, count: count, location: location)
            return TensorData(name: t.name, shape: shape, dtype: dtype, storage: storage)
        }

        func checkCount(_ n: Int, _ field: String) throws {
            guard n == count else {
                throw ModelFileError(.invalidContent, location: location,
                                     "has \(n) values in \(field) but shape \(shape) needs \(count)")
            }
        }
        let storage: TensorData.Storage
        switch dtype {
        case .float32:
            try checkCount(t.floatData.count, "float_data")
            storage = .floating(t.floatData.map(Double.init))
        case .float64:
            try checkCount(t.doubleData.count, "double_data")
            storage = .floating(t.doubleData)
        case .int64:
            try checkCount(t.int64Data.count, "int64_data")
            storage = .integer(t.int64Data)
        case .float16:
            try checkCount(t.int32Data.count, "int32_data")
            // float16 values travel as their bit patterns in the low 16 bits.
            storage = .floating(t.int32Data.map { HalfPrecision.double(fromBits: UInt16(truncatingIfNeeded: $0)) })
        case .int32, .int8, .uint8, .bool:
            try checkCount(t.int32Data.count, "int32_data")
            let range = TensorBytes.integerRange(of: dtype)
            let values = t.int32Data.map(Int64.init)
            if let i = values.firstIndex(where: { !range.contains($0) }) {
                throw ModelFileError(.invalidContent, location: location,
                                     "int32_data[\(i)] = \(values[i]) is out of range for \(dtype.jsonName)")
            }
            storage = .integer(values)
        }
        return TensorData(name: t.name, shape: shape, dtype: dtype, storage: storage)
    }

    private func dataType(_ code: Int32, location: String) throws -> DataType {
        if let t = DataType(rawValue: Int(code)) { return t }
        let name = Onnx_TensorProto.DataType(rawValue: Int(code)).map { "\($0)".uppercased() } ?? "unknown"
        throw ModelFileError(.unsupported, location: location,
                             "has element type \(name) (code \(code)); Vernier reads \(DataType.allCases.map(\.jsonName).joined(separator: ", "))")
    }

    // MARK: Nodes and attributes

    private func node(_ n: Onnx_NodeProto, index: Int) throws -> NodeDocument {
        let location = n.name.isEmpty ? "node #\(index) (\(n.opType))" : "node '\(n.name)' (\(n.opType))"
        var attributes = [String: AttributeValue]()
        for a in n.attribute {
            let attributeLocation = "\(location) attribute '\(a.name)'"
            guard attributes[a.name] == nil else {
                throw ModelFileError(.invalidContent, location: attributeLocation, "is given twice")
            }
            attributes[a.name] = try attribute(a, location: attributeLocation)
        }
        return NodeDocument(name: n.name, opType: n.opType, domain: n.domain, inputs: n.input, outputs: n.output,
                            attributes: attributes, docString: n.hasDocString ? n.docString : nil)
    }

    private func attribute(_ a: Onnx_AttributeProto, location: String) throws -> AttributeValue {
        if a.hasRefAttrName {
            throw ModelFileError(.unsupported, location: location, "refers to a function attribute; ONNX functions are not supported")
        }
        func string(_ data: Data) throws -> String {
            guard let s = String(data: data, encoding: .utf8) else {
                throw ModelFileError(.invalidContent, location: location, "holds a string that is not valid UTF-8")
            }
            return s
        }
        switch a.hasType ? a.type : inferredType(a) {
        case .float: return .float(Double(a.f))
        case .int: return .int(a.i)
        case .string: return .string(try string(a.s))
        case .tensor: return .tensor(try tensor(a.t, location: location))
        case .floats: return .floats(a.floats.map(Double.init))
        case .ints: return .ints(a.ints)
        case .strings: return .strings(try a.strings.map(string))
        case .graph, .graphs:
            throw ModelFileError(.unsupported, location: location,
                                 "is a subgraph (GRAPH attribute); Vernier does not support control flow or subgraphs")
        case .sparseTensor, .sparseTensors:
            throw ModelFileError(.unsupported, location: location, "is a sparse tensor; store it densely")
        case .tensors:
            throw ModelFileError(.unsupported, location: location, "is a list of tensors (TENSORS), which Vernier does not read")
        case .typeProto, .typeProtos:
            throw ModelFileError(.unsupported, location: location, "is a type (TYPE_PROTO), which Vernier does not read")
        case .undefined:
            throw ModelFileError(.invalidContent, location: location, "has no type and no value")
        }
    }

    /// Files from before IR version 2 leave out the attribute type; the set field tells it.
    private func inferredType(_ a: Onnx_AttributeProto) -> Onnx_AttributeProto.AttributeType {
        if a.hasF { return .float }
        if a.hasI { return .int }
        if a.hasS { return .string }
        if a.hasT { return .tensor }
        if a.hasG { return .graph }
        if !a.floats.isEmpty { return .floats }
        if !a.ints.isEmpty { return .ints }
        if !a.strings.isEmpty { return .strings }
        if !a.graphs.isEmpty { return .graphs }
        return .undefined
    }

    // MARK: Model-level fields

    private func opsets(_ imports: [Onnx_OperatorSetIdProto]) throws -> [String: Int] {
        var result = [String: Int]()
        for o in imports {
            let version = Int(o.version)
            // Some tools list the same import twice (seen in the wild); only a conflict is an error.
            if let seen = result[o.domain], seen != version {
                throw ModelFileError(.invalidContent, location: "opset_import",
                                     "domain '\(o.domain)' is imported at both version \(seen) and \(version)")
            }
            result[o.domain] = version
        }
        return result
    }

    private func metadata(_ props: [Onnx_StringStringEntryProto]) throws -> [String: String] {
        var result = [String: String]()
        for p in props {
            if let seen = result[p.key], seen != p.value {
                throw ModelFileError(.invalidContent, location: "metadata_props",
                                     "key '\(p.key)' is given twice with different values")
            }
            result[p.key] = p.value
        }
        return result
    }
}
