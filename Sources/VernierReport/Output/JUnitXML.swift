import Foundation

/// JUnit XML for CI systems: one test case per property (instance), grouped in one test suite
/// per suite entry, plus a `certified-accuracy` test suite with one case per (entry, ε) group.
///
/// A case fails when it is a regression (exactly what makes `vernier check` exit non-zero), is
/// skipped when the property is not verified but did not regress (unknown, timeout, known
/// counterexample: never reported as passing), and passes when verified. The layout follows
/// the common JUnit schema (`testsuites > testsuite > testcase > failure | skipped`), checked
/// against examples/ci/junit.xsd (written for this project) in the tests.
public enum JUnitXML {
    public static func render(_ check: BaselineCheck, name: String) -> String {
        var suites = [(String, [Case])]()
        var index = [String: Int]()
        for c in check.instances {
            if index[c.entry] == nil { index[c.entry] = suites.count; suites.append((c.entry, [])) }
            let outcome: Case.Outcome = switch c.status {
            case .pass: .pass
            case .fail: .failure(type: "regression", message: c.message)
            case .skip: .skipped(message: c.message)
            }
            suites[index[c.entry]!].1.append(Case(name: c.id, className: "vernier.\(c.entry)", seconds: c.seconds, outcome: outcome))
        }
        if !check.accuracy.isEmpty {
            suites.append(("certified-accuracy", check.accuracy.map { a in
                let now = a.current.map(Format.percent) ?? "missing"
                let message = "certified accuracy \(Format.percent(a.baseline)) → \(now) (tolerance \(Format.fixed(a.tolerance)))"
                return Case(name: a.key, className: "vernier.certified-accuracy", seconds: 0,
                            outcome: a.passed ? .pass : .failure(type: "accuracy-drop", message: message))
            }))
        }
        return document(name: name, suites: suites)
    }

    struct Case {
        enum Outcome { case pass, failure(type: String, message: String), skipped(message: String) }
        var name: String
        var className: String
        var seconds: Double
        var outcome: Outcome
        var isFailure: Bool { if case .failure = outcome { true } else { false } }
        var isSkipped: Bool { if case .skipped = outcome { true } else { false } }
    }

    static func document(name: String, suites: [(String, [Case])]) -> String {
        let all = suites.flatMap(\.1)
        func counts(_ cases: [Case]) -> String {
            let time = cases.reduce(0) { $0 + $1.seconds }
            return "tests=\"\(cases.count)\" failures=\"\(cases.filter(\.isFailure).count)\" errors=\"0\" skipped=\"\(cases.filter(\.isSkipped).count)\" time=\"\(String(format: "%.3f", time))\""
        }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"\(Format.escapeXML(name))\" \(counts(all))>\n"
        for (id, (suite, cases)) in suites.enumerated() {
            xml += "  <testsuite name=\"\(Format.escapeXML(suite))\" id=\"\(id)\" \(counts(cases))>\n"
            for c in cases {
                let open = "    <testcase name=\"\(Format.escapeXML(c.name))\" classname=\"\(Format.escapeXML(c.className))\" time=\"\(String(format: "%.3f", c.seconds))\""
                switch c.outcome {
                case .pass:
                    xml += open + "/>\n"
                case .failure(let type, let message):
                    xml += open + ">\n      <failure type=\"\(type)\" message=\"\(Format.escapeXML(message))\">\(Format.escapeXML(message))</failure>\n    </testcase>\n"
                case .skipped(let message):
                    xml += open + ">\n      <skipped message=\"\(Format.escapeXML(message))\"/>\n    </testcase>\n"
                }
            }
            xml += "  </testsuite>\n"
        }
        xml += "</testsuites>\n"
        return xml
    }
}
