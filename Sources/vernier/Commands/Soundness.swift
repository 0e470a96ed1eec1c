import ArgumentParser
import VernierSoundness

/// `vernier soundness …`: generate benchmarks with hidden counterexamples, and judge verifiers on them.
struct Soundness: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soundness",
        abstract: "Soundness benchmarks: networks with hidden counterexamples, and a runner that catches unsound verifiers.",
        discussion: """
        Examples:
          vernier soundness generate --out bench/                 (built-in default config)
          vernier soundness generate --config my.yaml --out bench/
          vernier soundness run --instances bench/ --verifier vernier
          vernier soundness run --instances bench/ --verifier vnncomp/run_instance.sh --timeout 30
        See specs/soundness-bench.md.
        """,
        subcommands: [SoundnessGenerate.self, SoundnessRun.self])
}

/// Soundness-module errors are user-facing problems (a config, a directory), so they exit 65.
func guardedSoundness(_ body: () throws -> Int32) throws {
    try runGuarded {
        do {
            return try body()
        } catch let e as SoundnessError {
            throw CLIInputError(message: e.message)
        }
    }
}
