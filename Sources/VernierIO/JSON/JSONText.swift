/// Small pieces of JSON text: quoted strings and number literals.
enum JSONText {
    /// `s` as a JSON string literal. Control characters are escaped; other characters are written
    /// as they are (the output is UTF-8).
    static func quoted(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }

    /// A finite `Double` as a float literal: Swift's shortest representation that reads back to
    /// the same value, which always contains a `.` or an exponent (`1.0`, `1e-05`, `1e+16`), so it
    /// never reads as an integer. Callers reject non-finite values first.
    static func floatLiteral(_ v: Double) -> String { v.description }

    /// A finite value (callers check) as a compact number literal for tensor data, where integers and floats mean
    /// the same: `1.0` becomes `1`. `float32` uses `Float`'s shortest form, which reads back to
    /// the same float32 (the reader rounds float32 data to float32).
    static func dataLiteral(_ v: Double, float32: Bool) -> String {
        var s = float32 ? Float(v).description : v.description
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }
}
