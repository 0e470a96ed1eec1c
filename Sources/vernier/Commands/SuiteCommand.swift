import ArgumentParser
import Foundation
import VernierReport

struct SuiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suite",
        abstract: "Run a verification suite (YAML), one shard of it, or merge shard results.",
        discussion: "The suite format is described in specs/suite.md; results in specs/report.schema.json.",
        subcommands: [SuiteRunCommand.self, SuiteMergeCommand.self])
}

struct SuiteRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run every instance of a suite (or the shard k/n) and write the results as JSON.",
        discussion: """
        Examples:
          vernier suite run examples/ci/suite.yaml --out results.json
          vernier suite run suite.yaml --shard 3/8 --out results-3.json   # then: vernier suite merge
        Shard k/n (1 <= k <= n) takes the instances whose position in the suite is k-1 modulo n: \
        deterministic, disjoint, and together the whole suite.
        Exit codes: 0 results written (whatever the verdicts), 64 usage, 65 invalid suite or files, \
        70 internal, 130 interrupted by Ctrl-C (partial results written, marked incomplete).
        """)

    @Argument(help: "The suite file (YAML).")
    var suite: String

    @Option(name: .long, help: "Results file to write (JSON).")
    var out: String

    @Option(name: .long, help: "Run only slice k of n (1-based), e.g. 2/4.")
    var shard: String?

    @Option(name: .long, help: "Override the suite's seed.")
    var seed: UInt64?

    @Option(name: .long, help: "Instances run in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "Also write report.html and report.md into this folder.")
    var reportDir: String?

    @Flag(name: .long, help: "No progress line or summary on stderr.")
    var quiet = false

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be >= 1") }
        if let shard, (try? Shard(parsing: shard)) == nil { throw ValidationError("--shard must be k/n with 1 <= k <= n, e.g. 2/4") }
    }

    func run() throws {
        try runGuarded {
            try reportGuarded {
                let document = try runSuite(path: suite, shard: shard.map { try Shard(parsing: $0) }, seed: seed, jobs: jobs, quiet: quiet)
                try document.write(to: out)
                if let reportDir {
                    try createFolder(reportDir)
                    try writeFile(ReportHTML.render(document), to: (reportDir as NSString).appendingPathComponent("report.html"))
                    try writeFile(ReportMarkdown.render(document), to: (reportDir as NSString).appendingPathComponent("report.md"))
                }
                return document.complete ? 0 : interruptedExitCode
            }
        }
    }
}

/// Loads, plans and runs a suite with progress and Ctrl-C handling (shared by `suite run` and `check --suite`).
func runSuite(path: String, shard: Shard?, seed: UInt64?, jobs: Int, quiet: Bool) throws -> ResultsDocument {
    let suite = try Suite.load(path: path)
    let plan = try suite.plan(seed: seed)
    let cancel = CancellationFlag()
    let progress = ProgressPrinter(quiet: quiet)
    let start = DispatchTime.now()
    let document = withInterruptHandling(cancel, quiet: quiet) {
        SuiteRun(plan: plan, shard: shard, jobs: jobs).run(cancel: cancel, progress: progress.callback)
    }
    progress.finish(document, seconds: secondsSince(start))
    return document
}

struct SuiteMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the result files of the shards of one suite run into one.",
        discussion: """
        Refuses files of different suites or seeds, overlapping shards, and (unless \
        --allow-incomplete) a set of shards that does not cover the whole suite.
        The merged file equals what an unsharded run writes, apart from wall-clock times.
        Exit codes: 0 merged, 64 usage, 65 unreadable or incompatible files.
        """)

    @Argument(help: "Shard result files.")
    var parts: [String]

    @Option(name: .long, help: "Merged results file to write.")
    var out: String

    @Flag(name: .long, help: "Merge even when shards are missing or were interrupted (the result is marked incomplete).")
    var allowIncomplete = false

    func validate() throws {
        if parts.isEmpty { throw ValidationError("give at least one shard result file") }
    }

    func run() throws {
        try runGuarded {
            try reportGuarded {
                let documents = try parts.map { try ResultsDocument.load(path: $0) }
                let merged = try ShardMerge.merge(documents, allowIncomplete: allowIncomplete)
                try merged.write(to: out)
                print("merged \(parts.count) file(s): \(merged.instances.count) of \(merged.totalInstances) instances → \(out)")
                return 0
            }
        }
    }
}
