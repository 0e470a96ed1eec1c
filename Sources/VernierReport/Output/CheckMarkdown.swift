/// The Markdown summary of a check, for a pull-request comment or `$GITHUB_STEP_SUMMARY`.
public enum CheckMarkdown {
    public static func render(_ check: BaselineCheck, name: String) -> String {
        var md = "## Vernier check: \(check.passed ? "✅ passed" : "❌ failed") — \(Format.cell(name))\n\n"
        for note in check.notes { md += "> note: \(Format.cell(note))\n\n" }
        if !check.accuracy.isEmpty {
            md += "| group | baseline | current | change | |\n|---|---:|---:|---:|---|\n"
            for a in check.accuracy {
                let now = a.current.map(Format.percent) ?? "missing"
                let delta = a.current.map { String(format: "%+.1f", ($0 - a.baseline) * 100) } ?? "–"
                md += "| \(Format.cell(a.key)) | \(Format.percent(a.baseline)) | \(now) | \(delta) | \(a.passed ? "ok" : "**below tolerance**") |\n"
            }
            md += "\nCertified accuracy: fraction of instances verified; tolerance \(Format.fixed(check.tolerance)).\n\n"
        }
        let regressions = check.regressions
        if !regressions.isEmpty {
            md += "### Regressions (\(regressions.count))\n\n| instance | baseline | current | what |\n|---|---|---|---|\n"
            for r in regressions {
                md += "| `\(Format.cell(r.id))` | \(r.baseline?.rawValue ?? "–") | \(r.current?.rawValue ?? "missing") | \(Format.cell(r.message)) |\n"
            }
            md += "\n"
        }
        let improvements = check.improvements
        if !improvements.isEmpty {
            md += "<details><summary>Improvements (\(improvements.count))</summary>\n\n"
            for r in improvements { md += "- `\(Format.cell(r.id))`: \(Format.cell(r.message))\n" }
            md += "\n</details>\n"
        }
        return md
    }
}
