/// The VNN-COMP result file: the result word on the first line and, for `sat`, the counterexample
/// as an s-expression list of `(X_i value)` then `(Y_j value)` pairs.
public enum VNNCompResultFile {
    public static func render(_ verdict: Verdict) -> String {
        guard case .falsified(let cex) = verdict else { return verdict.resultWord + "\n" }
        var pairs = cex.input.enumerated().map { "(X_\($0.offset) \(format($0.element)))" }
        pairs += cex.output.enumerated().map { "(Y_\($0.offset) \(format($0.element)))" }
        return "sat\n(" + pairs.joined(separator: "\n ") + ")\n"
    }

    /// Shortest representation that reads back to the same Double (so the checked point is exactly
    /// the reported one).
    static func format(_ v: Double) -> String {
        var s = "\(v)"
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }
}
