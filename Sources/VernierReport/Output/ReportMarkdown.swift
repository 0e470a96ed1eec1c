/// `report.md`: the same findings as the HTML page in a form that fits a pull-request comment
/// (summary tables first, long per-input tables folded away).
public enum ReportMarkdown {
    public static func render(_ d: ResultsDocument) -> String {
        var md = "## Vernier robustness report — \(Format.cell(d.name))\n\n"
        md += "\(d.instances.count) of \(d.totalInstances) instances, seed \(d.seed)"
        if let shard = d.shard { md += ", shard \(shard)" }
        md += ".\n\n"
        if !d.complete || d.instances.count < d.totalInstances {
            md += "> **Partial report:** \(d.totalInstances - d.instances.count) instance(s) did not run (interrupted or sharded).\n\n"
        }
        for entry in d.entries {
            let outcomes = d.instances.filter { $0.entry == entry.name }
            md += "### \(Format.cell(entry.name))\n\n"
            md += "Model `\(Format.cell(entry.model))`"
            if let data = entry.data { md += ", data `\(Format.cell(data))`" }
            md += ", method \(entry.method), \(entry.timeout.map { "timeout \($0) s" } ?? "no timeout").\n\n"
            if entry.data != nil {
                let t = RobustnessTable(entry: entry.name, epsilons: entry.epsilons ?? [], outcomes: outcomes)
                if let clean = t.cleanAccuracy { md += "Clean accuracy: **\(Format.percent(clean))**\n\n" }
                md += "| ε | n | verified | falsified | unknown | certified acc. | attack acc. | time |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n"
                for (k, eps) in t.epsilons.enumerated() {
                    let cells = t.rows.compactMap { $0.cells[k] }
                    guard !cells.isEmpty else { continue }
                    let v = cells.filter { $0.verdict == .verified }.count
                    let f = cells.filter { $0.verdict == .falsified }.count
                    let n = Double(cells.count)
                    md += "| \(Format.epsilon(eps)) | \(cells.count) | \(v) | \(f) | \(cells.count - v - f) | **\(Format.percent(Double(v) / n))** | \(Format.percent(1 - Double(f) / n)) | \(Format.seconds(cells.reduce(0) { $0 + $1.seconds })) |\n"
                }
                md += "\nCertified accuracy is a lower bound on robust accuracy, attack accuracy an upper bound.\n\n"
                let classes = t.classes
                if !classes.isEmpty {
                    md += "<details><summary>Per class (certified accuracy)</summary>\n\n| class | n | clean |" + t.epsilons.map { " ε=\(Format.epsilon($0)) |" }.joined() + "\n"
                    md += "|---:|---:|---:|" + t.epsilons.map { _ in "---:|" }.joined() + "\n"
                    for c in classes {
                        let n = Double(c.count)
                        md += "| \(c.label) | \(c.count) | \(Format.percent(Double(c.clean) / n)) |" + c.verified.map { " \(Format.percent(Double($0) / n)) |" }.joined() + "\n"
                    }
                    md += "\n</details>\n\n"
                }
            } else {
                md += "| property | verdict | method | time | certified margin |\n|---|---|---|---:|---:|\n"
                for o in outcomes {
                    md += "| `\(Format.cell(o.spec ?? o.id))` | \(o.verdict.rawValue) | \(o.method) | \(Format.seconds(o.seconds)) | \(Format.margin(o.certifiedMargin)) |\n"
                }
                md += "\n"
            }
            let slow = outcomes.sorted { ($0.seconds, $1.ordinal) > ($1.seconds, $0.ordinal) }.prefix(5)
            if !slow.isEmpty {
                md += "<details><summary>Slowest instances</summary>\n\n| instance | time | verdict | method |\n|---|---:|---|---|\n"
                for o in slow { md += "| `\(Format.cell(o.id))` | \(Format.seconds(o.seconds)) | \(o.verdict.rawValue) | \(o.method) |\n" }
                md += "\n</details>\n\n"
            }
        }
        return md
    }
}
