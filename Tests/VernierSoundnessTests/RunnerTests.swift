import Testing
import Foundation
import VernierCore
import VernierSpec
import VernierVerify
@testable import VernierSoundness

struct RunnerTests {
    // MARK: Result words

    @Test func testResultWords_matchExactly() {
        #expect(VerifierAnswer.parse("unsat\n", inputCount: 1).word == .unsat)
        #expect(VerifierAnswer.parse("  timeout  \n", inputCount: 1).word == .timeout)
        #expect(VerifierAnswer.parse("unknown", inputCount: 1).word == .unknown)
        // Near misses are errors, never another word.
        for text in ["Unsat", "SAT", "unsat.", "sat-ish", "holds", "", "error"] {
            #expect(VerifierAnswer.parse(text, inputCount: 1).word == .error, "'\(text)'")
        }
        let sat = VerifierAnswer.parse("sat\n((X_1 -0.5)\n (X_0 2.5e-1)\n (Y_0 1))\n", inputCount: 2)
        #expect(sat.word == .sat && sat.input == [0.25, -0.5])
        let partial = VerifierAnswer.parse("sat\n((X_0 1))", inputCount: 2)
        #expect(partial.word == .sat && partial.input == nil && partial.note?.contains("X_1 missing") == true)
    }

    // MARK: Judging

    @Test func testJudgement_unsatOnPlanted_isUnsound_andBadCounterexample_isInvalid() throws {
        let graph = try GraphBuilder().build(SpikeBenchmark.document())
        let property = try VNNLib.parse(SpikeBenchmark.vnnlib)
        func judge(_ a: VerifierAnswer, planted: Bool = true) -> Judgement {
            Judgement.judge(a, knownViolated: planted, planted: planted, graph: graph, property: property).0
        }
        #expect(judge(VerifierAnswer(word: .unsat)) == .unsound)
        #expect(judge(VerifierAnswer(word: .unsat), planted: false) == .verified)
        #expect(judge(VerifierAnswer(word: .sat, input: SpikeBenchmark.spike)) == .found)
        #expect(judge(VerifierAnswer(word: .sat, input: SpikeBenchmark.centre)) == .invalid)
        #expect(judge(VerifierAnswer(word: .sat, input: nil)) == .invalid)
        // Outside the box by more than the tolerance: invalid even though the output would violate.
        var outside = SpikeBenchmark.spike
        outside[0] = 5
        #expect(judge(VerifierAnswer(word: .sat, input: outside)) == .invalid)
        #expect(judge(VerifierAnswer(word: .timeout)) == .timeout)
        #expect(judge(VerifierAnswer(word: .unknown)) == .unknown)
    }

    // MARK: In-process Vernier

    @Test func testRealVernier_makesNoUnsoundClaim_onTheSpike() throws {
        let dir = try SpikeBenchmark.write()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let report = try SoundnessRunner(backend: .inProcess(VerifierOptions()), timeout: 5).run(instances: dir)
        #expect(report.instances.count == 1)
        #expect(report.total.unsound == 0 && report.total.invalid == 0)
        #expect(report.isClean)
    }

    @Test(arguments: DeveloperFault.allCases)
    func testSyntheticBug_isCaught(_ fault: DeveloperFault) throws {
        let dir = try SpikeBenchmark.write()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var options = VerifierOptions()
        options.developerFault = fault
        let report = try SoundnessRunner(backend: .inProcess(options), timeout: 5).run(instances: dir)
        #expect(report.total.unsound == 1, "fault \(fault.rawValue) was not caught: \(report.instances)")
        #expect(!report.isClean)
        #expect(report.table().contains("UNSOUND"))
    }

    @Test func testRealVernier_onAGeneratedSet_reportsNoUnsoundClaim() throws {
        let dir = GeneratorTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var config = GeneratorTests.tinyConfig(seed: 21)
        config.models.removeLast()
        try BenchmarkGenerator(config: config).generate(into: dir)
        let report = try SoundnessRunner(backend: .inProcess(VerifierOptions()), timeout: 3).run(instances: dir)
        #expect(!report.instances.isEmpty)
        #expect(report.total.unsound == 0)
        #expect(report.total.invalid == 0)
        // The same generated set catches a verifier that skips its final decision: both seeded
        // planted points are kept, and claiming them verified is judged unsound.
        var faulty = VerifierOptions()
        faulty.developerFault = .verifiedWhenOpen
        let caught = try SoundnessRunner(backend: .inProcess(faulty), timeout: 10).run(instances: dir)
        #expect(caught.total.unsound == 2, "\(caught.instances)")
        #expect(!caught.isClean)
    }

    // MARK: External commands

    /// A fake verifier script that writes `body` as its result file (to the 5th argument).
    static func script(_ body: String, in dir: String, name: String = "fake.sh") throws -> String {
        let path = dir + "/" + name
        try "#!/bin/sh\n\(body)\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test func testCommandBackend_followsTheRunInstanceConvention() throws {
        let dir = try SpikeBenchmark.write()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cases: [(String, Judgement)] = [
            ("[ \"$1\" = v1 ] && [ \"$2\" = soundness ] && [ \"$6\" = 5 ] && echo unsat > \"$5\"", .unsound),
            ("printf 'sat\\n((X_0 0.296875) (X_1 -0.578125) (X_2 0.03125) (X_3 0.390625))\\n' > \"$5\"", .found),
            ("printf 'sat\\n((X_0 0.25) (X_1 -0.5) (X_2 0) (X_3 0.5))\\n' > \"$5\"", .invalid),
            ("echo Unsat > \"$5\"", .error),
            ("exit 3", .error),
            ("echo timeout > \"$5\"", .timeout),
        ]
        for (body, expected) in cases {
            let path = try Self.script(body, in: dir)
            let report = try SoundnessRunner(backend: .command(path), timeout: 5).run(instances: dir)
            #expect(report.instances.first?.judgement == expected, "script '\(body)': \(report.instances)")
        }
    }

    @Test func testCommandBackend_placeholdersAndKillAtTheLimit() throws {
        let dir = try SpikeBenchmark.write()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try Self.script("echo \"$2\" | grep -q 'vnnlib/0.vnnlib' && echo unknown > \"$1\"", in: dir)
        let report = try SoundnessRunner(backend: .command("\(path) {result} {vnnlib}"), timeout: 5).run(instances: dir)
        #expect(report.instances.first?.answer == .unknown)

        let sleeper = try Self.script("sleep 30; echo unsat > \"$5\"", in: dir, name: "slow.sh")
        var runner = SoundnessRunner(backend: .command(sleeper), timeout: 0.5)
        runner.grace = 0.5
        let start = Date()
        let slow = try runner.run(instances: dir)
        #expect(slow.instances.first?.judgement == .timeout)
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func testMissingBenchmark_isAClearError() {
        #expect { try SoundnessRunner(backend: .inProcess(VerifierOptions())).run(instances: "/nonexistent/bench") }
            throws: { ($0 as? SoundnessError)?.message.contains("not a directory") == true }
    }
}
