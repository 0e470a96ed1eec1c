import ArgumentParser
import Foundation
import VernierCore
import VernierIO
import VernierBounds

struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe a model: inputs, outputs, operators, parameters, unsupported operators.")

    @Argument(help: "Model file (.onnx or .json).")
    var model: String

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        try runGuarded {
            let doc = try ModelFile.load(path: model)
            let registry = OperatorRegistry.lowerings
            var opCounts = [String: Int]()
            for n in doc.nodes { opCounts[n.opType, default: 0] += 1 }
            let unsupported = doc.nodes.filter { registry[$0.opType] == nil }.map { ["node": $0.name, "op_type": $0.opType] }
            let parameters = doc.initializers.filter { $0.dtype.isFloatingPoint }.reduce(0) { $0 + $1.count }
            var info: [String: Any] = [
                "name": doc.name,
                "inputs": doc.inputs.map { ["name": $0.name, "shape": describeShape($0.shape)] as [String: Any] },
                "outputs": doc.outputs.map { ["name": $0.name, "shape": describeShape($0.shape)] as [String: Any] },
                "operators": opCounts,
                "parameters": parameters,
                "unsupported": unsupported,
                "opset": doc.defaultOpset,
            ]
            var buildError: String? = nil
            if unsupported.isEmpty {
                do {
                    let g = try GraphBuilder().build(doc)
                    info["graph"] = [
                        "input_shape": g.inputShape, "output_shape": g.outputShape,
                        "inputs": g.inputCount, "outputs": g.outputCount, "nodes": g.nodes.count,
                        "interval_unsupported": IntervalBoundPropagation.unsupportedNodes(g).map { ["node": $0.node, "kind": $0.kind] },
                    ] as [String: Any]
                } catch {
                    buildError = describe(error).0
                    info["error"] = buildError
                }
            }
            if json {
                let d = try JSONSerialization.data(withJSONObject: info, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                print(String(decoding: d, as: UTF8.self))
            } else {
                print("model: \(doc.name)  (opset \(doc.defaultOpset))")
                for i in doc.inputs { print("input:  \(i.name) \(describeShape(i.shape))") }
                for o in doc.outputs { print("output: \(o.name) \(describeShape(o.shape))") }
                print("parameters: \(parameters)")
                print("operators: " + opCounts.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: ", "))
                if let g = info["graph"] as? [String: Any] {
                    print("graph: \(g["nodes"]!) nodes after lowering and folding; \(g["inputs"]!) inputs → \(g["outputs"]!) outputs")
                }
                for u in unsupported { print("unsupported: \(u["op_type"]!) at node '\(u["node"]!)'") }
            }
            // The exit status says the model cannot be verified; stderr says why, in one line.
            if let first = unsupported.first {
                let more = unsupported.count > 1 ? " (and \(unsupported.count - 1) more)" : ""
                FileHandle.standardError.write(Data("error: unsupported operator \(first["op_type"]!) at node '\(first["node"]!)'\(more)\n".utf8))
            } else if let buildError {
                FileHandle.standardError.write(Data("error: \(buildError)\n".utf8))
            }
            return unsupported.isEmpty && buildError == nil ? 0 : ExitCodes.invalidInput
        }
    }

    func describeShape(_ s: [ValueInfo.Dimension]?) -> String {
        guard let s else { return "?" }
        return "[" + s.map { d in
            switch d {
            case .fixed(let n): "\(n)"
            case .symbolic(let name): name
            case .unknown: "?"
            }
        }.joined(separator: ", ") + "]"
    }
}
