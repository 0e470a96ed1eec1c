import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import VernierTestSupport
@testable import VernierReport

@Suite struct JUnitXMLTests {
    typealias F = ReportFixtures

    func sampleCheck() -> BaselineCheck {
        let base = F.document([F.outcome("e/0", .verified, ordinal: 0), F.outcome("e/1", .verified, ordinal: 1),
                               F.outcome("e/2", .unknown, ordinal: 2), F.outcome("e/3 <&\"'>", .falsified, ordinal: 3)])
        let cur = F.document([F.outcome("e/0", .verified, ordinal: 0), F.outcome("e/1", .timeout, ordinal: 1),
                              F.outcome("e/2", .unknown, ordinal: 2), F.outcome("e/3 <&\"'>", .falsified, ordinal: 3)])
        return BaselineCheck(baseline: base, current: cur, tolerance: 0)
    }

    /// The structure CI systems rely on: testsuites > testsuite > testcase(name, classname, time),
    /// counts that match the cases, one failure per regression, skipped for not-verified cases.
    @Test func testJUnit_hasTheCommonStructure() throws {
        let xml = JUnitXML.render(sampleCheck(), name: "vernier check: s")
        let doc = try XMLDocument(xmlString: xml, options: [])
        let root = try #require(doc.rootElement())
        #expect(root.name == "testsuites")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.map { $0.attribute(forName: "name")?.stringValue } == ["e", "certified-accuracy"])
        var allCases = 0, allFailures = 0
        for suite in suites {
            let cases = suite.elements(forName: "testcase")
            let failures = cases.filter { !$0.elements(forName: "failure").isEmpty }.count
            let skipped = cases.filter { !$0.elements(forName: "skipped").isEmpty }.count
            #expect(suite.attribute(forName: "tests")?.stringValue == "\(cases.count)")
            #expect(suite.attribute(forName: "failures")?.stringValue == "\(failures)")
            #expect(suite.attribute(forName: "skipped")?.stringValue == "\(skipped)")
            #expect(suite.attribute(forName: "errors")?.stringValue == "0")
            for c in cases {
                #expect(c.attribute(forName: "name") != nil && c.attribute(forName: "classname") != nil)
                #expect(Double(c.attribute(forName: "time")?.stringValue ?? "") != nil)
                #expect((c.children ?? []).count <= 1)
            }
            allCases += cases.count
            allFailures += failures
        }
        #expect(root.attribute(forName: "tests")?.stringValue == "\(allCases)")
        #expect(root.attribute(forName: "failures")?.stringValue == "\(allFailures)")
        let e = suites[0].elements(forName: "testcase")
        #expect(e.map { $0.attribute(forName: "name")?.stringValue ?? "" } == ["e/0", "e/1", "e/2", "e/3 <&\"'>"])
        #expect(e[1].elements(forName: "failure").first?.attribute(forName: "message")?.stringValue?.contains("no longer verified") == true)
        #expect(!e[2].elements(forName: "skipped").isEmpty && !e[3].elements(forName: "skipped").isEmpty)
        // The accuracy group dropped from 50% to 25%.
        #expect(!suites[1].elements(forName: "testcase")[0].elements(forName: "failure").isEmpty)
    }

    /// Validates against examples/ci/junit.xsd with xmllint when it is installed.
    @Test func testJUnit_validatesAgainstSchema() throws {
        let xmllint = ["/usr/bin/xmllint", "/usr/local/bin/xmllint", "/opt/homebrew/bin/xmllint"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let xmllint else { return }  // structure is still checked by the test above
        let dir = try F.temporaryDirectory()
        let file = dir.appendingPathComponent("junit.xml")
        try JUnitXML.render(sampleCheck(), name: "vernier check").write(to: file, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: xmllint)
        p.arguments = ["--noout", "--schema", TestPaths.packageRoot.appendingPathComponent("examples/ci/junit.xsd").path, file.path]
        let err = Pipe()
        p.standardError = err
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(message)")
        #expect(message.contains("validates"))
    }
}
