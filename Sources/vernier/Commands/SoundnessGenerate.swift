import ArgumentParser
import Foundation
import Yams
import VernierSoundness

struct SoundnessGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Train networks with planted hidden counterexamples and write a VNN-COMP style benchmark.",
        discussion: """
        Writes DIR/<model>/{model.onnx, model.json, vnnlib/<i>.vnnlib, instances.csv, hidden.json},
        DIR/instances.csv and DIR/manifest.json. hidden.json says which instances are planted and
        where their counterexamples are; nothing in the VNN-COMP files refers to it.
        Without --config the built-in default (examples/soundness/default.yaml) is used.
        Exit code 0 when every model was written, 65 for a bad config, 70 otherwise.
        """)

    @Option(name: .long, help: "YAML (or JSON) generator config.")
    var config: String?

    @Option(name: .long, help: "Output directory (created if missing).")
    var out: String?

    @Option(name: .long, help: "Override the config's seed.")
    var seed: UInt64?

    @Option(name: .long, help: "Override the number of models trained in parallel.")
    var jobs: Int?

    @Flag(name: .long, help: "Print the effective config as YAML and exit.")
    var printConfig = false

    func validate() throws {
        if out == nil && !printConfig { throw ValidationError("give --out DIR (or --print-config)") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        try guardedSoundness {
            var cfg = try config.map(GeneratorConfig.load(path:)) ?? GeneratorConfig.standard
            if let seed { cfg.seed = seed }
            if let jobs { cfg.jobs = jobs }
            if printConfig {
                print(try YAMLEncoder().encode(cfg), terminator: "")
                return 0
            }
            let run = try BenchmarkGenerator(config: cfg).generate(into: out!) { line in
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
            print("\(run.models.count) models, \(run.plantedKept)/\(run.plantedDrafted) planted counterexamples survived every attack, "
                  + "\(run.models.map(\.clean).reduce(0, +)) clean instances, \(String(format: "%.1f", run.seconds)) s → \(out!)")
            return 0
        }
    }
}
