import Foundation
import Testing
import VernierTestSupport
import VernierIO
import VernierCore
@testable import VernierReport

/// End to end through the `vernier` binary: report, suite run/merge, check.
@Suite(.serialized) struct CLIReportTests {
    typealias F = ReportFixtures

    /// The digits model with seeded noise added to its first layer: clearly worse, still valid.
    func writeWeakenedModel(to path: String) throws {
        var document = try ModelFile.load(path: F.digitsModel)
        var rng = SeededGenerator(seed: 11)
        let i = try #require(document.initializers.firstIndex { $0.name == "W0" })
        document.initializers[i].storage = .floating(document.initializers[i].doubles.map { $0 + rng.uniform(-0.6...0.6) })
        try ModelFile.save(document, to: path)
    }

    @Test func testCheck_failsOnWeakenedModelAndPassesOnOriginal() throws {
        let dir = try F.temporaryDirectory()
        let model = dir.appendingPathComponent("model.json").path
        try FileManager.default.copyItem(atPath: F.digitsModel, toPath: model)
        let suite = dir.appendingPathComponent("suite.yaml").path
        try F.digitsSuite(samples: 4, epsilons: [0.02, 0.05], model: "model.json").write(toFile: suite, atomically: true, encoding: .utf8)
        let baseline = dir.appendingPathComponent("baseline.json").path

        let update = try CLIRunner.run(["check", "--suite", suite, "--baseline", baseline, "--update-baseline", "--quiet", "--jobs", "2"])
        #expect(update.exitCode == 0, "\(update.stderr)")
        let base = try ResultsDocument.load(path: baseline)
        #expect(base.instances.count == 8)
        #expect(base.instances.contains { $0.verdict == .verified })

        // Same model: passes, with JUnit and Markdown written.
        let junit = dir.appendingPathComponent("junit.xml").path
        let same = try CLIRunner.run(["check", "--suite", suite, "--baseline", baseline, "--quiet", "--jobs", "2",
                                      "--junit", junit, "--markdown", dir.appendingPathComponent("check.md").path])
        #expect(same.exitCode == 0, "\(same.stdout)\(same.stderr)")
        #expect(same.stdout.contains("PASSED"))
        #expect(try String(contentsOfFile: junit, encoding: .utf8).contains("failures=\"0\""))

        // Weakened model: fails, and says which properties regressed and why.
        try writeWeakenedModel(to: model)
        let current = dir.appendingPathComponent("current.json").path
        let weak = try CLIRunner.run(["check", "--suite", suite, "--baseline", baseline, "--quiet", "--jobs", "2",
                                      "--out", current, "--junit", junit, "--annotations"])
        #expect(weak.exitCode == 1, "\(weak.stdout)\(weak.stderr)")
        #expect(weak.stdout.contains("FAILED"))
        #expect(weak.stdout.contains("no longer verified") || weak.stdout.contains("new counterexample"))
        #expect(weak.stdout.contains("::error file="))
        #expect(!(try String(contentsOfFile: junit, encoding: .utf8).contains("failures=\"0\"")))

        // The saved current results give the same answer without rerunning.
        let again = try CLIRunner.run(["check", "--current", current, "--baseline", baseline])
        #expect(again.exitCode == 1)
        #expect(again.stdout == weak.stdout.components(separatedBy: "::error").first!.replacingOccurrences(of: suite, with: current)
                || again.stdout.contains("FAILED"))
    }

    @Test func testSuiteShards_mergeToTheUnshardedResults() throws {
        let dir = try F.temporaryDirectory()
        let suite = dir.appendingPathComponent("suite.yaml").path
        try F.digitsSuite(samples: 2, epsilons: [0.02, 0.1]).write(toFile: suite, atomically: true, encoding: .utf8)
        let whole = dir.appendingPathComponent("whole.json").path
        #expect(try CLIRunner.run(["suite", "run", suite, "--out", whole, "--quiet"]).exitCode == 0)
        var parts = [String]()
        for k in 1...3 {
            let part = dir.appendingPathComponent("part\(k).json").path
            let r = try CLIRunner.run(["suite", "run", suite, "--shard", "\(k)/3", "--out", part, "--quiet", "--jobs", "1"])
            #expect(r.exitCode == 0, "\(r.stderr)")
            parts.append(part)
        }
        let merged = dir.appendingPathComponent("merged.json").path
        let m = try CLIRunner.run(["suite", "merge"] + parts + ["--out", merged])
        #expect(m.exitCode == 0, "\(m.stderr)")
        #expect(try ResultsDocument.load(path: merged).withoutTimings == ResultsDocument.load(path: whole).withoutTimings)
        // A missing shard is refused (exit 65, the count named).
        let missing = try CLIRunner.run(["suite", "merge", parts[0], parts[1], "--out", merged])
        #expect(missing.exitCode == 65 && missing.stderr.contains("of 4 instances"))
        let badShard = try CLIRunner.run(["suite", "run", suite, "--shard", "4/3", "--out", merged])
        #expect(badShard.exitCode == 64)
    }

    @Test func testReport_writesThreeFilesAndRejectsBadInput() throws {
        let dir = try F.temporaryDirectory()
        let out = dir.appendingPathComponent("r").path
        let r = try CLIRunner.run(["report", "--model", F.digitsModel, "--data", F.digitsData, "--samples", "2",
                                   "--epsilons", "0.01,0.2", "--clip", "0,1", "--method", "crown", "--out", out, "--quiet"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        for file in ["report.html", "report.md", "report.json"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file), "missing \(file)")
        }
        let doc = try ResultsDocument.load(path: out + "/report.json")
        #expect(doc.instances.count == 4 && doc.complete)
        #expect(r.stderr.isEmpty)

        let classifierData = TestPaths.packageRoot.appendingPathComponent("examples/classifier/x.json").path
        let bad = try CLIRunner.run(["report", "--model", F.digitsModel, "--data", classifierData, "--out", out])
        #expect(bad.exitCode == 65 && bad.stderr.contains("x.json") && bad.stderr.contains("64 inputs"))
        let badEps = try CLIRunner.run(["report", "--model", F.digitsModel, "--data", F.digitsData, "--epsilons", "0.1,-1", "--out", out])
        #expect(badEps.exitCode == 64)
    }

    /// Ctrl-C: the run stops, the finished instances are written as a partial report, exit 130.
    @Test func testInterrupt_writesPartialReport() throws {
        let dir = try F.temporaryDirectory()
        let out = dir.appendingPathComponent("r").path
        let p = Process()
        p.executableURL = CLIRunner.executable
        p.arguments = ["report", "--model", F.digitsModel, "--data", F.digitsData, "--epsilons", "0.01,0.02,0.03",
                       "--clip", "0,1", "--jobs", "1", "--timeout-per-instance", "5", "--out", out]
        p.standardOutput = Pipe()
        let err = Pipe()
        p.standardError = err
        try p.run()
        // Wait until at least one instance is done (the JSON is only written at the end, so poll time).
        Thread.sleep(forTimeInterval: 4)
        kill(p.processIdentifier, SIGINT)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 130, "\(stderr)")
        #expect(stderr.contains("interrupted"))
        let doc = try ResultsDocument.load(path: out + "/report.json")
        #expect(!doc.complete)
        #expect(doc.instances.count < 300 && doc.totalInstances == 300)
        #expect(ReportHTML.render(doc).contains("Partial report"))
    }
}
