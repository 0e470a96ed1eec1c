import Foundation
import VernierCore

/// Reads the JSON model format `vernier-model/1` (see specs/model-format.md) into a `ModelDocument`.
///
/// Strict: unknown members, missing required members, wrong types, data counts that do not match
/// shapes, unknown dtypes, numbers out of range and NaN/Infinity literals are all rejected with a
/// `ModelFileError` whose location is the JSON path (`nodes[3].attributes.transB`) — or, for
/// syntax errors, the line and column. Number literals keep their form: in attributes an integer
/// literal is INT and a literal with `.` or an exponent is FLOAT. float32 data is rounded to float32
/// (the dtype is the precision), float16 data to float16.
public struct JSONModelReader: Sendable {
    public init() {}

    public func read(_ data: Data) throws -> ModelDocument {
        let root = try JSONParser.parse(data)
        return try document(Field(root, .root))
    }

    // MARK: Document

    private func document(_ f: Field) throws -> ModelDocument {
        let o = try f.object()
        // The format tag is checked first, so that another kind of JSON file gets a clear
        // "not this format" message instead of a complaint about its first unknown member.
        guard let tagField = o.optional("format") else {
            throw ModelFileError(.unrecognizedFormat, location: "\(f.path)",
                                 "no \"format\" member; a Vernier JSON model starts with \"format\": \"\(JSONModelFormat.tag)\"")
        }
        let tag = try tagField.string()
        guard tag == JSONModelFormat.tag else {
            throw ModelFileError(.unrecognizedFormat, location: "\(tagField.path)",
                                 "unknown format \(JSONText.quoted(tag)); this version of Vernier reads \(JSONModelFormat.tag)")
        }
        try o.rejectUnknown(["format", "name", "producer_name", "producer_version", "ir_version", "doc_string",
                             "opset_import", "inputs", "outputs", "initializers", "nodes", "metadata"])
        var doc = ModelDocument()
        doc.name = try o.optional("name")?.string() ?? doc.name
        doc.producerName = try o.optional("producer_name")?.string()
        doc.producerVersion = try o.optional("producer_version")?.string()
        doc.irVersion = try o.optional("ir_version")?.int()
        doc.docString = try o.optional("doc_string")?.string()
        if let opsets = o.optional("opset_import") {
            doc.opsets = try opsets.object().members().reduce(into: [:]) { $0[$1.key] = try $1.field.int() }
        }
        doc.inputs = try o.required("inputs").array().map(valueInfo)
        doc.outputs = try o.required("outputs").array().map(valueInfo)
        doc.initializers = try o.optional("initializers")?.array().map { try tensor($0, nameRequired: true) } ?? []
        doc.nodes = try o.required("nodes").array().map(node)
        if let metadata = o.optional("metadata") {
            doc.metadata = try metadata.object().members().reduce(into: [:]) { $0[$1.key] = try $1.field.string() }
        }
        return doc
    }

    private func valueInfo(_ f: Field) throws -> ValueInfo {
        let o = try f.object()
        try o.rejectUnknown(["name", "shape", "dtype"])
        var info = ValueInfo(name: try o.required("name").string())
        info.shape = try o.optional("shape")?.array().map { d -> ValueInfo.Dimension in
            switch d.value {
            case .number: return .fixed(try d.int())
            case .string(let s): return .symbolic(s)
            case .null: return .unknown
            default: throw d.typeError("an integer, a string (symbolic dimension) or null (unknown dimension)")
            }
        }
        if let dtype = o.optional("dtype") { info.dtype = try self.dtype(dtype) }
        return info
    }

    private func dtype(_ f: Field) throws -> DataType {
        let name = try f.string()
        guard let t = DataType(jsonName: name) else {
            throw f.error("unknown dtype \(JSONText.quoted(name)); expected one of \(DataType.allCases.map(\.jsonName).joined(separator: ", "))")
        }
        return t
    }

    // MARK: Tensors

