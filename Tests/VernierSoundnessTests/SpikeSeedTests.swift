import Testing
import Foundation
@testable import VernierSoundness

/// The seeded spike (`SpikeSeed`): a frozen detector that fires at the planted point and is zero —
/// value and gradient — everywhere else, for every activation and layer kind the generator trains.
struct SpikeSeedTests {
    static func drafts(_ model: ModelConfig, seed: UInt64 = 5) throws -> [InstanceDraft] {
        var rng = SeededRandom(seed: seed)
        return try Planting.draw(model: model, domain: [-1, 1], rng: &rng)
    }

    static let options = SpikeSeed.Options(projections: 4, width: 0.002, gain: 10)

    /// `net` without its detectors: the spike's output weights zeroed and the constant part of its
    /// step (Tanh's) taken back out of the output biases.
    static func withoutSpike(_ net: TrainingNetwork, _ seed: SpikeSeed) -> TrainingNetwork {
        var copy = net
        for i in seed.outputParameters.flatMap({ $0 }) { copy.parameters[i] = 0 }
        let out = net.layers[net.layers.count - 1]
        guard case .dense(let inputs, let classes) = out.kind else { return copy }
        for k in seed.labels.indices {
            let label = seed.labels[k], target = (label + 1) % classes
            copy.parameters[out.offset + classes * inputs + target] -= seed.gain * seed.outputConstants[k]
            copy.parameters[out.offset + classes * inputs + label] += seed.gain * seed.outputConstants[k]
        }
        return copy
    }

    /// Name, input shape, hidden layers (three planted points, so per-class effects do not cancel).
    static let architectures: [(String, [Int], [String])] = [
        ("relu", [6], ["dense:64", "relu", "dense:8", "relu"]),
        ("sigmoid", [6], ["dense:48", "sigmoid", "dense:8", "sigmoid"]),
        ("tanh", [6], ["dense:48", "tanh", "dense:8", "tanh", "dense:4", "tanh"]),
        ("gelu", [6], ["dense:64", "gelu", "dense:8", "gelu"]),
        ("silu", [6], ["dense:64", "silu", "dense:8", "silu"]),
        ("gate-relu", [6], ["dense:64", "relu", "gate:4", "dense:8", "relu"]),
        ("gate-quadratic-silu", [6], ["gate:16", "dense:8", "silu"]),
        ("cnn-relu", [1, 6, 6], ["conv:4:3", "relu", "avgpool:2", "dense:64", "relu", "dense:8", "relu"]),
        ("cnn-gelu-padded", [1, 6, 6], ["conv:2:3:1:1", "gelu", "conv:4:3", "gelu", "avgpool:2", "dense:64", "gelu", "dense:8", "gelu"]),
        // A linear convolution before a GELU one: the pass-through bias must lift negative inputs.
        ("cnn-linear-then-gelu", [1, 6, 6], ["conv:2:3", "conv:4:3", "gelu", "dense:64", "gelu", "dense:8", "gelu"]),
    ]

    @Test(arguments: architectures.map(\.0))
    func testDetector_firesAtThePlantedPointOnly(_ name: String) throws {
        let (_, shape, layers) = Self.architectures.first { $0.0 == name }!
        let model = ModelConfig(name: name, inputShape: shape, classes: 3, layers: layers, epsilon: 0.125,
                                planted: 3, clean: 1, placement: .offFace)
        let drafts = try Self.drafts(model)
        var net = try model.network(seed: 7)
        let seed = try SpikeSeed.plant(into: &net, drafts: drafts, domain: [-1, 1], options: Self.options, seed: 7)
        #expect(seed.valueAtCounterexample.allSatisfy { $0 > 0.99 }, "\(seed.valueAtCounterexample)")
        #expect(seed.largestValueElsewhere < 1e-6)
        #expect(!seed.frozen.isEmpty)
        let plain = Self.withoutSpike(net, seed)
        let n = net.inputCount
        var rng = SeededRandom(seed: 99)
        for d in drafts {
            let lg = net.logits(d.counterexample ?? d.centre, batch: 1), lp = plain.logits(d.counterexample ?? d.centre, batch: 1)
            if d.isPlanted {
                // The spike moves the target's logit up by the gain and the label's down by it.
                let target = (d.label + 1) % 3
                #expect(abs((lg[target] - lg[d.label]) - (lp[target] - lp[d.label]) - 20) < 0.3)
            }
            // Everywhere else in every ball (uniform points and vertices) the detector is silent:
            // the network equals its spike-free copy, so neither values nor gradients lead to x′.
            var points = [Double]()
            for k in 0..<300 {
                points += (0..<n).map { j in k % 3 == 0 ? (rng.next() & 1 == 0 ? d.lower[j] : d.upper[j]) : rng.uniform(d.lower[j], d.upper[j]) }
            }
            let a = net.logits(points, batch: 300), b = plain.logits(points, batch: 300)
            let worst = zip(a, b).map { abs($0 - $1) }.max()!
            #expect(worst < 1e-9, "\(name): the detector leaks \(worst) away from x′")
            let t = net.trace(points, batch: 300)
            let tb = plain.trace(points, batch: 300)
            let direction = (0..<900).map { [1.0, -1.0, 0.5][$0 % 3] }
            let g = net.backward(t, logitGradient: direction).input
            let gb = plain.backward(tb, logitGradient: direction).input
            #expect(zip(g, gb).map { abs($0 - $1) }.max()! < 1e-9, "\(name): the detector's gradient leaks away from x′")
        }
    }

