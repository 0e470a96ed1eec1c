import Foundation

/// Entry points of the VNN-LIB reader (the subset used by VNN-COMP; see `specs/vnnlib.md`).
public enum VNNLib {
    /// Parses VNN-LIB text into a `Property` in violation form.
    ///
    /// - Parameters:
    ///   - text: the file contents.
    ///   - source: a name for the text (usually its path), used in errors and stored in
    ///     `Property.source`.
    ///   - limits: caps on the size of the formula's disjunctive normal form.
    /// - Throws: `VNNLibError` with the location of the first problem.
    public static func parse(_ text: String, source: String? = nil, limits: DNFLimits = DNFLimits()) throws(VNNLibError) -> Property {
        try parse(bytes: Array(text.utf8), source: source, limits: limits)
    }

    /// Parses VNN-LIB text given as UTF-8 bytes.
    public static func parse(bytes: [UInt8], source: String? = nil, limits: DNFLimits = DNFLimits()) throws(VNNLibError) -> Property {
        do throws(VNNLibError) {
            var parser = VNNLibParser(bytes: bytes, limits: limits)
            try parser.parse()
            var property = try VNNLibAssembler.assemble(parser)
            property.source = source
            return property
        } catch {
            var located = error
            located.source = source
            throw located
        }
    }

    /// Reads and parses a `.vnnlib` file (uncompressed). The path is used as the source name.
    public static func load(path: String) throws(VNNLibError) -> Property {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw VNNLibError(.cannotRead(reason: error.localizedDescription), source: path)
        }
        return try parse(bytes: bytes, source: path)
    }
}
