/// The one number syntax shared by every text reader in this module (VNN-LIB, CSV, JSON).
///
/// Accepted: an optional sign, digits with an optional fraction (`1`, `1.`, `1.5`, `.5`),
/// and an optional exponent (`-1.5e-3`). Rejected on purpose even though `Double(String)`
/// would take them: `inf`, `nan`, hexadecimal floats — a specification or data file that
/// contains those is far more likely broken than intended.
enum DecimalNumber {
    /// Whether `bytes` is exactly one well-formed decimal number.
    static func isWellFormed<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var i = bytes.startIndex
        let end = bytes.endIndex
        if i < end, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i = bytes.index(after: i) }
        var integerDigits = 0
        while i < end, isDigit(bytes[i]) { integerDigits += 1; i = bytes.index(after: i) }
        var fractionDigits = 0
        if i < end, bytes[i] == UInt8(ascii: ".") {
            i = bytes.index(after: i)
            while i < end, isDigit(bytes[i]) { fractionDigits += 1; i = bytes.index(after: i) }
        }
        if integerDigits + fractionDigits == 0 { return false }
        if i < end, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i = bytes.index(after: i)
            if i < end, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i = bytes.index(after: i) }
            var exponentDigits = 0
            while i < end, isDigit(bytes[i]) { exponentDigits += 1; i = bytes.index(after: i) }
            if exponentDigits == 0 { return false }
        }
        return i == end
    }

    /// Whether a token *starts* like a number (digit, `.digit`, or sign followed by either).
    /// Used to report `1.2.3` as a malformed number rather than as an unknown name.
    static func looksNumeric<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var i = bytes.startIndex
        guard i < bytes.endIndex else { return false }
        if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i = bytes.index(after: i) }
        guard i < bytes.endIndex else { return false }
        if isDigit(bytes[i]) { return true }
        if bytes[i] == UInt8(ascii: ".") {
            let j = bytes.index(after: i)
            return j < bytes.endIndex && isDigit(bytes[j])
        }
        return false
    }

    /// Converts a well-formed decimal (check with `isWellFormed` first) to the nearest Double.
    ///
    /// The conversion is correctly rounded (the standard library uses `strtod`), so a number
    /// written with 17 significant digits round-trips exactly. Returns ±infinity on overflow;
    /// callers decide whether that is an error.
    static func value<C: Collection>(_ bytes: C) -> Double? where C.Element == UInt8 {
        Double(String(decoding: bytes, as: UTF8.self))
    }

    /// Validation and conversion in one step: nil if malformed.
    static func parse<C: Collection>(_ bytes: C) -> Double? where C.Element == UInt8 {
        guard isWellFormed(bytes) else { return nil }
        return value(bytes)
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}
