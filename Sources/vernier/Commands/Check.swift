import ArgumentParser
import Foundation
import VernierReport

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare suite results with a baseline and fail on regressions (for CI).",
        discussion: """
        Fails (exit 1) when an instance verified in the baseline is no longer verified (unknown \
        and timeout included), when a counterexample appears, when a baseline instance is missing, \
        or when the certified accuracy of any (entry, ε) drops more than --tolerance below the \
        baseline. Prints a readable diff; optional JUnit XML, Markdown and GitHub Actions annotations.

        Examples:
          vernier check --baseline baseline.json --current results.json --junit junit.xml
          vernier check --suite suite.yaml --baseline baseline.json --out results.json
          vernier check --suite suite.yaml --baseline baseline.json --update-baseline
        Exit codes: 0 passed (or baseline updated), 1 regression, 64 usage, 65 invalid files, \
        70 internal, 130 interrupted while running the suite.
        """)

    @Option(name: .long, help: "Baseline results (JSON written by suite run, report or check).")
    var baseline: String

    @Option(name: .long, help: "Current results (JSON).")
    var current: String?

    @Option(name: .long, help: "Run this suite to get the current results.")
    var suite: String?

    @Option(name: .long, help: "With --suite: also write the current results here.")
    var out: String?

    @Option(name: .long, help: "Allowed drop in certified accuracy, as a fraction (default: the suite's 'tolerance', else 0).")
    var tolerance: Double?

    @Option(name: .long, help: "Write JUnit XML (one test case per property).")
    var junit: String?

    @Option(name: .long, help: "Write a Markdown summary (e.g. for a pull-request comment).")
    var markdown: String?

    @Flag(name: .long, help: "Print GitHub Actions annotations (::error ...); on by default when GITHUB_ACTIONS=true.")
    var annotations = false

    @Flag(name: .long, help: "Write the current results to the baseline file instead of comparing.")
    var updateBaseline = false

    @Option(name: .long, help: "With --suite: override the suite's seed.")
    var seed: UInt64?

    @Option(name: .long, help: "With --suite: instances run in parallel.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "With --suite: no progress line on stderr.")
    var quiet = false

    func validate() throws {
        if (current == nil) == (suite == nil) { throw ValidationError("give either --current results.json or --suite suite.yaml") }
        if out != nil, suite == nil { throw ValidationError("--out needs --suite") }
        if let t = tolerance, !(0...1).contains(t) { throw ValidationError("--tolerance must lie in [0, 1]") }
        if jobs < 1 { throw ValidationError("--jobs must be >= 1") }
    }

    func run() throws {
        try runGuarded {
            try reportGuarded {
                let currentDocument: ResultsDocument
                var suiteTolerance: Double? = nil
                if let suite {
                    suiteTolerance = try Suite.load(path: suite).tolerance
                    currentDocument = try runSuite(path: suite, shard: nil, seed: seed, jobs: jobs, quiet: quiet)
                    if let out { try currentDocument.write(to: out) }
                    if !currentDocument.complete {
                        FileHandle.standardError.write(Data("error: the suite run was interrupted; nothing compared\n".utf8))
                        return interruptedExitCode
                    }
                } else {
                    currentDocument = try ResultsDocument.load(path: current!)
                }
                if updateBaseline {
                    try currentDocument.write(to: baseline)
                    print("baseline \(baseline) updated: \(currentDocument.instances.count) instances")
                    return 0
                }
                let base = try ResultsDocument.load(path: baseline)
                let check = BaselineCheck(baseline: base, current: currentDocument, tolerance: tolerance ?? suiteTolerance ?? 0)
                print(CheckText.render(check, baselinePath: baseline, currentPath: current ?? suite!), terminator: "")
                if annotations || ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true" {
                    print(GitHubAnnotations.render(check, file: suite), terminator: "")
                }
                if let junit { try writeFile(JUnitXML.render(check, name: "vernier check: \(currentDocument.name)"), to: junit) }
                if let markdown { try writeFile(CheckMarkdown.render(check, name: currentDocument.name), to: markdown) }
                return check.passed ? 0 : 1
            }
        }
    }
}
