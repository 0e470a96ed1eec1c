/// The readable diff `vernier check` prints.
public enum CheckText {
    public static func render(_ check: BaselineCheck, baselinePath: String, currentPath: String) -> String {
        var lines = [String]()
        let failures = check.regressions.count + check.failedAccuracy.count
        lines.append(check.passed
            ? "vernier check: PASSED — \(currentPath) against baseline \(baselinePath)"
            : "vernier check: FAILED (\(failures) problem\(failures == 1 ? "" : "s")) — \(currentPath) against baseline \(baselinePath)")
        for note in check.notes { lines.append("note: \(note)") }
        if !check.accuracy.isEmpty {
            lines.append("")
            lines.append("certified accuracy (tolerance \(Format.fixed(check.tolerance))):")
            let width = check.accuracy.map(\.key.count).max() ?? 0
            for a in check.accuracy {
                let key = a.key.padding(toLength: width, withPad: " ", startingAt: 0)
                let now = a.current.map(Format.percent) ?? "missing"
                let delta = a.current.map { c -> String in
                    let d = (c - a.baseline) * 100
                    return d == 0 ? "" : String(format: "  (%+.1f points)", d)
                } ?? ""
                lines.append("  \(a.passed ? "ok  " : "FAIL") \(key)  \(Format.percent(a.baseline)) → \(now)\(delta)")
            }
        }
        let regressions = check.regressions
        if !regressions.isEmpty {
            lines.append("")
            lines.append("regressions (\(regressions.count)):")
            for r in regressions { lines.append("  - \(r.id): \(r.message)") }
        }
        let improvements = check.improvements
        if !improvements.isEmpty {
            lines.append("")
            lines.append("improvements (\(improvements.count)):")
            for r in improvements { lines.append("  + \(r.id): \(r.message)") }
        }
        let unchanged = check.instances.count - regressions.count - improvements.count
        lines.append("")
        lines.append("\(check.instances.count) instances: \(regressions.count) regressed, \(improvements.count) improved, \(unchanged) unchanged")
        return lines.joined(separator: "\n") + "\n"
    }
}
