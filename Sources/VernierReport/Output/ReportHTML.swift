import Foundation

/// `report.html`: one self-contained page (inline CSS and SVG, no scripts, no network) with,
/// per robustness entry, the certified-accuracy-versus-ε curve next to the attack's accuracy,
/// a per-class table, the distribution of margins, the slowest instances and a per-input table.
/// VNN-LIB entries get a per-property table.
public enum ReportHTML {
    public static func render(_ document: ResultsDocument) -> String {
        var body = header(document)
        for entry in document.entries {
            let outcomes = document.instances.filter { $0.entry == entry.name }
            body += "<section class=\"entry\" id=\"entry-\(anchor(entry.name))\">\n"
            body += "<h2>\(Format.escapeHTML(entry.name))</h2>\n"
            body += settings(entry)
            if entry.data != nil {
                let table = RobustnessTable(entry: entry.name, epsilons: entry.epsilons ?? [], outcomes: outcomes)
                body += accuracySection(table)
                body += classSection(table)
                body += marginSection(table)
                body += slowestSection(outcomes)
                body += inputSection(table)
            } else {
                body += slowestSection(outcomes)
                body += propertySection(outcomes)
            }
            body += "</section>\n"
        }
        return page(title: "Vernier robustness report — \(document.name)", body: body)
    }

    // MARK: Page

