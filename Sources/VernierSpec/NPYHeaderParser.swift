/// Parses the Python dict literal of a `.npy` header, e.g.
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 784), }`.
///
/// Only the three keys NumPy writes are interpreted; unknown keys with simple values are
/// skipped. This is deliberately not a Python evaluator.
struct NPYHeaderParser {
    struct Fields {
        var descr: String
        var fortranOrder: Bool
        var shape: [Int]
    }

    struct Failure: Error {
        var message: String
    }

    private enum Value {
        case string(String)
        case bool(Bool)
        case tuple([Int])
        case integer(Int)
    }

    private let bytes: ArraySlice<UInt8>
    private var index: Int

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    mutating func parse() throws(Failure) -> Fields {
        try expect("{")
        var descr: String?
        var fortranOrder: Bool?
        var shape: [Int]?
        while true {
            skipSpace()
            if peek() == UInt8(ascii: "}") { index += 1; break }
            guard case .string(let key) = try value() else { throw Failure(message: "expected a quoted key") }
            try expect(":")
            let v = try value()
            switch (key, v) {
            case ("descr", .string(let s)): descr = s
            case ("fortran_order", .bool(let b)): fortranOrder = b
            case ("shape", .tuple(let t)): shape = t
            case ("descr", _), ("fortran_order", _), ("shape", _):
                throw Failure(message: "unexpected value for '\(key)'")
            default: break
            }
            skipSpace()
            if peek() == UInt8(ascii: ",") { index += 1; continue }
            try expect("}")
            break
        }
        guard let descr else { throw Failure(message: "missing 'descr'") }
        guard let fortranOrder else { throw Failure(message: "missing 'fortran_order'") }
        guard let shape else { throw Failure(message: "missing 'shape'") }
        return Fields(descr: descr, fortranOrder: fortranOrder, shape: shape)
    }

    private func peek() -> UInt8? { index < bytes.endIndex ? bytes[index] : nil }

    private mutating func skipSpace() {
        while let b = peek(), b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D { index += 1 }
    }

    private mutating func expect(_ c: Unicode.Scalar) throws(Failure) {
        skipSpace()
        guard peek() == UInt8(ascii: c) else { throw Failure(message: "expected '\(c)'") }
        index += 1
    }

    private mutating func value() throws(Failure) -> Value {
        skipSpace()
        guard let b = peek() else { throw Failure(message: "unexpected end of header") }
        switch b {
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            index += 1
            let start = index
            while let c = peek(), c != b { index += 1 }
            guard peek() == b else { throw Failure(message: "unterminated string") }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            index += 1
            return .string(text)
        case UInt8(ascii: "("):
            index += 1
            var items: [Int] = []
            while true {
                skipSpace()
                if peek() == UInt8(ascii: ")") { index += 1; return .tuple(items) }
                guard case .integer(let n) = try value() else { throw Failure(message: "shape entries must be integers") }
                items.append(n)
                skipSpace()
                if peek() == UInt8(ascii: ",") { index += 1; continue }
                try expect(")")
                return .tuple(items)
            }
        default:
            let start = index
            while let c = peek(), c != UInt8(ascii: ","), c != UInt8(ascii: ")"), c != UInt8(ascii: "}"),
                  c != 0x20, c != 0x0A { index += 1 }
            var word = String(decoding: bytes[start..<index], as: UTF8.self)
            if word == "True" { return .bool(true) }
            if word == "False" { return .bool(false) }
            if word.hasSuffix("L") { word.removeLast() }  // Python 2 long literals
            guard let n = Int(word), n >= 0 else { throw Failure(message: "unexpected '\(word)'") }
            return .integer(n)
        }
    }
}
