import ArgumentParser
import Foundation
import VernierCore
import VernierIO
import VernierSpec

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a model on input samples (forward pass in double precision).")

    @Option(name: .long, help: "Model file (.onnx or .json).")
    var model: String

    @Option(name: .long, help: "Input samples (.npy, .csv or .json).")
    var input: String

    @Flag(name: .long, help: "Print JSON: {\"outputs\": [[...], ...], \"argmax\": [...]}.")
    var json = false

    func run() throws {
        try runGuarded {
            let graph = try ModelFile.loadGraph(path: model)
            let data = try InputData.load(path: input)
            for (i, s) in data.samples.enumerated() where s.count != graph.inputCount {
                throw CLIInputError(message: "'\(input)' sample \(i) has \(s.count) values but the model takes \(graph.inputCount) inputs (shape \(graph.inputShape))")
            }
            let outputs = graph.evaluate(batch: data.samples)
            let argmax = outputs.map { o in o.indices.max { o[$0] < o[$1] } ?? 0 }
            if json {
                let obj: [String: Any] = ["outputs": outputs.map { $0.map { $0.isFinite ? $0 as Any : NSNull() } }, "argmax": argmax]
                let d = try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys, .withoutEscapingSlashes])
                print(String(decoding: d, as: UTF8.self))
            } else {
                for (i, o) in outputs.enumerated() {
                    print("sample \(i): argmax \(argmax[i])  \(o.map { "\($0)" }.joined(separator: " "))")
                }
            }
            return 0
        }
    }
}
