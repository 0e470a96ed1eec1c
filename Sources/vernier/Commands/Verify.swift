import ArgumentParser
import Foundation
import VernierCore
import VernierIO
import VernierSpec
import VernierVerify
import VernierBaB

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify a property of a model (VNN-LIB file or L∞ robustness around an input).",
        discussion: """
        Examples:
          vernier verify --model net.onnx --spec prop.vnnlib
          vernier verify --model net.json --input x.npy --epsilon 0.01 --label 3 --clip 0,1
        Prints the verdict; exit code 0 verified, 1 falsified, 2 unknown/timeout.
        """)

    @Option(name: .long, help: "Model file (.onnx or .json).")
    var model: String

    @Option(name: .long, help: "VNN-LIB property file.")
    var spec: String?

    @Option(name: .long, help: "Input sample for a robustness property (.npy, .csv or .json).")
    var input: String?

    @Option(name: .long, help: "Which sample of --input to use (0-based).")
    var sample: Int = 0

    @Option(name: .long, help: "L∞ radius for a robustness property.")
    var epsilon: Double?

    @Option(name: .long, help: "True label for a robustness property.")
    var label: Int?

    @Option(name: .long, help: "Target label (only misclassification as this class counts).")
    var target: Int?

    @Option(name: .long, help: "Input domain as lo,hi (e.g. 0,1) to clip the ε-ball to.")
    var clip: String?

    @Option(name: .long, help: "How to decide: ibp, crown, alpha-crown, input-split, activation-split or auto (the strongest that fits; see specs/cli.md).")
    var method: VerificationMethod = .auto

    @Option(name: .long, help: "Time limit in seconds.")
    var timeout: Double?

    @Option(name: .long, help: "Seed for randomised steps (falsification).")
    var seed: UInt64 = 0

    @Option(name: .long, help: "β-CROWN iterations per split domain in activation splitting (0: splits act only through the restricted intervals; default 10).")
    var betaIterations: Int?

    @Option(name: .long, help: "How input splitting picks the dimension to split: adaptive (default: influence, lookahead where a split stopped helping), influence (largest |coefficient|·width of the linear bound; one bounding per domain) or lookahead (bound both halves of every split, keep the best).")
    var inputBranching: InputSplitBaB.Branching?

    @Flag(name: .long, help: "No progress lines on stderr during branch and bound.")
    var quiet = false

    @Flag(name: .long, help: "Print the result as JSON (schema: specs/result.schema.json).")
    var json = false

    @Option(name: .long, help: "Write a VNN-COMP result file (sat/unsat/timeout/unknown, with the counterexample).")
    var resultFile: String?

    func validate() throws {
        if (spec == nil) == (input == nil) {
            throw ValidationError("give either --spec or --input (with --epsilon and --label)")
        }
        if input != nil, epsilon == nil || label == nil {
            throw ValidationError("--input needs --epsilon and --label")
        }
        if let e = epsilon, !(e.isFinite && e >= 0) { throw ValidationError("--epsilon must be a finite number >= 0") }
        if let t = timeout, !(t > 0) { throw ValidationError("--timeout must be positive") }
        if let b = betaIterations, b < 0 { throw ValidationError("--beta-iterations must be >= 0") }
        if let c = clip, parseClip(c) == nil { throw ValidationError("--clip must be lo,hi with lo <= hi, e.g. 0,1") }
    }

    func run() throws {
        try runGuarded {
            let graph = try ModelFile.loadGraph(path: model)
            let property: Property
            if let spec {
                property = try VNNLib.load(path: spec)
            } else {
                let data = try InputData.load(path: input!)
                guard data.samples.indices.contains(sample) else {
                    throw CLIInputError(message: "'\(input!)' has \(data.samples.count) sample(s); --sample \(sample) is out of range")
                }
                let x = data.samples[sample]
                guard x.count == graph.inputCount else {
                    throw CLIInputError(message: "'\(input!)' sample \(sample) has \(x.count) values but the model takes \(graph.inputCount) inputs (shape \(graph.inputShape))")
                }
                property = try RobustnessSpec(center: x, epsilon: epsilon!, label: label!, target: target,
                                              clip: clip.flatMap(parseClip), outputCount: graph.outputCount)
                    .property(source: input)
            }
            var options = VerifierOptions(method: method, timeout: timeout, seed: seed)
            options.betaIterations = betaIterations
            options.inputBranching = inputBranching
            if !quiet {
                options.progress = { p in
                    let line = String(format: "[bab] %.1f s  domains %d  open %d  global margin %.6g\n",
                                      p.seconds, p.domains, p.open, p.globalMargin)
                    FileHandle.standardError.write(line.data(using: .utf8)!)
                }
            }
            let result = try Verifier(options: options).verify(graph, property: property)
            if let resultFile { try writeFile(VNNCompResultFile.render(result.verdict), to: resultFile) }
            if json {
                print(ResultJSON.render(result, model: model, property: spec ?? input), terminator: "")
            } else {
                print(summary(result))
            }
            return result.verdict.exitCode
        }
    }

    func summary(_ r: VerificationResult) -> String {
        var lines = ["\(r.verdict.name) (\(r.verdict.resultWord)) by \(r.method) in \(String(format: "%.3f", r.seconds)) s"]
        switch r.verdict {
        case .falsified(let cex):
            lines.append("counterexample (re-checked by a forward pass):")
            lines.append("  input:  \(preview(cex.input))")
            lines.append("  output: \(preview(cex.output))")
        case .unknown(let reason):
            lines.append("reason: \(reason)")
        case .verified, .timeout:
            break
        }
        if let m = r.certifiedMargin, m.isFinite {
            // After branching, the root margin is not what decided; say which it is.
            lines.append(r.domains > 0 ? "root certified margin: \(m) (then \(r.domains) branch-and-bound domains\(r.lps > 0 ? ", \(r.lps) LPs" : ""))" : "certified margin: \(m)")
        }
        return lines.joined(separator: "\n")
    }
}

extension VerificationMethod: ExpressibleByArgument {}
extension InputSplitBaB.Branching: ExpressibleByArgument {}

func parseClip(_ s: String) -> ClosedRange<Double>? {
    let parts = s.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard parts.count == 2, let lo = parts[0], let hi = parts[1], lo.isFinite, hi.isFinite, lo <= hi else { return nil }
    return lo...hi
}

func preview(_ v: [Double], limit: Int = 10) -> String {
    let shown = v.prefix(limit).map { String(format: "%.6g", $0) }.joined(separator: ", ")
    return v.count > limit ? "[\(shown), … (\(v.count) values)]" : "[\(shown)]"
}
