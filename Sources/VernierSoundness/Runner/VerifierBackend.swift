import Foundation
import VernierCore
import VernierIO
import VernierSpec
import VernierVerify

/// How the runner asks a verifier about one instance.
public enum VerifierBackend: Sendable {
    /// An external tool, through the VNN-COMP `run_instance.sh` convention. The template may use
    /// `{onnx}`, `{vnnlib}`, `{result}`, `{timeout}` and `{category}` (each replaced by a
    /// shell-quoted value); a template without placeholders is a `run_instance.sh`-style script and
    /// gets `v1 {category} {onnx} {vnnlib} {result} {timeout}` appended.
    case command(String)
    /// Vernier's own `Verifier`, in this process (its `timeout` is set per instance).
    case inProcess(VerifierOptions)

    public var label: String {
        switch self {
        case .command(let t): t
        case .inProcess(let o): o.developerFault.map { "vernier (in-process, developer fault: \($0.rawValue))" } ?? "vernier (in-process)"
        }
    }

    /// The shell command for one instance.
    static func commandLine(_ template: String, onnx: String, vnnlib: String, result: String, timeout: Double,
                            category: String) -> String {
        let values = ["onnx": onnx, "vnnlib": vnnlib, "result": result,
                      "timeout": BenchmarkGenerator.format(timeout), "category": category]
        let hasPlaceholder = values.keys.contains { template.contains("{\($0)}") }
        var line = hasPlaceholder ? template : template + " v1 {category} {onnx} {vnnlib} {result} {timeout}"
        for (k, v) in values { line = line.replacingOccurrences(of: "{\(k)}", with: shellQuoted(v)) }
        return line
    }

    static func shellQuoted(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Asks the backend; never throws for a verifier failure (that is an `.error` answer).
    func answer(onnx: String, vnnlib: String, graph: Graph, property: Property, timeout: Double,
                grace: Double, category: String, workDirectory: String) -> VerifierAnswer {
        switch self {
        case .inProcess(var options):
            options.timeout = timeout
            do {
                let result = try Verifier(options: options).verify(graph, property: property)
                // Through the same file format as external tools, so both are judged alike.
                return VerifierAnswer.parse(VNNCompResultFile.render(result.verdict), inputCount: property.inputCount)
            } catch {
                return VerifierAnswer(word: .error, note: "\(error)")
            }
        case .command(let template):
            let resultPath = workDirectory + "/result-\(UUID().uuidString).txt"
            defer { try? FileManager.default.removeItem(atPath: resultPath) }
            let line = Self.commandLine(template, onnx: onnx, vnnlib: vnnlib, result: resultPath,
                                        timeout: timeout, category: category)
            let run = ShellProcess.run(line, limit: timeout + grace)
            if run.killed {
                return VerifierAnswer(word: .timeout, note: "killed by the runner after \(BenchmarkGenerator.format(timeout + grace)) s")
            }
            guard let text = try? String(contentsOfFile: resultPath, encoding: .utf8) else {
                return VerifierAnswer(word: .error, note: "no result file (exit status \(run.status); \(run.stderrTail))")
            }
            return VerifierAnswer.parse(text, inputCount: property.inputCount)
        }
    }
}
