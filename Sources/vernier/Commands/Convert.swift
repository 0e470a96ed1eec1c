import ArgumentParser
import VernierCore
import VernierIO

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a model between ONNX (.onnx) and the JSON model format (.json), losslessly.")

    @Argument(help: "Input model (.onnx or .json).")
    var input: String

    @Argument(help: "Output model (.onnx or .json).")
    var output: String

    @Flag(name: .long, help: "Skip checking that the model builds (convert unsupported models too).")
    var noCheck = false

    func run() throws {
        try runGuarded {
            let doc = try ModelFile.load(path: input)
            if !noCheck { _ = try GraphBuilder().build(doc) }
            try ModelFile.save(doc, to: output)
            return 0
        }
    }
}