    private func tensor(_ f: Field, nameRequired: Bool) throws -> TensorData {
        let o = try f.object()
        try o.rejectUnknown(["name", "shape", "dtype", "data", "data_base64"])
        let name = nameRequired ? try o.required("name").string() : try o.optional("name")?.string() ?? ""
        let shapeField = try o.required("shape")
        let shape = try shapeField.array().map { d -> Int in
            let n = try d.int()
            guard n >= 0 else { throw d.error("tensor '\(name)': dimension \(n) is negative") }
            return n
        }
        let count = try TensorBytes.elementCount(shape, location: "\(shapeField.path)")
        let dtype = try o.optional("dtype").map(self.dtype) ?? JSONModelFormat.defaultDType

        switch (o.optional("data"), o.optional("data_base64")) {
        case (nil, nil):
            throw f.error("tensor '\(name)' has neither \"data\" nor \"data_base64\"")
        case (_?, _?):
            throw f.error("tensor '\(name)' has both \"data\" and \"data_base64\"; give one")
        case (let data?, nil):
            let (values, nested) = try flattened(data, shape: shape, count: count, tensor: name)
            // Element paths are built only for an error: data arrays can be long.
            func at(_ k: Int) -> Field {
                var path = data.path
                if nested {
                    var rest = k
                    for stride in Self.strides(shape) { path = path.index(rest / stride); rest %= stride }
                } else {
                    path = path.index(k)
                }
                return Field(values[k], path)
            }
            let storage: TensorData.Storage
            if dtype.isFloatingPoint {
                storage = .floating(try values.indices.map { k in try floatingValue(values[k], dtype: dtype, tensor: name) { at(k) } })
            } else {
                storage = .integer(try values.indices.map { k in try integerValue(values[k], dtype: dtype, tensor: name) { at(k) } })
            }
            return TensorData(name: name, shape: shape, dtype: dtype, storage: storage)
        case (nil, let encoded?):
            guard let bytes = Data(base64Encoded: try encoded.string()) else {
                throw encoded.error("tensor '\(name)': data_base64 is not valid base64")
            }
            do {
                let storage = try TensorBytes.decode(bytes, dtype: dtype, count: count, location: "\(encoded.path)")
                return TensorData(name: name, shape: shape, dtype: dtype, storage: storage)
            } catch var e as ModelFileError {
                e.message = "tensor '\(name)' " + e.message
                throw e
            }
        }
    }

    /// The scalars of `data`: a flat row-major array of `count` numbers, or arrays nested to
    /// exactly the shape (then `nested` is true).
    private func flattened(_ data: Field, shape: [Int], count: Int, tensor name: String) throws -> (values: [JSONValue], nested: Bool) {
        guard case .array(let top) = data.value else { throw data.typeError("an array") }
        let nested = shape.count > 1 && top.contains { if case .array = $0 { true } else { false } }
        if !nested {
            guard top.count == count else {
                throw data.error("tensor '\(name)' has \(top.count) values but shape \(shape) needs \(count)")
            }
            return (top, false)
        }
        var out = [JSONValue]()
        out.reserveCapacity(count)
        func walk(_ f: Field, axis: Int) throws {
            if axis == shape.count { out.append(f.value); return }
            guard case .array = f.value else {
                throw f.error("tensor '\(name)': expected an array for axis \(axis) of shape \(shape), found \(f.value.kindDescription)")
            }
            let elements = try f.array()
            guard elements.count == shape[axis] else {
                throw f.error("tensor '\(name)' has \(elements.count) elements here but shape \(shape) needs \(shape[axis]) on axis \(axis)")
            }
            for e in elements { try walk(e, axis: axis + 1) }
        }
        try walk(data, axis: 0)
        return (out, true)
    }

