/// A minimal JSON document model and parser, enough for input data files.
///
/// Written here rather than using Foundation's `JSONSerialization` to get exact Double
/// parsing, line:column error positions, and a clear distinction between numbers and booleans.
/// `NaN`, `Infinity` and `-Infinity` (which Python's `json` module writes) are read as numbers
/// so that the data check can reject them *by index*.
enum JSONValue {
    case number(Double)
    case string(String)
    case bool(Bool)
    case null
    indirect case array([JSONValue])
    indirect case object([(key: String, value: JSONValue)])

    /// A short description of the kind of value, for "expected X, found Y" messages.
    var kindName: String {
        switch self {
        case .number: return "a number"
        case .string: return "a string"
        case .bool: return "a boolean"
        case .null: return "null"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    struct SyntaxError: Error {
        var line: Int
        var column: Int
        var message: String
    }

    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        if parser.index < bytes.count { throw parser.error("unexpected text after the JSON value") }
        return value
    }
}

private struct JSONParser {
    /// Input data needs a handful of levels; the cap keeps a hostile file from exhausting
    /// the stack of this recursive parser.
    static let maxDepth = 64

    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    func error(_ message: String) -> JSONValue.SyntaxError {
        var line = 1, lineStart = 0
        for k in 0..<min(index, bytes.count) where bytes[k] == UInt8(ascii: "\n") {
            line += 1
            lineStart = k + 1
        }
        return JSONValue.SyntaxError(line: line, column: index - lineStart + 1, message: message)
    }

    mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
    }

    mutating func value(depth: Int) throws(JSONValue.SyntaxError) -> JSONValue {
        skipSpace()
        guard index < bytes.count else { throw error("unexpected end of file, expected a value") }
        if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
        switch bytes[index] {
        case UInt8(ascii: "["):
            index += 1
            var items: [JSONValue] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            while true {
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard index < bytes.count else { throw error("unexpected end of file, expected ',' or ']'") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                throw error("expected ',' or ']'")
            }
        case UInt8(ascii: "{"):
            index += 1
            var members: [(key: String, value: JSONValue)] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
                let key = try string()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
                index += 1
                members.append((key, try value(depth: depth + 1)))
                skipSpace()
                guard index < bytes.count else { throw error("unexpected end of file, expected ',' or '}'") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                throw error("expected ',' or '}'")
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        default:
            let start = index
            while index < bytes.count, !isDelimiter(bytes[index]) { index += 1 }
            let word = bytes[start..<index]
            if let number = DecimalNumber.parse(word) { return .number(number) }
            switch String(decoding: word, as: UTF8.self) {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            case "NaN": return .number(.nan)
            case "Infinity": return .number(.infinity)
            case "-Infinity": return .number(-.infinity)
            default:
                index = start
                throw error(word.isEmpty ? "expected a value" : "unexpected '\(String(decoding: word, as: UTF8.self))'")
            }
        }
    }

    private func isDelimiter(_ b: UInt8) -> Bool {
        b == UInt8(ascii: ",") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}") || b == UInt8(ascii: ":")
            || b == UInt8(ascii: "[") || b == UInt8(ascii: "{") || b == UInt8(ascii: "\"")
            || b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
    }

    /// A string literal starting at the opening quote. Escapes are decoded except `\u`,
    /// which is kept verbatim: keys here are plain ASCII.
    private mutating func string() throws(JSONValue.SyntaxError) -> String {
        index += 1
        var out: [UInt8] = []
        while index < bytes.count {
            let b = bytes[index]
            index += 1
            if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            if b == UInt8(ascii: "\\"), index < bytes.count {
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"): out.append(contentsOf: [UInt8(ascii: "\\"), e])
                default: out.append(e)
                }
            } else {
                out.append(b)
            }
        }
        throw error("unterminated string")
    }
}
