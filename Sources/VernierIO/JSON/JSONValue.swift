/// A parsed JSON value that keeps what `JSONSerialization` loses: each number literal as written,
/// so `1` (an integer) and `1.0` (a float) stay different, and integers beyond 2^53 stay exact.
enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// How a value's kind reads in an error message ("expected a string, found an array").
    var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number(let n): n.isInteger ? "an integer" : "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// A JSON number literal, unconverted.
struct JSONNumber: Sendable {
    /// The literal exactly as in the text (it has already been checked against the JSON grammar).
    var literal: String
    /// No fraction and no exponent: `12`, `-3` (but not `12.0` or `1e3`).
    var isInteger: Bool
}

/// A JSON object: members in document order, keys unique (the parser rejects duplicates).
struct JSONObject: Sendable {
    var keys: [String] = []
    var values: [String: JSONValue] = [:]

    subscript(key: String) -> JSONValue? { values[key] }
}
