import Foundation

/// Number formatting shared by the writers (fixed, locale-independent).
enum Format {
    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
    static func fixed(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }
    static func seconds(_ x: Double) -> String { x < 10 ? String(format: "%.2f s", x) : String(format: "%.1f s", x) }
    static func margin(_ x: Double?) -> String { x.map { String(format: "%.4g", $0) } ?? "–" }
    /// ε as written (shortest round-trip form, e.g. `0.003`).
    static func epsilon(_ x: Double) -> String { "\(x)" }

    static func escapeHTML(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// XML 1.0 attribute/text escaping; characters XML cannot carry at all are replaced by '?'.
    static func escapeXML(_ s: String) -> String {
        let cleaned = String(String.UnicodeScalarView(s.unicodeScalars.map { u in
            let v = u.value
            let allowed = v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || v >= 0x10000
            return allowed ? u : "?"
        }))
        return escapeHTML(cleaned)
    }

    /// Markdown table cells: no pipes or newlines.
    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
