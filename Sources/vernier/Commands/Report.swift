import ArgumentParser
import Foundation
import VernierCore
import VernierIO
import VernierSpec
import VernierVerify
import VernierReport

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Robustness report of a classifier on a data set: HTML, Markdown and JSON.",
        discussion: """
        For every sample of --data and every ε: the verdict (verified / falsified / unknown, with \
        method and time), the certified lower bound on the margin and the attack's best margin.
        Writes DIR/report.html (self-contained, inline SVG plots), DIR/report.md and DIR/report.json \
        (schema: specs/report.schema.json).

        Examples:
          vernier report --model examples/digits/model.json --data examples/digits/test.json \\
                         --epsilons 0.005,0.01,0.02,0.05 --clip 0,1 --out digits-report

        Instances run in parallel (--jobs). Progress and ETA go to stderr when it is a terminal. \
        Ctrl-C stops cleanly: the finished instances are written as a partial report (exit 130).
        Exit codes: 0 report written, 64 usage, 65 invalid model/data, 70 internal, 130 interrupted.
        """)

    @Option(name: .long, help: "Model file (.onnx or .json).")
    var model: String

    @Option(name: .long, help: "Data set (.npy, .csv or .json; JSON may carry \"labels\").")
    var data: String

    @Option(name: .long, help: "Labels file (one class per sample: JSON array, CSV or .npy) when the data has none; without any labels the model's predictions are used.")
    var labels: String?

    @Option(name: .long, help: "Comma-separated L∞ radii.")
    var epsilons: String = "0.001,0.003,0.01,0.03"

    @Option(name: .long, help: "Use only the first N samples.")
    var samples: Int?

    @Option(name: .long, help: "Input domain as lo,hi (e.g. 0,1) to clip every ε-ball to.")
    var clip: String?

    @Option(name: .long, help: "Bounding method: ibp, crown, alpha-crown, input-split or auto.")
    var method: VerificationMethod = .auto

    @Option(name: .long, help: "Seconds per (sample, ε) instance; a timeout counts as unknown.")
    var timeoutPerInstance: Double?

    @Option(name: .long, help: "Seed of the attack (results are deterministic for a seed).")
    var seed: UInt64 = 0

    @Option(name: .long, help: "Instances run in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Also bound the local Lipschitz constant of the margin (label vs runner-up, L∞) over each ε-ball.")
    var lipschitz = false

    @Flag(name: .long, help: "No progress line or summary on stderr.")
    var quiet = false

    @Option(name: .long, help: "Output folder (created if needed).")
    var out: String

    @Option(name: .long, help: "Name shown in the report and used in instance ids (default: the model file's name, or its folder's for model.json/model.onnx).")
    var name: String?

    func validate() throws {
        if parseEpsilons(epsilons) == nil { throw ValidationError("--epsilons must be comma-separated numbers >= 0, e.g. 0.001,0.01") }
        if let c = clip, parseClip(c) == nil { throw ValidationError("--clip must be lo,hi with lo <= hi, e.g. 0,1") }
        if let t = timeoutPerInstance, !(t > 0 && t.isFinite) { throw ValidationError("--timeout-per-instance must be positive") }
        if let n = samples, n < 1 { throw ValidationError("--samples must be >= 1") }
        if jobs < 1 { throw ValidationError("--jobs must be >= 1") }
        if let name, name.isEmpty || name.contains("/") { throw ValidationError("--name must be non-empty and without '/'") }
    }

    func run() throws {
        try runGuarded {
            try reportGuarded {
                let graph = try ModelFile.loadGraph(path: model)
                let inputs = try InputData.load(path: data)
                let labelValues = try labels.map { try RobustnessEntry.loadLabels(path: $0) }
                let modelName = name ?? defaultName(model)
                let entry = RobustnessEntry(
                    name: modelName, modelPath: model, dataPath: data, data: inputs, labels: labelValues, labelsPath: labels,
                    epsilons: parseEpsilons(epsilons)!, samples: samples, clip: clip.flatMap(parseClip), method: method,
                    timeout: timeoutPerInstance, lipschitz: lipschitz)
                let (instances, info) = try entry.plan(graph: graph, model: 0, firstOrdinal: 0)
                let plan = RunPlan(name: modelName, seed: seed, graphs: [graph], instances: instances, entries: [info])
                try createFolder(out)

                let cancel = CancellationFlag()
                let progress = ProgressPrinter(quiet: quiet)
                let start = DispatchTime.now()
                let document = withInterruptHandling(cancel, quiet: quiet) {
                    SuiteRun(plan: plan, jobs: jobs).run(cancel: cancel, progress: progress.callback)
                }
                progress.finish(document, seconds: secondsSince(start))
                try write(document)
                print(summary(document))
                return document.complete ? 0 : interruptedExitCode
            }
        }
    }

    func write(_ document: ResultsDocument) throws {
        let folder = URL(fileURLWithPath: out)
        try document.write(to: folder.appendingPathComponent("report.json").path)
        try writeFile(ReportHTML.render(document), to: folder.appendingPathComponent("report.html").path)
        try writeFile(ReportMarkdown.render(document), to: folder.appendingPathComponent("report.md").path)
    }

    func summary(_ d: ResultsDocument) -> String {
        var lines = ["wrote \(out)/report.html, report.md, report.json (\(d.instances.count) of \(d.totalInstances) instances)"]
        for g in d.summary {
            lines.append("  ε = \(g.epsilon.map { "\($0)" } ?? "-"): certified \(String(format: "%.1f%%", g.certifiedAccuracy * 100)), attack \(String(format: "%.1f%%", g.attackAccuracy * 100)) (verified \(g.verified), falsified \(g.falsified), unknown \(g.unknown + g.timeout) of \(g.total))")
        }
        return lines.joined(separator: "\n")
    }
}

/// `nets/mnist.onnx` → `mnist`; `examples/digits/model.json` → `digits` (a file called "model" says little).
func defaultName(_ modelPath: String) -> String {
    let url = URL(fileURLWithPath: modelPath)
    let base = url.deletingPathExtension().lastPathComponent
    let folder = url.deletingLastPathComponent().lastPathComponent
    return base == "model" && !folder.isEmpty && folder != "/" ? folder : base
}

func createFolder(_ path: String) throws {
    do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
        throw CLIInputError(message: "cannot create folder '\(path)': \(error.localizedDescription)")
    }
}
