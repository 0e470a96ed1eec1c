import Foundation
import VernierCore

/// Loading and saving model files in either format, chosen by extension.
///
/// `.onnx` is ONNX protobuf and `.json` is `vernier-model/1` (extensions compare case-insensitively).
/// When loading a file with any other extension the content decides: text starting with `{` is
/// read as JSON, anything else as ONNX. Every error is a `ModelFileError` carrying the path.
public enum ModelFile {
    public enum Format: String, Sendable, CaseIterable {
        case onnx
        case json

        /// The format an extension names, or nil for other extensions.
        public init?(path: String) {
            let ext = (path as NSString).pathExtension.lowercased()
            guard let f = Format(rawValue: ext) else { return nil }
            self = f
        }
    }

    /// Reads the model document at `path`.
    public static func load(path: String) throws -> ModelDocument {
        let bytes = try readBytes(path)
        let format = Format(path: path) ?? sniff(bytes)
        do {
            return try decode(bytes, format: format)
        } catch let e as ModelFileError {
            throw e.at(path: path)
        }
    }

    /// Reads the model at `path` and builds its executable graph (`GraphBuilder().build`).
    /// A document that does not build gives kind `.graph` with the builder's `ModelError`.
    public static func loadGraph(path: String, builder: GraphBuilder = GraphBuilder()) throws -> Graph {
        let doc = try load(path: path)
        do {
            return try builder.build(doc)
        } catch let e as ModelError {
            throw ModelFileError(.graph(e), path: path, e.description)
        }
    }

    /// Writes `doc` to `path` in `format`, or in the format the extension names. The file is
    /// replaced atomically, so a failed save leaves the old file intact.
    public static func save(_ doc: ModelDocument, to path: String, format: Format? = nil) throws {
        guard let format = format ?? Format(path: path) else {
            throw ModelFileError(.unrecognizedFormat, path: path,
                                 "cannot tell the format from the extension; use .onnx or .json (or pass a format)")
        }
        let bytes: Data
        do {
            bytes = try encode(doc, format: format)
        } catch let e as ModelFileError {
            throw e.at(path: path)
        }
        do {
            try bytes.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ModelFileError(.io, path: path, "cannot write the file (\(reason(error)))")
        }
    }

    /// Decodes in-memory bytes; `format` nil means decide by content as for unknown extensions.
    public static func decode(_ bytes: Data, format: Format? = nil) throws -> ModelDocument {
        switch format ?? sniff(bytes) {
        case .onnx: try ONNXReader().read(bytes)
        case .json: try JSONModelReader().read(bytes)
        }
    }

    /// Encodes a document in `format`.
    public static func encode(_ doc: ModelDocument, format: Format) throws -> Data {
        switch format {
        case .onnx: try ONNXWriter().write(doc)
        case .json: try JSONModelWriter().write(doc)
        }
    }

    // MARK: Helpers

    /// JSON if the first non-blank byte (after an optional UTF-8 BOM) is `{`, else ONNX — an ONNX
    /// file starts with a protobuf field tag, never with `{` (0x7B would be field 15, wire type 3,
    /// a deprecated group that ModelProto does not have).
    static func sniff(_ bytes: Data) -> Format {
        var rest = bytes[...]
        if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
        let first = rest.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        return first == UInt8(ascii: "{") ? .json : .onnx
    }

    private static func readBytes(_ path: String) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ModelFileError(.io, path: path, "no such file")
        }
        guard !isDirectory.boolValue else {
            throw ModelFileError(.io, path: path, "is a directory, not a model file")
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ModelFileError(.io, path: path, "cannot read the file (\(reason(error)))")
        }
    }

    /// A short, one-line reason from a Foundation error.
    private static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        return ns.localizedDescription
    }
}
