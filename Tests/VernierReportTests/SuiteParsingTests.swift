import Foundation
import Testing
@testable import VernierReport

@Suite struct SuiteParsingTests {
    @Test func testParse_readsEntriesWithDefaults() throws {
        let suite = try ReportFixtures.suite("""
        name: nightly
        seed: 3
        tolerance: 0.05
        timeout: 12
        method: crown
        entries:
          - name: robust
            model: m.json
            data: d.npy
            epsilons: [0.01, 0.1]
            clip: [0, 1]
            samples: 5
          - name: props
            model: other.onnx
            specs: [a.vnnlib, b.vnnlib]
            method: alpha-crown
            timeout: 3
        """)
        #expect(suite.name == "nightly" && suite.seed == 3 && suite.tolerance == 0.05)
        #expect(suite.entries.count == 2)
        #expect(suite.entries[0].epsilons == [0.01, 0.1] && suite.entries[0].clip == 0...1 && suite.entries[0].samples == 5)
        #expect(suite.entries[0].method == .crown && suite.entries[0].timeout == 12)
        #expect(suite.entries[1].specs == ["a.vnnlib", "b.vnnlib"] && suite.entries[1].method == .alphaCrown && suite.entries[1].timeout == 3)
        #expect(suite.resolve("x/y.json") == "/x/y.json")
    }

    /// Every mistake names the place in the file.
    @Test(arguments: [
        ("name: s\nentries:\n  - name: a\n    model: m\n    data: d\n    epsilon: [0.1]\n", "unknown key 'epsilon'"),
        ("name: s\nentries:\n  - name: a\n    model: m\n    data: d\n    epsilons: [0.1, x]\n", "entries[0].epsilons[1]"),
        ("name: s\nentries:\n  - name: a\n    data: d\n    epsilons: [0.1]\n", "missing 'model'"),
        ("name: s\nentries:\n  - name: a\n    model: m\n", "either 'data'"),
        ("name: s\nentries:\n  - name: a\n    model: m\n    data: d\n", "non-empty list of ε"),
        ("name: s\nentries:\n  - name: a\n    model: m\n    specs: [p]\n    method: magic\n", "unknown method 'magic'"),
        ("name: s\nentries:\n  - name: a\n    model: m\n    specs: [p]\n  - name: a\n    model: m\n    specs: [p]\n", "used twice"),
        ("name: s\nentries: []\n", "non-empty list"),
        ("entries:\n  - name: a\n    model: m\n    specs: [p]\n", "non-empty name"),
        ("name: s\ntolerance: 3\nentries:\n  - name: a\n    model: m\n    specs: [p]\n", "tolerance"),
        ("name: [unclosed\n", "YAML syntax"),
        ("name: s\nentries:\n  - name: a\n    model: m\n    data: d\n    epsilons: [0.1]\n    clip: [1, 0]\n", "lo <= hi"),
    ])
    func testParse_rejectsBadSuitesWithLocation(yaml: String, expected: String) {
        do {
            _ = try ReportFixtures.suite(yaml)
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(error.description.contains("test.yaml"))
        }
    }

    @Test func testPlan_expandsSamplesTimesEpsilonsAndChecksFiles() throws {
        let plan = try ReportFixtures.suite(ReportFixtures.digitsSuite(samples: 4, epsilons: [0.01, 0.02, 0.05])).plan()
        #expect(plan.instances.count == 12)
        #expect(plan.instances.map(\.ordinal) == Array(0..<12))
        #expect(Set(plan.instances.map(\.id)).count == 12)
        #expect(plan.instances[4].id == "digits/1/eps=0.02")
        #expect(try ReportFixtures.suite(ReportFixtures.digitsSuite(samples: 4, epsilons: [0.01, 0.02, 0.05])).plan().fingerprint == plan.fingerprint)
        #expect(try ReportFixtures.suite(ReportFixtures.digitsSuite(samples: 3)).plan().fingerprint != plan.fingerprint)
        let unclipped = ReportFixtures.digitsSuite(samples: 4, epsilons: [0.01, 0.02, 0.05]).replacingOccurrences(of: "clip: [0, 1]", with: "clip: [-1, 1]")
        #expect(try ReportFixtures.suite(unclipped).plan().fingerprint != plan.fingerprint)

        // A data file that does not fit the model is refused with both names.
        let bad = ReportFixtures.digitsSuite().replacingOccurrences(of: ReportFixtures.digitsData,
            with: ReportFixtures.digitsModel.replacingOccurrences(of: "digits/model.json", with: "classifier/x.json"))
        do {
            _ = try ReportFixtures.suite(bad).plan()
            Issue.record("mismatched data accepted")
        } catch {
            #expect("\(error)".contains("x.json") && "\(error)".contains("64 inputs"))
        }
    }

    @Test func testLabelsFile_readsClassIndicesOnly() throws {
        let dir = try ReportFixtures.temporaryDirectory()
        let good = dir.appendingPathComponent("labels.json").path
        try "[3, 0, 9]".write(toFile: good, atomically: true, encoding: .utf8)
        #expect(try RobustnessEntry.loadLabels(path: good) == [3, 0, 9])
        let column = dir.appendingPathComponent("labels.csv").path
        try "3\n0\n9\n".write(toFile: column, atomically: true, encoding: .utf8)
        #expect(try RobustnessEntry.loadLabels(path: column) == [3, 0, 9])
        let bad = dir.appendingPathComponent("bad.json").path
        try "[3, 1.5]".write(toFile: bad, atomically: true, encoding: .utf8)
        do {
            _ = try RobustnessEntry.loadLabels(path: bad)
            Issue.record("1.5 accepted as a label")
        } catch let e as ReportError {
            #expect(e.description.contains("bad.json") && e.description.contains("label 1 is 1.5"))
        }
    }
}
