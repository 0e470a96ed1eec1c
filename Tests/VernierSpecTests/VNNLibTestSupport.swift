@testable import VernierSpec

/// Declarations of `inputs` X variables and `outputs` Y variables, one per line.
func declarations(inputs: Int, outputs: Int) -> String {
    (0..<inputs).map { "(declare-const X_\($0) Real)\n" }.joined()
        + (0..<outputs).map { "(declare-const Y_\($0) Real)\n" }.joined()
}

/// Bounds every input to [-1, 1] with one assertion per line.
func unitBox(inputs: Int) -> String {
    (0..<inputs).map { "(assert (>= X_\($0) -1))\n(assert (<= X_\($0) 1))\n" }.joined()
}

/// The error `VNNLib.parse` throws for `text` (named "t.vnnlib"), or nil if it parses.
func parseError(_ text: String, limits: DNFLimits = DNFLimits()) -> VNNLibError? {
    do {
        _ = try VNNLib.parse(text, source: "t.vnnlib", limits: limits)
        return nil
    } catch {
        return error
    }
}

/// A dense row with the given non-zero coefficients.
func row(_ count: Int, _ entries: [Int: Double], rhs: Double) -> OutputConstraint {
    var c = [Double](repeating: 0, count: count)
    for (k, v) in entries { c[k] = v }
    return OutputConstraint(coefficients: c, rhs: rhs)
}
