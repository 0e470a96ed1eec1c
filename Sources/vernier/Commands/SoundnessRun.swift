import ArgumentParser
import Foundation
import VernierVerify
import VernierSoundness

struct SoundnessRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a verifier on a generated benchmark and judge its answers.",
        discussion: """
        --verifier vernier runs Vernier in this process. Anything else is a shell command template
        following the VNN-COMP run_instance.sh convention: placeholders {onnx} {vnnlib} {result}
        {timeout} {category}; without placeholders, "v1 {category} {onnx} {vnnlib} {result} {timeout}"
        is appended (so a run_instance.sh path works as is).
        unsat on a planted instance is UNSOUND; sat whose counterexample does not check is INVALID.
        Exit code 0 when there is no unsound or invalid claim, 1 otherwise, 64/65/70 as usual.
        """)

    @Option(name: .long, help: "Benchmark directory written by 'soundness generate' (or one model's directory).")
    var instances: String

    @Option(name: .long, help: "'vernier' (in-process) or a command template (VNN-COMP run_instance.sh convention).")
    var verifier: String

    @Option(name: .long, help: "Seconds per instance (default: the timeout in instances.csv).")
    var timeout: Double?

    @Option(name: .long, help: "Run at most this many instances per model.")
    var limit: Int?

    @Option(name: .long, help: "Write the judged results as JSON to this file.")
    var json: String?

    @Flag(name: .long, help: "Print one line per instance.")
    var verbose = false

    @Option(name: .long, help: ArgumentHelp("Developer self-test: run the in-process verifier with a deliberate fault.", visibility: .hidden))
    var developerFault: String?

    func validate() throws {
        if let t = timeout, !(t > 0) { throw ValidationError("--timeout must be positive") }
        if let l = limit, l < 1 { throw ValidationError("--limit must be at least 1") }
        if let f = developerFault {
            guard DeveloperFault(rawValue: f) != nil else {
                throw ValidationError("--developer-fault must be one of \(DeveloperFault.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard verifier == "vernier" else { throw ValidationError("--developer-fault needs --verifier vernier") }
        }
    }

    func run() throws {
        try guardedSoundness {
            let backend: VerifierBackend
            if verifier == "vernier" {
                var options = VerifierOptions()
                options.developerFault = developerFault.flatMap(DeveloperFault.init(rawValue:))
                backend = .inProcess(options)
            } else {
                backend = .command(verifier)
            }
            var runner = SoundnessRunner(backend: backend, timeout: timeout)
            runner.limitPerModel = limit
            let report = try runner.run(instances: instances) { line in
                if verbose { FileHandle.standardError.write(Data((line + "\n").utf8)) }
            }
            if let json { try writeFile(String(decoding: try report.json(), as: UTF8.self), to: json) }
            print(report.table(), terminator: "")
            return report.isClean ? 0 : 1
        }
    }
}
