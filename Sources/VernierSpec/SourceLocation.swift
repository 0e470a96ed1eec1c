/// A position in a text file, used to point error messages at the offending token.
///
/// Both numbers are 1-based. Columns count UTF-8 bytes, which for the ASCII text that
/// VNN-LIB files consist of is the same as counting characters.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`, the form compilers use, so editors can jump to it.
    public var description: String { "\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}
