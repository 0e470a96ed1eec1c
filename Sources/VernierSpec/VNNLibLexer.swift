/// One token of a VNN-LIB (SMT-LIB) text. The text of an atom is the byte range
/// `start..<end` of the lexer's buffer, so tokenizing allocates nothing.
struct VNNLibToken {
    enum Kind {
        case open
        case close
        /// A symbol or number: any run of bytes other than whitespace, parentheses, `;`, `"`, `|`.
        case atom
        /// A `"…"` string or `|…|` quoted symbol; only meaningful inside ignored commands.
        case literal
        case end
    }

    var kind: Kind
    var start: Int
    var end: Int
    var location: SourceLocation
}

/// Splits VNN-LIB bytes into tokens, tracking line and column and skipping `;` comments.
///
/// Works on raw UTF-8 bytes: the VNN-COMP files are ASCII and can be large (mnist properties
/// have ~1600 assertions), so no per-character `String` work is done here.
struct VNNLibLexer {
    let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The location of the byte at `index` (1-based line and column).
    private var here: SourceLocation { SourceLocation(line: line, column: index - lineStart + 1) }

    mutating func next() throws(VNNLibError) -> VNNLibToken {
        skipWhitespaceAndComments()
        let location = here
        guard index < bytes.count else {
            return VNNLibToken(kind: .end, start: index, end: index, location: location)
        }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "("):
            index += 1
            return VNNLibToken(kind: .open, start: start, end: index, location: location)
        case UInt8(ascii: ")"):
            index += 1
            return VNNLibToken(kind: .close, start: start, end: index, location: location)
        case UInt8(ascii: "\""), UInt8(ascii: "|"):
            let quote = bytes[index]
            index += 1
            while index < bytes.count {
                let b = bytes[index]
                advance()
                if b == quote {
                    // SMT-LIB escapes a quote inside a string by doubling it.
                    if quote == UInt8(ascii: "\""), index < bytes.count, bytes[index] == quote {
                        index += 1
                        continue
                    }
                    return VNNLibToken(kind: .literal, start: start, end: index, location: location)
                }
            }
            throw VNNLibError(.unterminatedLiteral(openedAt: location), at: here)
        default:
            while index < bytes.count, !Self.isDelimiter(bytes[index]) { index += 1 }
            return VNNLibToken(kind: .atom, start: start, end: index, location: location)
        }
    }

    /// Moves past one byte, keeping the line count right.
    private mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        index += 1
    }

    private mutating func skipWhitespaceAndComments() {
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: ";") {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            } else if Self.isWhitespace(b) {
                advance()
            } else {
                return
            }
        }
    }

    @inline(__always)
    private static func isWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C || b == 0x0B
    }

    @inline(__always)
    private static func isDelimiter(_ b: UInt8) -> Bool {
        isWhitespace(b) || b == UInt8(ascii: "(") || b == UInt8(ascii: ")") || b == UInt8(ascii: ";")
            || b == UInt8(ascii: "\"") || b == UInt8(ascii: "|")
    }

    /// The text of a token, for error messages and names.
    func text(of token: VNNLibToken) -> String {
        String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    /// Whether an atom token's text equals `keyword`, without building a String.
    func matches(_ token: VNNLibToken, _ keyword: StaticString) -> Bool {
        let count = token.end - token.start
        guard count == keyword.utf8CodeUnitCount else { return false }
        return keyword.withUTF8Buffer { key in
            for k in 0..<count where bytes[token.start + k] != key[k] { return false }
            return true
        }
    }
}
