import Foundation

/// A strict RFC 8259 JSON parser producing `JSONValue`.
///
/// Written by hand (rather than `JSONSerialization`/`JSONDecoder`) to keep number literals as
/// written and to report errors with a line, a column and the JSON path being parsed. Rejects
/// what RFC 8259 rejects — trailing commas, comments, single quotes, leading zeros, `NaN` and
/// `Infinity` — plus duplicate object keys, invalid UTF-8 and nesting deeper than `maxDepth`.
/// Errors are `ModelFileError` with kind `.malformed`.
struct JSONParser {
    static let maxDepth = 512

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0
    /// The path of the value being parsed, for error messages.
    private var path: [JSONPath.Component] = []

    private init(_ data: Data) {
        var b = [UInt8](data)
        // A UTF-8 byte-order mark is not JSON but some editors write one; it carries no meaning.
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b.removeFirst(3) }
        bytes = b
    }

    static func parse(_ data: Data) throws -> JSONValue {
        var p = JSONParser(data)
        p.skipWhitespace()
        let value = try p.parseValue()
        p.skipWhitespace()
        guard p.position == p.bytes.count else {
            throw p.error("unexpected \(p.describeNext()) after the end of the JSON value")
        }
        return value
    }

    // MARK: Values

    private mutating func parseValue() throws -> JSONValue {
        guard position < bytes.count else { throw error("unexpected end of the file, expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: return try parseWord()
        }
    }

    private mutating func parseWord() throws -> JSONValue {
        let start = position
        while position < bytes.count, isWordByte(bytes[position]) { position += 1 }
        let word = String(decoding: bytes[start..<position], as: UTF8.self)
        switch word {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        case "NaN", "nan", "Infinity", "infinity", "inf", "Inf":
            position = start
            throw error("\(word) is not a JSON number; non-finite values cannot be written as numbers")
        default:
            position = start
            throw error("unexpected \(describeNext()), expected a value")
        }
    }

    private func isWordByte(_ b: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
    }

    private mutating func enter() throws {
        depth += 1
        guard depth <= Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth) levels") }
    }

    private mutating func parseObject() throws -> JSONValue {
        try enter()
        position += 1  // {
        var object = JSONObject()
        skipWhitespace()
        if peek(UInt8(ascii: "}")) { position += 1; depth -= 1; return .object(object) }
        while true {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else {
                throw error("expected a member name in double quotes, found \(describeNext())")
            }
            let keyStart = position
            let key = try parseString()
            guard object.values[key] == nil else {
                position = keyStart
                throw error("duplicate key \(JSONText.quoted(key))")
            }
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { throw error("expected ':' after the member name, found \(describeNext())") }
            position += 1
            skipWhitespace()
            path.append(.key(key))
            let value = try parseValue()
            path.removeLast()
            object.keys.append(key)
            object.values[key] = value
            skipWhitespace()
            if peek(UInt8(ascii: ",")) { position += 1; continue }
            if peek(UInt8(ascii: "}")) { position += 1; break }
            throw error("expected ',' or '}' after an object member, found \(describeNext())")
        }
        depth -= 1
        return .object(object)
    }

    private mutating func parseArray() throws -> JSONValue {
        try enter()
        position += 1  // [
        var elements = [JSONValue]()
        skipWhitespace()
        if peek(UInt8(ascii: "]")) { position += 1; depth -= 1; return .array(elements) }
        while true {
            skipWhitespace()
            path.append(.index(elements.count))
            elements.append(try parseValue())
            path.removeLast()
            skipWhitespace()
            if peek(UInt8(ascii: ",")) { position += 1; continue }
            if peek(UInt8(ascii: "]")) { position += 1; break }
            throw error("expected ',' or ']' after an array element, found \(describeNext())")
        }
        depth -= 1
        return .array(elements)
    }

    // MARK: Numbers

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, kept as text.
    private mutating func parseNumber() throws -> JSONNumber {
        let start = position
        var isInteger = true
        if peek(UInt8(ascii: "-")) {
            position += 1
            if position < bytes.count, isWordByte(bytes[position]) {
                // "-Infinity" and friends get the same message as "Infinity".
                position = start + 1
                _ = try parseWord()
                position = start + 1
            }
        }
        guard position < bytes.count, isDigit(bytes[position]) else {
            throw error("expected a digit in a number, found \(describeNext())")
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) {
                position = start
                throw error("numbers must not have leading zeros")
            }
        } else {
            skipDigits()
        }
        if peek(UInt8(ascii: ".")) {
            isInteger = false
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw error("expected a digit after the decimal point, found \(describeNext())")
            }
            skipDigits()
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            isInteger = false
            position += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { position += 1 }
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw error("expected a digit in the exponent, found \(describeNext())")
            }
            skipDigits()
        }
        return JSONNumber(literal: String(decoding: bytes[start..<position], as: UTF8.self), isInteger: isInteger)
    }

    private func isDigit(_ b: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) }

    private mutating func skipDigits() {
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }

    // MARK: Strings

    private mutating func parseString() throws -> String {
        position += 1  // opening quote
        let start = position
        // Fast path: no escapes, so the bytes between the quotes are the string.
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                let s = try utf8String(bytes[start..<position], at: start)
                position += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw error("unescaped control character (code \(b)) in a string") }
            position += 1
        }
        var out = [UInt8](bytes[start..<position])
        while position < bytes.count {
            let b = bytes[position]
            switch b {
            case UInt8(ascii: "\""):
                let s = try utf8String(out[...], at: start)
                position += 1
                return s
            case UInt8(ascii: "\\"):
                position += 1
                guard position < bytes.count else { break }
                let e = bytes[position]
                position += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"): out.append(contentsOf: Array(try parseUnicodeEscape().utf8))
                default:
                    position -= 2
                    throw error("invalid escape sequence in a string")
                }
            default:
                if b < 0x20 { throw error("unescaped control character (code \(b)) in a string") }
                out.append(b)
                position += 1
            }
        }
        throw error("unexpected end of the file inside a string")
    }

    /// After `\u`: four hex digits, or a surrogate pair written as two escapes.
    private mutating func parseUnicodeEscape() throws -> String {
        let escapeStart = position - 2
        let high = try hex4()
        var scalarValue = high
        if (0xD800...0xDBFF).contains(high) {
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                position = escapeStart
                throw error("unpaired surrogate in a \\u escape")
            }
            position += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else {
                position = escapeStart
                throw error("unpaired surrogate in a \\u escape")
            }
            scalarValue = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(scalarValue) else {
            position = escapeStart
            throw error("unpaired surrogate in a \\u escape")
        }
        return String(Character(scalar))
    }

    private mutating func hex4() throws -> UInt32 {
        guard position + 4 <= bytes.count,
              let v = UInt32(String(decoding: bytes[position..<(position + 4)], as: UTF8.self), radix: 16) else {
            throw error("expected four hex digits after \\u")
        }
        position += 4
        return v
    }

    private func utf8String(_ slice: ArraySlice<UInt8>, at start: Int) throws -> String {
        guard let s = String(bytes: slice, encoding: .utf8) else {
            var p = self
            p.position = start
            throw p.error("a string is not valid UTF-8")
        }
        return s
    }

    // MARK: Helpers

    private func peek(_ b: UInt8) -> Bool { position < bytes.count && bytes[position] == b }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// The next character for an error message: `'x'`, or "the end of the file".
    private func describeNext() -> String {
        guard position < bytes.count else { return "the end of the file" }
        let b = bytes[position]
        if b == UInt8(ascii: "/") { return "'/' (comments are not allowed in JSON)" }
        if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return String(format: "byte 0x%02X", b)
    }

    /// An error at the current position: "line L, column C (at path)".
    private func error(_ message: String) -> ModelFileError {
        var line = 1
        var lineStart = 0
        for i in 0..<min(position, bytes.count) where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        // Columns count characters, not bytes: skip UTF-8 continuation bytes.
        let column = 1 + bytes[lineStart..<min(position, bytes.count)].filter { $0 & 0xC0 != 0x80 }.count
        var location = "line \(line), column \(column)"
        if !path.isEmpty { location += " (at \(JSONPath.render(path)))" }
        return ModelFileError(.malformed, location: location, message)
    }
}