    /// Row-major strides of `shape`.
    private static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        for i in stride(from: shape.count - 2, through: 0, by: -1) { strides[i] = strides[i + 1] * shape[i + 1] }
        return strides
    }

    private func floatingValue(_ value: JSONValue, dtype: DataType, tensor name: String, at field: () -> Field) throws -> Double {
        guard case .number(let n) = value else {
            throw field().typeError("a number (tensor '\(name)' is \(dtype.jsonName))")
        }
        let v: Double? = switch dtype {
        // Parsed straight to float32: rounding through Double first could differ in rare ties.
        case .float32: Float(n.literal).map(Double.init)
        case .float16: Double(n.literal).map { HalfPrecision.double(fromBits: HalfPrecision.bits(from: $0)) }
        default: Double(n.literal)
        }
        guard let value = v, value.isFinite else {
            throw field().error("tensor '\(name)': \(n.literal) is out of range for \(dtype.jsonName)")
        }
        return value
    }

    private func integerValue(_ value: JSONValue, dtype: DataType, tensor name: String, at field: () -> Field) throws -> Int64 {
        if dtype == .bool, case .bool(let b) = value { return b ? 1 : 0 }
        guard case .number(let n) = value, n.isInteger else {
            throw field().typeError("an integer literal (tensor '\(name)' is \(dtype.jsonName))")
        }
        guard let v = Int64(n.literal), TensorBytes.integerRange(of: dtype).contains(v) else {
            throw field().error("tensor '\(name)': \(n.literal) is out of range for \(dtype.jsonName)")
        }
        return v
    }

    // MARK: Nodes and attributes

    private func node(_ f: Field) throws -> NodeDocument {
        let o = try f.object()
        try o.rejectUnknown(["name", "op_type", "domain", "inputs", "outputs", "attributes", "doc_string"])
        var attributes = [String: AttributeValue]()
        if let a = o.optional("attributes") {
            for (key, field) in try a.object().members() { attributes[key] = try attribute(field) }
        }
        return NodeDocument(
            name: try o.optional("name")?.string() ?? "",
            opType: try o.required("op_type").string(),
            domain: try o.optional("domain")?.string() ?? "",
            inputs: try o.optional("inputs")?.array().map { try $0.string() } ?? [],
            outputs: try o.required("outputs").array().map { try $0.string() },
            attributes: attributes,
            docString: try o.optional("doc_string")?.string())
    }

    private func attribute(_ f: Field) throws -> AttributeValue {
        switch f.value {
        case .number(let n): return n.isInteger ? .int(try f.int64()) : .float(try f.double())
        case .string(let s): return .string(s)
        case .array(let elements):
            let items = try f.array()
            if elements.isEmpty {
                throw f.error("an empty list is ambiguous; write {\"type\": \"ints\", \"value\": []} (or \"floats\", \"strings\")")
            }
            if elements.allSatisfy({ if case .string = $0 { true } else { false } }) {
                return .strings(try items.map { try $0.string() })
            }
            let numbers = try items.map { item -> JSONNumber in
                guard case .number(let n) = item.value else {
                    throw item.typeError("a number (the list's other elements are numbers; lists hold one kind)")
                }
                return n
            }
            // One float literal makes the whole list FLOATS; the writer marks every element.
            if numbers.allSatisfy(\.isInteger) { return .ints(try items.map { try $0.int64() }) }
            return .floats(try items.map { try $0.double() })
        case .object:
            let o = try f.object()
            try o.rejectUnknown(["type", "value"])
            let typeField = try o.required("type")
            let type = try typeField.string()
            let value = try o.required("value")
            switch type {
            case "int": return .int(try value.int64())
            case "float": return .float(try value.double())
            case "string": return .string(try value.string())
            case "tensor": return .tensor(try tensor(value, nameRequired: false))
            case "ints": return .ints(try value.array().map { try $0.int64() })
            case "floats": return .floats(try value.array().map { try $0.double() })
            case "strings": return .strings(try value.array().map { try $0.string() })
            default:
                throw typeField.error("unknown attribute type \(JSONText.quoted(type)); expected one of \(JSONModelFormat.attributeTypes.joined(separator: ", "))")
            }
        case .bool, .null:
            throw f.typeError("an attribute value: a number, a string, a list or {\"type\": ..., \"value\": ...}")
        }
    }
}

/// A JSON value with its path, with typed accessors whose errors name the path.
private struct Field {
    let value: JSONValue
    let path: JSONPath

    init(_ value: JSONValue, _ path: JSONPath) {
        self.value = value
        self.path = path
    }

    func error(_ message: String) -> ModelFileError {
        ModelFileError(.invalidContent, location: "\(path)", message)
    }

    func typeError(_ expected: String) -> ModelFileError {
        error("expected \(expected), found \(value.kindDescription)")
    }

    func string() throws -> String {
        guard case .string(let s) = value else { throw typeError("a string") }
        return s
    }

    /// An integer literal that fits `Int` (a literal with `.` or an exponent is not an integer).
    func int() throws -> Int {
        guard case .number(let n) = value, n.isInteger else { throw typeError("an integer") }
        guard let v = Int(n.literal) else { throw error("integer \(n.literal) is out of range") }
        return v
    }

    func int64() throws -> Int64 { Int64(try int()) }

    /// Any number literal, as the nearest `Double`; must be finite.
    func double() throws -> Double {
        guard case .number(let n) = value else { throw typeError("a number") }
        guard let v = Double(n.literal), v.isFinite else { throw error("number \(n.literal) is out of range") }
        return v
    }

    func array() throws -> [Field] {
        guard case .array(let elements) = value else { throw typeError("an array") }
        return elements.enumerated().map { Field($1, path.index($0)) }
    }

    func object() throws -> ObjectField {
        guard case .object(let o) = value else { throw typeError("an object") }
        return ObjectField(object: o, path: path)
    }
}

/// A JSON object with its path.
private struct ObjectField {
    let object: JSONObject
    let path: JSONPath

    func optional(_ key: String) -> Field? {
        object[key].map { Field($0, path.key(key)) }
    }

    func required(_ key: String) throws -> Field {
        guard let f = optional(key) else {
            throw ModelFileError(.invalidContent, location: "\(path)", "missing required member \(JSONText.quoted(key))")
        }
        return f
    }

    /// Members in document order.
    func members() -> [(key: String, field: Field)] {
        object.keys.compactMap { key in object[key].map { (key, Field($0, path.key(key))) } }
    }

    func rejectUnknown(_ allowed: Set<String>) throws {
        if let k = object.keys.first(where: { !allowed.contains($0) }) {
            throw ModelFileError(.invalidContent, location: "\(path.key(k))",
                                 "unknown member \(JSONText.quoted(k)); allowed here: \(allowed.sorted().joined(separator: ", "))")
        }
    }
}
