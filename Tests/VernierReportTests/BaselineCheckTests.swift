import Foundation
import Testing
@testable import VernierReport

@Suite struct BaselineCheckTests {
    typealias F = ReportFixtures

    @Test func testUnchangedResults_pass() {
        let doc = F.document([F.outcome("e/0", .verified, ordinal: 0), F.outcome("e/1", .falsified, ordinal: 1),
                              F.outcome("e/2", .unknown, ordinal: 2)])
        let check = BaselineCheck(baseline: doc, current: doc, tolerance: 0)
        #expect(check.passed)
        #expect(check.instances.map(\.status) == [.pass, .skip, .skip])
    }

    @Test(arguments: [VerdictName.unknown, .timeout, .falsified])
    func testLostVerification_fails(now: VerdictName) {
        let base = F.document([F.outcome("e/0", .verified, ordinal: 0), F.outcome("e/1", .verified, ordinal: 1)])
        let cur = F.document([F.outcome("e/0", now, ordinal: 0), F.outcome("e/1", .verified, ordinal: 1)])
        let check = BaselineCheck(baseline: base, current: cur, tolerance: 1)  // tolerance cannot hide it
        #expect(!check.passed)
        #expect(check.regressions.map(\.id) == ["e/0"])
        #expect(check.failedAccuracy.isEmpty)
    }

    @Test func testNewCounterexample_failsEvenWithoutVerifiedBaseline() {
        let base = F.document([F.outcome("e/0", .unknown, ordinal: 0)])
        let cur = F.document([F.outcome("e/0", .falsified, ordinal: 0), F.outcome("e/1", .falsified, ordinal: 1)])
        let check = BaselineCheck(baseline: base, current: cur, tolerance: 1)
        #expect(check.regressions.map(\.id) == ["e/0", "e/1"])
        #expect(check.regressions.allSatisfy { $0.message.contains("new counterexample") })
    }

    @Test func testMissingInstance_fails() {
        let base = F.document([F.outcome("e/0", .verified, ordinal: 0), F.outcome("e/1", .unknown, ordinal: 1)])
        let cur = F.document([F.outcome("e/0", .verified, ordinal: 0)], total: 2, complete: false)
        let check = BaselineCheck(baseline: base, current: cur, tolerance: 1)
        #expect(check.regressions.map(\.id) == ["e/1"])
        #expect(check.notes.contains { $0.contains("incomplete") })
    }

    @Test func testAccuracyDrop_respectsTolerance() {
        // Certified accuracy 3/4 in the baseline, 2/4 now: a drop of 0.25.
        let base = F.document((0..<4).map { F.outcome("e/\($0)", $0 < 3 ? .verified : .unknown, ordinal: $0) })
        let cur = F.document((0..<4).map { F.outcome("e/\($0)", $0 < 2 ? .verified : .unknown, ordinal: $0) })
        let strict = BaselineCheck(baseline: base, current: cur, tolerance: 0.2)
        #expect(strict.failedAccuracy.map(\.key) == ["e @ ε=0.1"])
        let lenient = BaselineCheck(baseline: base, current: cur, tolerance: 0.25)
        #expect(lenient.failedAccuracy.isEmpty)
        // The lost instance itself is a regression either way.
        #expect(lenient.regressions.map(\.id) == ["e/2"])
    }

    @Test func testImprovement_passesAndIsListed() {
        let base = F.document([F.outcome("e/0", .timeout, ordinal: 0)])
        let cur = F.document([F.outcome("e/0", .verified, ordinal: 0)])
        let check = BaselineCheck(baseline: base, current: cur, tolerance: 0)
        #expect(check.passed)
        #expect(check.improvements.map(\.id) == ["e/0"])
        let text = CheckText.render(check, baselinePath: "b.json", currentPath: "c.json")
        #expect(text.contains("PASSED") && text.contains("+ e/0"))
    }

    @Test func testOutputs_nameTheRegression() {
        let base = F.document([F.outcome("e/0", .verified, ordinal: 0)])
        let cur = F.document([F.outcome("e/0", .unknown, ordinal: 0)])
        let check = BaselineCheck(baseline: base, current: cur, tolerance: 0)
        let text = CheckText.render(check, baselinePath: "b.json", currentPath: "c.json")
        #expect(text.contains("FAILED") && text.contains("- e/0: no longer verified"))
        let md = CheckMarkdown.render(check, name: "s")
        #expect(md.contains("failed") && md.contains("| `e/0` | verified | unknown |"))
        let annotations = GitHubAnnotations.render(check, file: "suite.yaml")
        #expect(annotations.split(separator: "\n").filter { $0.hasPrefix("::error file=suite.yaml,title=") }.count == 2)
        // Workflow-command syntax: ':' and ',' in a title are escaped.
        #expect(GitHubAnnotations.property("a:b,c") == "a%3Ab%2Cc")
    }
}