    static let style = """
    body{font:14px/1.45 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1d1d28;margin:0;background:#f4f4f8}
    main{max-width:1180px;margin:0 auto;padding:24px}
    h1{font-size:24px;margin:0 0 4px}h2{font-size:20px;margin:8px 0 12px;border-bottom:2px solid #d8d8e4;padding-bottom:4px}
    h3{font-size:16px;margin:20px 0 8px}
    section.entry{background:#fff;border:1px solid #dedee8;border-radius:8px;padding:16px 20px;margin:20px 0}
    .meta{color:#555566}.warn{background:#fff3cd;border:1px solid #e0c36a;padding:8px 12px;border-radius:6px}
    table{border-collapse:collapse;margin:4px 0 12px}th,td{padding:3px 9px;border-bottom:1px solid #e6e6ee;text-align:right}
    th{background:#f0f0f6;font-weight:600}td.l,th.l{text-align:left}
    .row{display:flex;flex-wrap:wrap;gap:20px;align-items:flex-start}
    .plot text{font:11px Helvetica,Arial,sans-serif;fill:#333}.plot text.axis{font-size:12px;fill:#111}
    .plot text.legend{font-size:11.5px}
    .v{background:#d3f0d9;color:#14532d}.f{background:#f8d4d4;color:#7f1d1d}.u{background:#fdf0c4;color:#6b4e00}.t{background:#e6e0f5;color:#3b2a73}
    td.v,td.f,td.u,td.t{text-align:center;font-weight:600}
    .scroll{max-height:560px;overflow:auto;border:1px solid #e6e6ee}
    .scroll th{position:sticky;top:0}
    .key span{display:inline-block;padding:0 6px;margin-right:8px;border-radius:3px}
    """

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Format.escapeHTML(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        <main>
        \(body)</main>
        </body>
        </html>

        """
    }

    static func anchor(_ s: String) -> String {
        String(s.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    static func header(_ d: ResultsDocument) -> String {
        var s = "<h1>Robustness report — \(Format.escapeHTML(d.name))</h1>\n"
        let total = d.instances.reduce(0) { $0 + $1.seconds }
        s += "<p class=\"meta\">\(d.instances.count) of \(d.totalInstances) instances · seed \(d.seed) · \(Format.escapeHTML(Format.seconds(total))) of verification time"
        if let shard = d.shard { s += " · shard \(shard)" }
        s += " · <code>\(Format.escapeHTML(d.fingerprint))</code></p>\n"
        if !d.complete || d.instances.count < d.totalInstances {
            s += "<p class=\"warn\"><b>Partial report:</b> the run was interrupted or is one shard; \(d.totalInstances - d.instances.count) instance(s) did not run. Accuracies below are over the instances that ran.</p>\n"
        }
        s += "<p class=\"meta\">Verdicts: <b>verified</b> = no input in the ε-ball changes the class (sound, rounding included); <b>falsified</b> = a counterexample re-checked by a forward pass; <b>unknown</b>/<b>timeout</b> = neither (never counted as robust). Certified accuracy is a lower bound on robust accuracy, attack accuracy an upper bound.</p>\n"
        return s
    }

    static func settings(_ e: ResultsDocument.EntryInfo) -> String {
        var parts = ["model <code>\(Format.escapeHTML(e.model))</code>"]
        if let data = e.data { parts.append("data <code>\(Format.escapeHTML(data))</code>") }
        if let n = e.samples { parts.append("\(n) samples") }
        if let eps = e.epsilons { parts.append("ε ∈ {\(eps.map(Format.epsilon).joined(separator: ", "))} (L∞)") }
        if let clip = e.clip, clip.count == 2 { parts.append("inputs clipped to [\(clip[0]), \(clip[1])]") }
        parts.append("method \(Format.escapeHTML(e.method))")
        parts.append(e.timeout.map { "timeout \($0) s per instance" } ?? "no timeout")
        return "<p class=\"meta\">\(parts.joined(separator: " · "))</p>\n"
    }

    // MARK: Accuracy versus ε

    static func accuracySection(_ t: RobustnessTable) -> String {
        let curve = t.curve
        var s = "<h3>Certified accuracy versus ε</h3>\n<div class=\"row\">\n"
        s += accuracyPlot(curve, clean: t.cleanAccuracy, entry: t.entry)
        s += "<table class=\"summary\"><tr><th>ε</th><th>n</th><th>verified</th><th>falsified</th><th>unknown</th><th>certified acc.</th><th>attack acc.</th><th>time</th></tr>\n"
        for (k, eps) in t.epsilons.enumerated() {
            let cells = t.rows.compactMap { $0.cells[k] }
            guard !cells.isEmpty else { continue }
            let count = { (v: Set<VerdictName>) in cells.filter { v.contains($0.verdict) }.count }
            let n = Double(cells.count)
            s += "<tr><td>\(Format.epsilon(eps))</td><td>\(cells.count)</td><td>\(count([.verified]))</td><td>\(count([.falsified]))</td><td>\(count([.unknown, .timeout]))</td>"
            s += "<td><b>\(Format.percent(Double(count([.verified])) / n))</b></td><td>\(Format.percent(1 - Double(count([.falsified])) / n))</td>"
            s += "<td>\(Format.escapeHTML(Format.seconds(cells.reduce(0) { $0 + $1.seconds })))</td></tr>\n"
        }
        s += "</table>\n"
        if let clean = t.cleanAccuracy { s += "<p class=\"meta\" style=\"flex-basis:100%\">Clean accuracy (prediction at the sample itself): <b>\(Format.percent(clean))</b></p>\n" }
        s += "</div>\n"
        return s
    }

    static func accuracyPlot(_ curve: [(epsilon: Double, certified: Double, attack: Double, count: Int)], clean: Double?, entry: String) -> String {
        guard !curve.isEmpty else { return "<p>No finished instances.</p>\n" }
        let eps = curve.map(\.epsilon)
        let positive = eps.filter { $0 > 0 }
        let log = positive.count == eps.count && (positive.max()! / positive.min()!) >= 9.99
        var xLower = eps.min()!, xUpper = eps.max()!
        if log { xLower /= 1.4; xUpper *= 1.4 } else if xUpper == xLower { xLower -= 0.5 * max(xLower, 1e-3); xUpper += 0.5 * max(xUpper, 1e-3) }
        let plot = SVGPlot(width: 500, height: 320,
                           x: .init(lower: xLower, upper: xUpper, logarithmic: log, label: "ε (L∞ radius\(log ? ", log scale" : ""))"),
                           y: .init(lower: 0, upper: 1, label: "accuracy", format: { "\(Int(($0 * 100).rounded()))%" }))
        func polyline(_ values: [Double]) -> String {
            zip(eps, values).map { "\(SVGPlot.n(plot.px($0))),\(SVGPlot.n(plot.py($1)))" }.joined(separator: " ")
        }
        var c = ""
        // The band between the two curves: instances neither proved nor refuted.
        let band = polyline(curve.map(\.attack)) + " " + zip(eps, curve.map(\.certified)).reversed()
            .map { "\(SVGPlot.n(plot.px($0))),\(SVGPlot.n(plot.py($1)))" }.joined(separator: " ")
        c += "<polygon points=\"\(band)\" fill=\"#f2c94c\" fill-opacity=\"0.25\" stroke=\"none\"><title>unknown / timeout</title></polygon>\n"
        if let clean {
            let y = SVGPlot.n(plot.py(clean))
            c += "<line x1=\"\(SVGPlot.n(plot.plotLeft))\" x2=\"\(SVGPlot.n(plot.plotRight))\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"#777\" stroke-dasharray=\"2 4\" stroke-width=\"1.5\"/>\n"
        }
        c += "<polyline class=\"attack\" points=\"\(polyline(curve.map(\.attack)))\" fill=\"none\" stroke=\"#e07b00\" stroke-width=\"2.2\" stroke-dasharray=\"7 4\"/>\n"
        c += "<polyline class=\"certified\" points=\"\(polyline(curve.map(\.certified)))\" fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"2.6\"/>\n"
        for p in curve {
            let x = SVGPlot.n(plot.px(p.epsilon))
            c += "<circle cx=\"\(x)\" cy=\"\(SVGPlot.n(plot.py(p.attack)))\" r=\"3.5\" fill=\"#e07b00\"><title>ε = \(Format.epsilon(p.epsilon)): attack accuracy \(Format.percent(p.attack))</title></circle>"
            c += "<circle cx=\"\(x)\" cy=\"\(SVGPlot.n(plot.py(p.certified)))\" r=\"4\" fill=\"#1f5fbf\"><title>ε = \(Format.epsilon(p.epsilon)): certified accuracy \(Format.percent(p.certified)) (n = \(p.count))</title></circle>\n"
        }
        // Legend, bottom left inside the plot where the curves usually are not.
        let lx = plot.plotLeft + 10, ly = plot.plotBottom - 62
        c += "<rect x=\"\(SVGPlot.n(lx - 4))\" y=\"\(SVGPlot.n(ly - 12))\" width=\"232\" height=\"68\" fill=\"#fff\" fill-opacity=\"0.9\" stroke=\"#ddd\"/>\n"
        c += "<line x1=\"\(SVGPlot.n(lx))\" x2=\"\(SVGPlot.n(lx + 24))\" y1=\"\(SVGPlot.n(ly))\" y2=\"\(SVGPlot.n(ly))\" stroke=\"#1f5fbf\" stroke-width=\"2.6\"/><text class=\"legend\" x=\"\(SVGPlot.n(lx + 30))\" y=\"\(SVGPlot.n(ly + 4))\">certified (verified, lower bound)</text>\n"
        c += "<line x1=\"\(SVGPlot.n(lx))\" x2=\"\(SVGPlot.n(lx + 24))\" y1=\"\(SVGPlot.n(ly + 16))\" y2=\"\(SVGPlot.n(ly + 16))\" stroke=\"#e07b00\" stroke-width=\"2.2\" stroke-dasharray=\"7 4\"/><text class=\"legend\" x=\"\(SVGPlot.n(lx + 30))\" y=\"\(SVGPlot.n(ly + 20))\">attack (not falsified, upper bound)</text>\n"
        c += "<rect x=\"\(SVGPlot.n(lx))\" y=\"\(SVGPlot.n(ly + 26))\" width=\"24\" height=\"10\" fill=\"#f2c94c\" fill-opacity=\"0.35\"/><text class=\"legend\" x=\"\(SVGPlot.n(lx + 30))\" y=\"\(SVGPlot.n(ly + 35))\">unknown / timeout gap</text>\n"
        if clean != nil {
            c += "<line x1=\"\(SVGPlot.n(lx))\" x2=\"\(SVGPlot.n(lx + 24))\" y1=\"\(SVGPlot.n(ly + 47))\" y2=\"\(SVGPlot.n(ly + 47))\" stroke=\"#777\" stroke-dasharray=\"2 4\" stroke-width=\"1.5\"/><text class=\"legend\" x=\"\(SVGPlot.n(lx + 30))\" y=\"\(SVGPlot.n(ly + 51))\">clean accuracy</text>\n"
        }
        return plot.render(title: "\(entry): certified and attack accuracy versus ε", content: c)
    }

    // MARK: Per class

    static func classSection(_ t: RobustnessTable) -> String {
        let classes = t.classes
        guard !classes.isEmpty else { return "" }
        var s = "<h3>Per class</h3>\n<p class=\"meta\">Certified accuracy per ε; in parentheses the attack accuracy (upper bound).</p>\n"
        s += "<table class=\"classes\"><tr><th>class</th><th>n</th><th>clean</th>"
        for e in t.epsilons { s += "<th>ε = \(Format.epsilon(e))</th>" }
        s += "</tr>\n"
        for c in classes {
            let n = Double(c.count)
            s += "<tr><td>\(c.label)</td><td>\(c.count)</td><td>\(Format.percent(Double(c.clean) / n))</td>"
            for k in t.epsilons.indices {
                s += "<td>\(Format.percent(Double(c.verified[k]) / n)) <span class=\"meta\">(\(Format.percent(1 - Double(c.falsified[k]) / n)))</span></td>"
            }
            s += "</tr>\n"
        }
        return s + "</table>\n"
    }

    // MARK: Margins

    /// One histogram per ε of the certified lower bounds (blue) and the attack's margins
    /// (orange), on a shared axis so the panels compare; the red line is margin 0.
    static func marginSection(_ t: RobustnessTable) -> String {
        let all = t.rows.flatMap { $0.cells.compactMap { $0 } }
        let values = all.flatMap { [$0.certifiedMargin, $0.attackMargin].compactMap { $0 } }
        guard !values.isEmpty else { return "" }
        // Robust range: 1st to 99th percentile, always including 0.
        let sorted = values.sorted()
        let lo = min(0, sorted[Int(Double(sorted.count - 1) * 0.01)])
        var hi = max(0, sorted[Int(Double(sorted.count - 1) * 0.99)])
        if hi <= lo { hi = lo + 1 }
        var s = "<h3>Distribution of margins</h3>\n<p class=\"meta\">Margin = score of the label minus the best other score, worst case over the ε-ball. Blue: certified lower bound; orange: the smallest margin the attack found (an upper bound). Below 0 (red line) the attack found a counterexample or the bound could not prove robustness. Values outside the shown range are counted in the edge bins.</p>\n<div class=\"row\">\n"
        for (k, eps) in t.epsilons.enumerated() {
            let cells = t.rows.compactMap { $0.cells[k] }
            guard !cells.isEmpty else { continue }
            s += histogram(certified: cells.compactMap(\.certifiedMargin), attack: cells.compactMap(\.attackMargin),
                           range: (lo, hi), title: "ε = \(Format.epsilon(eps))", entry: t.entry)
        }
        return s + "</div>\n"
    }

    static func histogram(certified: [Double], attack: [Double], range: (Double, Double), title: String, entry: String) -> String {
        let bins = 24
        let width = (range.1 - range.0) / Double(bins)
        func counts(_ v: [Double]) -> [Int] {
            var c = Array(repeating: 0, count: bins)
            for x in v { c[min(bins - 1, max(0, Int(((x - range.0) / width).rounded(.down))))] += 1 }
            return c
        }
        let (cc, ac) = (counts(certified), counts(attack))
        let top = Double(max(1, (cc + ac).max() ?? 1))
        let plot = SVGPlot(width: 360, height: 220, margin: (40, 10, 26, 40),
                           x: .init(lower: range.0, upper: range.1, label: "margin"),
                           y: .init(lower: 0, upper: top * 1.1, label: "instances", format: { $0 == $0.rounded() ? "\(Int($0))" : "" }))
        var c = "<text x=\"\(SVGPlot.n(plot.plotLeft))\" y=\"16\" class=\"axis\" font-weight=\"600\">\(Format.escapeHTML(title))</text>\n"
        let barWidth = (plot.plotRight - plot.plotLeft) / Double(bins)
        for b in 0..<bins {
            let x0 = plot.plotLeft + Double(b) * barWidth
            for (series, color, offset) in [(cc, "#1f5fbf", 0.0), (ac, "#e07b00", 0.5)] where series[b] > 0 {
                let y = plot.py(Double(series[b]))
                let from = range.0 + Double(b) * width
                c += "<rect x=\"\(SVGPlot.n(x0 + offset * barWidth + 0.5))\" y=\"\(SVGPlot.n(y))\" width=\"\(SVGPlot.n(barWidth / 2 - 0.5))\" height=\"\(SVGPlot.n(plot.plotBottom - y))\" fill=\"\(color)\" fill-opacity=\"0.85\"><title>\(series[b]) in [\(String(format: "%.3g", from)), \(String(format: "%.3g", from + width)))</title></rect>"
            }
        }
        let zero = SVGPlot.n(plot.px(0))
        c += "\n<line x1=\"\(zero)\" x2=\"\(zero)\" y1=\"\(SVGPlot.n(plot.plotTop))\" y2=\"\(SVGPlot.n(plot.plotBottom))\" stroke=\"#c0392b\" stroke-width=\"1.5\"/>\n"
        let lx = plot.plotRight - 118
        c += "<rect x=\"\(SVGPlot.n(lx))\" y=\"8\" width=\"10\" height=\"10\" fill=\"#1f5fbf\"/><text class=\"legend\" x=\"\(SVGPlot.n(lx + 14))\" y=\"17\">certified</text>"
        c += "<rect x=\"\(SVGPlot.n(lx + 66))\" y=\"8\" width=\"10\" height=\"10\" fill=\"#e07b00\"/><text class=\"legend\" x=\"\(SVGPlot.n(lx + 80))\" y=\"17\">attack</text>\n"
        return plot.render(title: "\(entry): margin histogram at \(title)", content: c)
    }

    // MARK: Tables

    static func slowestSection(_ outcomes: [InstanceOutcome], count: Int = 10) -> String {
        let slow = outcomes.sorted { ($0.seconds, $1.ordinal) > ($1.seconds, $0.ordinal) }.prefix(count)
        guard !slow.isEmpty else { return "" }
        var s = "<h3>Slowest instances</h3>\n<table class=\"slowest\"><tr><th class=\"l\">instance</th><th>time</th><th class=\"l\">verdict</th><th class=\"l\">method</th><th>certified margin</th><th>attack margin</th></tr>\n"
        for o in slow {
            s += "<tr><td class=\"l\"><code>\(Format.escapeHTML(o.id))</code></td><td>\(Format.escapeHTML(Format.seconds(o.seconds)))</td>"
            s += "<td class=\"l \(cssClass(o.verdict))\">\(o.verdict.rawValue)</td><td class=\"l\">\(Format.escapeHTML(o.method))</td>"
            s += "<td>\(Format.margin(o.certifiedMargin))</td><td>\(Format.margin(o.attackMargin))</td></tr>\n"
        }
        return s + "</table>\n"
    }

    static func cssClass(_ v: VerdictName) -> String {
        switch v { case .verified: "v"; case .falsified: "f"; case .unknown: "u"; case .timeout: "t" }
    }

    static func letter(_ v: VerdictName) -> String {
        switch v { case .verified: "✓"; case .falsified: "✗"; case .unknown: "?"; case .timeout: "T" }
    }

    static func inputSection(_ t: RobustnessTable) -> String {
        var s = "<h3>Per input</h3>\n<p class=\"key meta\"><span class=\"v\">✓ verified</span><span class=\"f\">✗ falsified</span><span class=\"u\">? unknown</span><span class=\"t\">T timeout</span> Hover a cell for margins, method and time. “certified up to” is the largest ε verified together with every smaller ε.</p>\n"
        s += "<div class=\"scroll\"><table class=\"inputs\"><tr><th>sample</th><th>label</th><th>predicted</th>"
        for e in t.epsilons { s += "<th>ε = \(Format.epsilon(e))</th>" }
        let showsLipschitz = t.rows.contains { $0.cells.contains { $0?.lipschitz != nil } }
        s += "<th>certified up to</th><th>certified margin at smallest ε</th><th>attack margin at largest ε</th>"
        s += showsLipschitz ? "<th>Lipschitz bound at largest ε</th></tr>\n" : "</tr>\n"
        for r in t.rows {
            let wrong = r.label != nil && r.predicted != nil && r.label != r.predicted
            s += "<tr><td>\(r.sample)</td><td>\(r.label.map(String.init) ?? "–")</td><td\(wrong ? " class=\"f\"" : "")>\(r.predicted.map(String.init) ?? "–")</td>"
            for cell in r.cells {
                guard let o = cell else { s += "<td>–</td>"; continue }
                var tip = "\(o.verdict.rawValue) by \(o.method) in \(Format.seconds(o.seconds)); certified margin \(Format.margin(o.certifiedMargin)), attack margin \(Format.margin(o.attackMargin))"
                if let l = o.lipschitz { tip += ", Lipschitz bound \(Format.margin(l))" }
                if let why = o.reason { tip += " — \(why)" }
                s += "<td class=\"\(cssClass(o.verdict))\" title=\"\(Format.escapeHTML(tip))\">\(letter(o.verdict))</td>"
            }
            let radius = r.certifiedRadius(t.epsilons).map(Format.epsilon) ?? "–"
            s += "<td>\(radius)</td><td>\(Format.margin(r.cells.first??.certifiedMargin))</td><td>\(Format.margin(r.cells.last??.attackMargin))</td>"
            s += showsLipschitz ? "<td>\(Format.margin(r.cells.last??.lipschitz))</td></tr>\n" : "</tr>\n"
        }
        return s + "</table></div>\n"
    }

    static func propertySection(_ outcomes: [InstanceOutcome]) -> String {
        var s = "<h3>Properties</h3>\n<table class=\"inputs\"><tr><th class=\"l\">property</th><th class=\"l\">verdict</th><th class=\"l\">method</th><th>time</th><th>certified margin</th><th>attack margin</th><th class=\"l\">reason</th></tr>\n"
        for o in outcomes {
            s += "<tr><td class=\"l\"><code>\(Format.escapeHTML(o.spec ?? o.id))</code></td><td class=\"l \(cssClass(o.verdict))\">\(o.verdict.rawValue)</td>"
            s += "<td class=\"l\">\(Format.escapeHTML(o.method))</td><td>\(Format.escapeHTML(Format.seconds(o.seconds)))</td>"
            s += "<td>\(Format.margin(o.certifiedMargin))</td><td>\(Format.margin(o.attackMargin))</td><td class=\"l\">\(Format.escapeHTML(o.reason ?? ""))</td></tr>\n"
        }
        return s + "</table>\n"
    }
}