    @Test func testFrozenParameters_surviveTraining_andTheSpikeStays() throws {
        let model = ModelConfig(name: "m", inputShape: [6], classes: 3, layers: ["dense:64", "relu", "dense:8", "relu"],
                                epsilon: 0.125, planted: 2, clean: 2, placement: .offFace)
        let drafts = try Self.drafts(model)
        var net = try model.network(seed: 3)
        let seed = try SpikeSeed.plant(into: &net, drafts: drafts, domain: [-1, 1], options: Self.options, seed: 3)
        let before = net.parameters
        var settings = TrainingSettings()
        (settings.window, settings.attackRestarts, settings.attackSteps, settings.checkInterval) = (8, 4, 3, 10)
        (settings.guards, settings.adversarialGuards, settings.plateau) = (0, 0, 0)
        let trainer = HiddenCounterexampleTrainer(settings: settings, epsilon: Planting.quantizedEpsilon(0.125), domain: [-1, 1])
        _ = trainer.train(&net, drafts: drafts, epochs: 30, seed: 3, frozen: seed.frozen)
        #expect(seed.frozen.allSatisfy { net.parameters[$0] == before[$0] })
        let free = Set(0..<net.parameters.count).subtracting(seed.frozen)
        #expect(free.contains { net.parameters[$0] != before[$0] }, "training changed nothing")
        for d in drafts where d.isPlanted {
            let y = net.logits(d.counterexample!, batch: 1)
            #expect(Losses.violationMargin(y, row: 0, classes: 3, label: d.label) > 0)
        }
        // Calibration rescales each spike to the requested violation margin (the largest other
        // logit minus the label's, over all three classes).
        // Where the network without its spike already misclassifies x′ (possible after 30 epochs)
        // the spike keeps a floor gain and the margin is larger.
        let plain = Self.withoutSpike(net, seed)
        let margins = seed.calibrate(&net, margin: 0.05)
        #expect(margins.count == 2)
        for (k, x) in seed.counterexamples.enumerated() {
            let alreadyWrong = Losses.violationMargin(plain.logits(x, batch: 1), row: 0, classes: 3, label: seed.labels[k]) > -0.05
            if alreadyWrong { #expect(margins[k] >= 0.05 - 1e-3, "\(margins)") } else { #expect(abs(margins[k] - 0.05) < 1e-3, "\(margins)") }
        }
        #expect(margins.contains { abs($0 - 0.05) < 1e-3 }, "\(margins)")
    }

    @Test func testTooNarrowLayer_isAClearError() throws {
        let model = ModelConfig(name: "m", inputShape: [6], classes: 2, layers: ["dense:8", "relu", "dense:8", "relu"],
                                epsilon: 0.125, planted: 4, clean: 1, placement: .offFace)
        var net = try model.network(seed: 1)
        #expect { try SpikeSeed.plant(into: &net, drafts: try Self.drafts(model), domain: [-1, 1], options: Self.options, seed: 1) } throws: {
            let m = ($0 as? SoundnessError)?.message ?? ""
            return m.contains("too few") && m.contains("spikeSeed: false")
        }
        let shallow = ModelConfig(name: "s", inputShape: [6], classes: 2, layers: ["dense:64", "relu"], epsilon: 0.125,
                                  planted: 1, clean: 1, placement: .offFace)
        var one = try shallow.network(seed: 1)
        #expect { try SpikeSeed.plant(into: &one, drafts: try Self.drafts(shallow), domain: [-1, 1], options: Self.options, seed: 1) } throws: {
            (($0 as? SoundnessError)?.message ?? "").contains("two activation stages")
        }
    }
}
