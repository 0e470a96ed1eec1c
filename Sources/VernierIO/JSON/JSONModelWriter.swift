import Foundation
import VernierCore

/// Writes a `ModelDocument` in the JSON model format `vernier-model/1` (see specs/model-format.md).
///
/// The output reads back with `JSONModelReader` to an equal document, given that float32 tensor
/// values are float32 values (they are rounded to float32 on write, as in ONNX). Layout: one
/// top-level member per line, one input, output, initializer or node per line. Attribute kinds
/// are unambiguous: INT as an integer literal, FLOAT always with a `.` or an exponent, empty lists
/// and tensors in the explicit `{"type": ..., "value": ...}` form. Tensors with more than
/// `base64Threshold` elements, or with non-finite values, are written as `data_base64`.
///
/// Throws `ModelFileError` (`.invalidContent`, located by JSON path) for what the format cannot
/// hold: a non-finite FLOAT attribute, a tensor whose value count does not match its shape or
/// whose integers do not fit its dtype.
public struct JSONModelWriter: Sendable {
    /// Tensors with more elements than this are written as little-endian base64.
    public var base64Threshold: Int

    public init(base64Threshold: Int = 4096) {
        self.base64Threshold = base64Threshold
    }

    public func write(_ doc: ModelDocument) throws -> Data {
        Data(try text(doc).utf8)
    }

    /// The document as JSON text (ending with a newline).
    public func text(_ doc: ModelDocument) throws -> String {
        let root = JSONPath.root
        var members: [(String, String)] = [
            ("format", JSONText.quoted(JSONModelFormat.tag)),
            ("name", JSONText.quoted(doc.name)),
        ]
        if let v = doc.producerName { members.append(("producer_name", JSONText.quoted(v))) }
        if let v = doc.producerVersion { members.append(("producer_version", JSONText.quoted(v))) }
        if let v = doc.irVersion { members.append(("ir_version", String(v))) }
        if let v = doc.docString { members.append(("doc_string", JSONText.quoted(v))) }
        members.append(("opset_import", stringMap(doc.opsets.mapValues { String($0) })))
        members.append(("inputs", list(doc.inputs.map(valueInfo))))
        members.append(("outputs", list(doc.outputs.map(valueInfo))))
        members.append(("initializers", list(try doc.initializers.enumerated().map { i, t in
            try tensor(t, path: root.key("initializers").index(i))
        })))
        members.append(("nodes", list(try doc.nodes.enumerated().map { i, n in
            try node(n, path: root.key("nodes").index(i))
        })))
        members.append(("metadata", stringMap(doc.metadata.mapValues(JSONText.quoted))))
        return "{\n" + members.map { "  \(JSONText.quoted($0)): \($1)" }.joined(separator: ",\n") + "\n}\n"
    }

    // MARK: Pieces

    /// An array with one element per line (inside the top-level object).
    private func list(_ elements: [String]) -> String {
        elements.isEmpty ? "[]" : "[\n" + elements.map { "    " + $0 }.joined(separator: ",\n") + "\n  ]"
    }

    /// An object on one line from already-encoded values, sorted by key.
    private func stringMap(_ values: [String: String]) -> String {
        "{" + values.sorted { $0.key < $1.key }.map { "\(JSONText.quoted($0.key)): \($0.value)" }.joined(separator: ", ") + "}"
    }

    private func object(_ members: [(String, String)]) -> String {
        "{" + members.map { "\(JSONText.quoted($0)): \($1)" }.joined(separator: ", ") + "}"
    }

    private func valueInfo(_ v: ValueInfo) -> String {
        var members = [("name", JSONText.quoted(v.name))]
        if let shape = v.shape {
            let dims = shape.map { d -> String in
                switch d {
                case .fixed(let n): String(n)
                case .symbolic(let s): JSONText.quoted(s)
                case .unknown: "null"
                }
            }
            members.append(("shape", "[" + dims.joined(separator: ", ") + "]"))
        }
        members.append(("dtype", JSONText.quoted(v.dtype.jsonName)))
        return object(members)
    }

    private func tensor(_ t: TensorData, path: JSONPath) throws -> String {
        let values = try TensorBytes.validated(t, location: "\(path) (tensor '\(t.name)')")
        var members = [
            ("name", JSONText.quoted(t.name)),
            ("shape", "[" + t.shape.map(String.init).joined(separator: ", ") + "]"),
            ("dtype", JSONText.quoted(t.dtype.jsonName)),
        ]
        let nonFinite = if case .floating(let v) = values { v.contains { !$0.isFinite } } else { false }
        if t.count > base64Threshold || nonFinite {
            let bytes = try TensorBytes.encode(t, location: "\(path) (tensor '\(t.name)')")
            members.append(("data_base64", "\"" + bytes.base64EncodedString() + "\""))
        } else {
            let literals: [String]
            switch values {
            case .floating(let v):
                // float16 data is written as the exact binary16 value the reader will store.
                let rounded = t.dtype == .float16 ? v.map { HalfPrecision.double(fromBits: HalfPrecision.bits(from: $0)) } : v
                literals = rounded.map { JSONText.dataLiteral($0, float32: t.dtype == .float32) }
            case .integer(let v):
                literals = t.dtype == .bool ? v.map { $0 == 0 ? "false" : "true" } : v.map(String.init)
            }
            members.append(("data", "[" + literals.joined(separator: ", ") + "]"))
        }
        return object(members)
    }

    private func node(_ n: NodeDocument, path: JSONPath) throws -> String {
        var members = [
            ("name", JSONText.quoted(n.name)),
            ("op_type", JSONText.quoted(n.opType)),
        ]
        if !n.domain.isEmpty { members.append(("domain", JSONText.quoted(n.domain))) }
        members.append(("inputs", "[" + n.inputs.map(JSONText.quoted).joined(separator: ", ") + "]"))
        members.append(("outputs", "[" + n.outputs.map(JSONText.quoted).joined(separator: ", ") + "]"))
        if !n.attributes.isEmpty {
            let encoded = try n.attributes.sorted { $0.key < $1.key }.map { name, value in
                (name, try attribute(value, path: path.key("attributes").key(name)))
            }
            members.append(("attributes", object(encoded)))
        }
        if let d = n.docString { members.append(("doc_string", JSONText.quoted(d))) }
        return object(members)
    }

    private func attribute(_ value: AttributeValue, path: JSONPath) throws -> String {
        func float(_ v: Double, _ p: JSONPath) throws -> String {
            guard v.isFinite else {
                throw ModelFileError(.invalidContent, location: "\(p)", "FLOAT attribute value \(v) is not finite; JSON cannot represent it")
            }
            return JSONText.floatLiteral(v)
        }
        func explicit(_ type: String, _ value: String) -> String {
            object([("type", JSONText.quoted(type)), ("value", value)])
        }
        switch value {
        case .int(let v): return String(v)
        case .float(let v): return try float(v, path)
        case .string(let v): return JSONText.quoted(v)
        case .tensor(let t): return explicit("tensor", try tensor(t, path: path.key("value")))
        case .ints(let v):
            let list = "[" + v.map(String.init).joined(separator: ", ") + "]"
            // A bare [] could be ints, floats or strings; the explicit form says which.
            return v.isEmpty ? explicit("ints", list) : list
        case .floats(let v):
            let list = "[" + (try v.enumerated().map { try float($1, path.index($0)) }).joined(separator: ", ") + "]"
            return v.isEmpty ? explicit("floats", list) : list
        case .strings(let v):
            let list = "[" + v.map(JSONText.quoted).joined(separator: ", ") + "]"
            return v.isEmpty ? explicit("strings", list) : list
        }
    }
}
