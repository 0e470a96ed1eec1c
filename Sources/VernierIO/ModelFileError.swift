import Foundation
import VernierCore

/// Why a model file could not be read, written or built.
///
/// Every error renders as one line: `<file>: <where>: <what>`, where the file is present once the
/// error has passed through `ModelFile` (readers of in-memory bytes do not know it), and `<where>`
/// is a JSON path (`nodes[3].attributes.transB`), a line and column for JSON syntax errors, or the
/// ONNX element (`initializer 'W'`, `node 'fc' attribute 'body'`).
public struct ModelFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The file cannot be read or written (missing, a directory, permissions).
        case io
        /// The content is neither an ONNX model nor a `vernier-model` JSON document, or its format
        /// tag names another format or version.
        case unrecognizedFormat
        /// The syntax is broken: invalid JSON text, or protobuf bytes that do not decode
        /// (truncated or corrupt files).
        case malformed
        /// The syntax is fine but the content is wrong: a missing field, a wrong type, a data count
        /// that does not match the shape, an unknown element type, a non-finite number.
        case invalidContent
        /// Valid ONNX that Vernier does not handle: external tensor data, subgraphs, functions,
        /// sparse tensors, string tensors.
        case unsupported
        /// The document is a well-formed model file but does not build into a `Graph`.
        case graph(ModelError)
    }

    public var kind: Kind
    /// The file the error is about; nil when reading or writing bytes in memory.
    public var path: String?
    /// Where in the file: a JSON path, "line L, column C", or an ONNX element; nil for the whole file.
    public var location: String?
    public var message: String

    public init(_ kind: Kind, path: String? = nil, location: String? = nil, _ message: String) {
        self.kind = kind
        self.path = path
        self.location = location
        self.message = message
    }

    /// The same error attributed to `path` (kept if it already names a file).
    public func at(path newPath: String) -> ModelFileError {
        var e = self
        if e.path == nil { e.path = newPath }
        return e
    }

    public var description: String {
        let parts = [path, location, message].compactMap { $0 }.filter { !$0.isEmpty }
        // Names inside the file may contain line breaks; the message must stay on one line.
        return parts.joined(separator: ": ")
            .replacingOccurrences(of: "\r", with: "\\r")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
