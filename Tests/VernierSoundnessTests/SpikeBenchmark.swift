import Foundation
import VernierCore
import VernierIO
@testable import VernierSoundness

/// A hand-built benchmark whose hidden counterexample is known exactly, for testing the hiding
/// check and the runner without training: a 4-input network with
///   y0 = 0.01,   y1 = 0.05 · relu(1 − k · Σᵢ |xᵢ − x′ᵢ|)
/// is correctly classified (label 0) everywhere except in an L1 ball of radius 1/k around x′,
/// where y1 reaches 0.05 > y0. With k = 10⁴ that ball is far too small for PGD to find.
enum SpikeBenchmark {
    static let centre = [0.25, -0.5, 0.0, 0.5]
    static let epsilon = 0.125
    /// Inside the ball, on the dyadic grid the generator uses.
    static let spike = [0.25 + 0.125 * 3 / 8, -0.5 - 0.125 * 5 / 8, 0.0 + 0.125 / 4, 0.5 - 0.125 * 7 / 8]

    static func document(sharpness k: Double = 1e4) -> ModelDocument {
        // |d| = relu(d) + relu(−d): first layer rows ±eᵢ with biases ∓x′ᵢ.
        var w1 = [Double](), b1 = [Double]()
        for i in 0..<4 {
            var row = [Double](repeating: 0, count: 4)
            row[i] = 1
            w1 += row; b1.append(-spike[i])
            row[i] = -1
            w1 += row; b1.append(spike[i])
        }
        let w2 = [Double](repeating: -k, count: 8), b2 = [1.0]
        let w3 = [0.0, 0.05], b3 = [0.01, 0.0]
        func t(_ n: String, _ s: [Int], _ v: [Double]) -> TensorData { TensorData(name: n, shape: s, doubles: v) }
        return ModelDocument(
            name: "spike",
            inputs: [ValueInfo(name: "x", shape: [.fixed(1), .fixed(4)])],
            outputs: [ValueInfo(name: "y")],
            initializers: [t("w1", [8, 4], w1), t("b1", [8], b1), t("w2", [1, 8], w2), t("b2", [1], b2),
                           t("w3", [2, 1], w3), t("b3", [2], b3)],
            nodes: [
                NodeDocument(name: "g1", opType: "Gemm", inputs: ["x", "w1", "b1"], outputs: ["h1"], attributes: ["transB": .int(1)]),
                NodeDocument(name: "r1", opType: "Relu", inputs: ["h1"], outputs: ["a1"]),
                NodeDocument(name: "g2", opType: "Gemm", inputs: ["a1", "w2", "b2"], outputs: ["h2"], attributes: ["transB": .int(1)]),
                NodeDocument(name: "r2", opType: "Relu", inputs: ["h2"], outputs: ["a2"]),
                NodeDocument(name: "g3", opType: "Gemm", inputs: ["a2", "w3", "b3"], outputs: ["y"], attributes: ["transB": .int(1)]),
            ])
    }

    static var vnnlib: String {
        VNNLibWriter.robustness(lower: centre.map { $0 - epsilon }, upper: centre.map { $0 + epsilon },
                                label: 0, classes: 2, comment: "spike test")
    }

    /// Writes a one-model benchmark directory (model, one planted instance, hidden.json) and returns it.
    static func write(sharpness k: Double = 1e4) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("snd-spike-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/vnnlib", withIntermediateDirectories: true)
        try ModelFile.save(document(sharpness: k), to: dir + "/model.onnx")
        try vnnlib.write(toFile: dir + "/vnnlib/0.vnnlib", atomically: true, encoding: .utf8)
        try "model.onnx,vnnlib/0.vnnlib,5\n".write(toFile: dir + "/instances.csv", atomically: true, encoding: .utf8)
        let record = InstanceRecord(index: 0, vnnlib: "vnnlib/0.vnnlib", kind: .planted, centre: centre, label: 0,
                                    counterexample: HiddenCounterexample(input: spike, output: [0.01, 0.05], margin: 0.04),
                                    survived: [], falsifiedBy: nil)
        let manifest = ModelManifest(model: "spike", runSeed: 0, modelSeed: 0,
                                     config: ModelConfig(name: "spike", inputShape: [4], classes: 2, layers: [], epsilon: epsilon,
                                                         planted: 1, clean: 0),
                                     training: TrainingSettings(), epsilon: epsilon, domain: [-1, 1], ladder: [],
                                     finalLoss: 0, centreAccuracy: 1, quickHidden: 1, bestEpoch: 0,
                                     trainingSeconds: 0, checkSeconds: 0, instances: [record], dropped: [])
        try ManifestCoding.encode(manifest).write(to: URL(fileURLWithPath: dir + "/hidden.json"))
        return dir
    }
}
