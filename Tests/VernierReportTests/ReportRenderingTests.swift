import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import VernierReport

@Suite struct ReportRenderingTests {
    typealias F = ReportFixtures

    /// A result document with every verdict, two ε and two classes (no verification needed).
    func sampleDocument() -> ResultsDocument {
        var outcomes = [InstanceOutcome]()
        let verdicts: [[VerdictName]] = [[.verified, .verified], [.verified, .falsified], [.unknown, .timeout], [.falsified, .falsified]]
        for (s, row) in verdicts.enumerated() {
            for (k, v) in row.enumerated() {
                var o = F.outcome("d/\(s)/eps=\([0.01, 0.1][k])", v, ordinal: 2 * s + k, entry: "d", epsilon: [0.01, 0.1][k],
                                  seconds: Double(2 * s + k) / 10)
                o.sample = s
                o.label = s % 2
                o.predicted = s == 3 ? 0 : s % 2
                outcomes.append(o)
            }
        }
        return ResultsDocument(name: "digits <test>", seed: 1, totalInstances: 8, complete: true, fingerprint: "f",
                               entries: [.init(name: "d", model: "m.json", data: "d.json", epsilons: [0.01, 0.1], samples: 4,
                                               clip: [0, 1], method: "crown", timeout: 5)],
                               instances: outcomes)
    }

    @Test func testHTML_isSelfContainedWithAllSections() throws {
        let html = ReportHTML.render(sampleDocument())
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        #expect(html.contains("digits &lt;test&gt;"))
        // Nothing is fetched: no scripts, external links or images.
        for forbidden in ["<script", "https://", "<img", "<link", "@import"] {
            #expect(!html.contains(forbidden), "found \(forbidden)")
        }
        #expect(!html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http://"))
        for heading in ["Certified accuracy versus ε", "Per class", "Distribution of margins", "Slowest instances", "Per input"] {
            #expect(html.contains("<h3>\(heading)</h3>"), "missing section \(heading)")
        }
        // Plots: one accuracy plot with both curves, one margin histogram per ε; every SVG is well-formed XML.
        let svgs = html.components(separatedBy: "<svg ").dropFirst().map { "<svg " + $0.components(separatedBy: "</svg>")[0] + "</svg>" }
        #expect(svgs.count == 3)
        for svg in svgs { _ = try XMLDocument(xmlString: svg, options: []) }
        #expect(svgs[0].contains("class=\"certified\"") && svgs[0].contains("class=\"attack\""))
        // Certified accuracy 2/4 at ε=0.01 and 1/4 at ε=0.1; attack accuracy 3/4 and 2/4.
        #expect(svgs[0].contains("certified accuracy 50.0%") && svgs[0].contains("certified accuracy 25.0%"))
        #expect(svgs[0].contains("attack accuracy 75.0%") && svgs[0].contains("attack accuracy 50.0%"))
        // Per-input table: one row per sample, one verdict cell per ε.
        let inputTable = html.components(separatedBy: "<table class=\"inputs\">")[1].components(separatedBy: "</table>")[0]
        #expect(inputTable.components(separatedBy: "<tr>").count - 2 == 4)
        #expect(inputTable.components(separatedBy: "class=\"v\" title=").count - 1 == 3)
        #expect(inputTable.components(separatedBy: "class=\"f\" title=").count - 1 == 3)
        // Slowest first.
        let slow = html.components(separatedBy: "<table class=\"slowest\">")[1]
        #expect(slow.range(of: "d/3/eps=0.1")!.lowerBound < slow.range(of: "d/3/eps=0.01")!.lowerBound)
    }

    @Test func testHTML_flagsPartialRuns() {
        var doc = sampleDocument()
        doc.instances.removeLast()
        doc.complete = false
        #expect(ReportHTML.render(doc).contains("Partial report"))
        #expect(ReportMarkdown.render(doc).contains("Partial report"))
        #expect(!ReportHTML.render(sampleDocument()).contains("Partial report"))
    }

    @Test func testMarkdown_summarisesPerEpsilon() {
        let md = ReportMarkdown.render(sampleDocument())
        #expect(md.contains("| 0.01 | 4 | 2 | 1 | 1 | **50.0%** | 75.0% |"))
        #expect(md.contains("| 0.1 | 4 | 1 | 2 | 1 | **25.0%** | 50.0% |"))
        #expect(md.contains("Clean accuracy: **75.0%**"))
    }

    @Test func testJSON_hasTheSchemaFields() throws {
        let json = try JSONSerialization.jsonObject(with: sampleDocument().encoded()) as! [String: Any]
        for key in ["format", "name", "seed", "totalInstances", "complete", "fingerprint", "entries", "instances", "summary"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        let instance = (json["instances"] as! [[String: Any]])[0]
        for key in ["id", "ordinal", "entry", "verdict", "method", "seconds", "certifiedMargin", "attackMargin", "epsilon", "label", "predicted", "sample"] {
            #expect(instance[key] != nil, "missing instances[0].\(key)")
        }
        // The schema file lists the same required fields.
        let schemaURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("specs/report.schema.json")
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL)) as! [String: Any]
        let required = Set(schema["required"] as! [String])
        #expect(required.isSubset(of: Set(json.keys)))
    }
}
