/// A position inside a JSON document, rendered as in `nodes[3].attributes.transB`.
struct JSONPath: Sendable, CustomStringConvertible {
    enum Component: Sendable {
        case key(String)
        case index(Int)
    }

    var components: [Component] = []

    static let root = JSONPath()

    func key(_ k: String) -> JSONPath { JSONPath(components: components + [.key(k)]) }
    func index(_ i: Int) -> JSONPath { JSONPath(components: components + [.index(i)]) }

    var description: String { Self.render(components) }

    /// Identifier-like keys render as `.key`, others as `["key"]` (e.g. `opset_import[""]`).
    static func render(_ components: [Component]) -> String {
        var out = ""
        for c in components {
            switch c {
            case .index(let i):
                out += "[\(i)]"
            case .key(let k) where isIdentifier(k):
                out += out.isEmpty ? k : ".\(k)"
            case .key(let k):
                out += "[" + JSONText.quoted(k) + "]"
            }
        }
        return out.isEmpty ? "(top level)" : out
    }

    private static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || first.properties.isAlphabetic && first.isASCII else { return false }
        return s.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }
}
