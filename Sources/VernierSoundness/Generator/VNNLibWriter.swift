import Foundation

/// Writes an L∞ robustness instance as VNN-LIB: the box, and the violation "some other class
/// scores at least as high as the label" as a disjunction of one-row conjunctions.
enum VNNLibWriter {
    static func robustness(lower: [Double], upper: [Double], label: Int, classes: Int, comment: String) -> String {
        var s = "; \(comment)\n"
        for i in lower.indices { s += "(declare-const X_\(i) Real)\n" }
        for j in 0..<classes { s += "(declare-const Y_\(j) Real)\n" }
        s += "\n"
        for i in lower.indices {
            s += "(assert (>= X_\(i) \(decimal(lower[i]))))\n(assert (<= X_\(i) \(decimal(upper[i]))))\n"
        }
        let others = (0..<classes).filter { $0 != label }
        s += "\n(assert (or\n"
        for j in others { s += "    (and (>= Y_\(j) Y_\(label)))\n" }
        s += "))\n"
        return s
    }

    /// The shortest decimal that reads back to `v`, never in exponent notation (not every tool's
    /// VNN-LIB reader accepts exponents).
    static func decimal(_ v: Double) -> String {
        var s = "\(v)"
        if s.contains("e") || s.contains("E") {
            s = String(format: "%.40f", v)
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        if s.hasSuffix(".0") { s.removeLast(2) }
        if s == "-0" { s = "0" }
        return s
    }
}
