import Testing
import Foundation
import VernierCore
import VernierIO
@testable import VernierSoundness

/// The training engine: parameter and input gradients against finite differences, and the
/// exported model against the core's forward pass.
struct TrainingEngineTests {
    static let architectures: [(String, [Int], [String])] = [
        ("mlp-relu", [5], ["dense:7", "relu", "dense:6", "relu"]),
        ("mlp-smooth", [4], ["dense:6", "sigmoid", "dense:5", "tanh", "dense:5", "gelu", "dense:4", "silu"]),
        ("cnn", [2, 6, 6], ["conv:3:3:1:1", "tanh", "conv:4:3:2:0", "gelu", "avgpool:1", "dense:5", "silu"]),
        ("cnn-pool", [1, 6, 5], ["conv:2:2", "sigmoid", "avgpool:2", "dense:4", "tanh"]),
        ("gate", [4], ["gate:6", "dense:5", "tanh", "gate:3"]),
    ]

    /// A smooth scalar of the logits (so finite differences are accurate): Σ w_k · z_k.
    static func loss(_ net: TrainingNetwork, _ x: [Double], batch: Int, weights: [Double]) -> Double {
        zip(net.logits(x, batch: batch), weights).map(*).reduce(0, +)
    }

    @Test(arguments: 0..<5)
    func testGradients_matchFiniteDifferences(_ which: Int) throws {
        let (name, shape, layers) = Self.architectures[which]
        let specs = layers.map { LayerSpec($0)! }
        var net = try TrainingNetwork(inputShape: shape, hidden: specs, classes: 3, seed: UInt64(which))
        var rng = SeededRandom(seed: 99)
        let batch = 2
        let x = (0..<(batch * net.inputCount)).map { _ in rng.uniform(-1, 1) }
        let w = (0..<(batch * 3)).map { _ in rng.uniform(-1, 1) }
        let t = net.trace(x, batch: batch)
        let (dp, dx) = net.backward(t, logitGradient: w)
        let h = 1e-6
        // A sample of parameters (every one for small nets) and every input.
        let picks = stride(from: 0, to: net.parameters.count, by: max(1, net.parameters.count / 60))
        for k in picks {
            let saved = net.parameters[k]
            net.parameters[k] = saved + h
            let up = Self.loss(net, x, batch: batch, weights: w)
            net.parameters[k] = saved - h
            let down = Self.loss(net, x, batch: batch, weights: w)
            net.parameters[k] = saved
            let fd = (up - down) / (2 * h)
            #expect(abs(fd - dp[k]) <= 1e-5 * max(1, abs(fd)), "\(name): parameter \(k): analytic \(dp[k]) vs finite difference \(fd)")
        }
        for k in x.indices {
            var xp = x, xm = x
            xp[k] += h
            xm[k] -= h
            let fd = (Self.loss(net, xp, batch: batch, weights: w) - Self.loss(net, xm, batch: batch, weights: w)) / (2 * h)
            // ReLU kinks are measure-zero; random points avoid them.
            #expect(abs(fd - dx[k]) <= 1e-5 * max(1, abs(fd)), "\(name): input \(k): analytic \(dx[k]) vs finite difference \(fd)")
        }
    }

    @Test(arguments: 0..<5)
    func testExportedModel_matchesEngineForward(_ which: Int) throws {
        let (name, shape, layers) = Self.architectures[which]
        var net = try TrainingNetwork(inputShape: shape, hidden: layers.map { LayerSpec($0)! }, classes: 3, seed: 7)
        net.roundToFloat32()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("snd-export-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let doc = ModelExport.document(net, name: name)
        try ModelFile.save(doc, to: dir + "/m.onnx")
        try ModelFile.save(doc, to: dir + "/m.json")
        var rng = SeededRandom(seed: 5)
        let samples = (0..<4).map { _ in (0..<net.inputCount).map { _ in rng.uniform(-1, 1) } }
        let engine = net.logits(samples.flatMap { $0 }, batch: samples.count)
        for file in ["m.onnx", "m.json"] {
            let graph = try ModelFile.loadGraph(path: dir + "/" + file)
            #expect(graph.inputCount == net.inputCount)
            #expect(graph.outputCount == 3)
            for (s, x) in samples.enumerated() {
                let y = graph.evaluate(x)
                for j in 0..<3 {
                    #expect(abs(y[j] - engine[s * 3 + j]) <= 1e-9 * max(1, abs(y[j])), "\(name) \(file) sample \(s) output \(j): core \(y[j]) vs engine \(engine[s * 3 + j])")
                }
            }
        }
    }
}
