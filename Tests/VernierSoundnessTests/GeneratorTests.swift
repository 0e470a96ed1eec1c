import Testing
import Foundation
import VernierCore
import VernierSpec
import VernierIO
import VernierVerify
@testable import VernierSoundness

struct GeneratorTests {
    /// A config that trains and checks in a second or two in a debug build.
    static func tinyConfig(seed: UInt64 = 3) -> GeneratorConfig {
        var c = GeneratorConfig(seed: seed, models: [
            ModelConfig(name: "tiny-relu", inputShape: [4], classes: 2, layers: ["dense:32", "relu", "dense:8", "relu"], epsilon: 0.125,
                        planted: 2, clean: 1, placement: .mixed),
            ModelConfig(name: "tiny-cnn", inputShape: [1, 4, 4], classes: 3, layers: ["conv:2:3", "tanh", "dense:16", "gelu", "dense:4", "gelu"],
                        epsilon: 0.0625, planted: 1, clean: 1, placement: .offFace),
        ])
        c.training.seedProjections = 3
        c.jobs = 2
        c.training.epochs = 60
        c.training.window = 4
        c.training.checkInterval = 20
        c.training.attackRestarts = 2
        c.training.attackSteps = 3
        c.ladder = [AttackRung(name: "quick", restarts: 4, steps: 10, initialStep: 0.1)]
        return c
    }

    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("snd-gen-\(UUID().uuidString)").path
    }

    @Test func testPlanting_disjointBallsInsideTheDomain_onTheFloat32Grid() throws {
        let model = ModelConfig(name: "m", inputShape: [6], classes: 3, layers: [], epsilon: 0.1, planted: 5, clean: 4, placement: .mixed)
        var rng = SeededRandom(seed: 11)
        let drafts = try Planting.draw(model: model, domain: [-1, 1], rng: &rng)
        let eps = Planting.quantizedEpsilon(0.1)
        #expect(eps == 102.0 / 1024)
        #expect(drafts.count == 9)
        #expect(drafts.filter(\.isPlanted).count == 5)
        for (i, d) in drafts.enumerated() {
            #expect(d.lower.allSatisfy { $0 >= -1 } && d.upper.allSatisfy { $0 <= 1 })
            #expect(zip(d.lower, d.upper).allSatisfy { $1 - $0 == 2 * eps })
            for v in d.lower + d.upper + d.centre + (d.counterexample ?? []) {
                #expect(Double(Float(v)) == v, "\(v) is not exact in float32")
            }
            if let cex = d.counterexample {
                #expect(InputBox(lower: d.lower, upper: d.upper).contains(cex))
                #expect(cex != d.centre)
                // Mixed placement: face, inside, vertex in turn.
                if i % 3 == 2 { #expect(zip(cex, d.centre).allSatisfy { abs($0 - $1) == eps }) }
                if i % 3 == 0 { #expect(zip(cex, d.centre).filter { $0 != $1 }.map { abs($0 - $1) } == [eps]) }
            }
            for other in drafts[..<i] {
                let distance = zip(other.centre, d.centre).map { abs($0 - $1) }.max()!
                #expect(distance > 2 * eps, "balls \(i) and another overlap")
            }
        }
    }

    @Test func testPlanting_tooManyBalls_isAClearError() {
        let model = ModelConfig(name: "crowded", inputShape: [1], classes: 2, layers: [], epsilon: 0.4, planted: 5, clean: 5)
        var rng = SeededRandom(seed: 1)
        #expect(throws: SoundnessError.self) { try Planting.draw(model: model, domain: [-1, 1], rng: &rng) }
    }

    @Test func testGenerate_writesTheVNNCOMPLayoutAndAManifest() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = Self.tinyConfig()
        let run = try BenchmarkGenerator(config: config).generate(into: dir)
        #expect(run.models.map(\.name) == ["tiny-relu", "tiny-cnn"])
        let top = try String(contentsOfFile: dir + "/instances.csv", encoding: .utf8)
        for name in ["tiny-relu", "tiny-cnn"] {
            let m = dir + "/" + name
            let manifest = try ManifestCoding.decode(ModelManifest.self, path: m + "/hidden.json")
            #expect(manifest.runSeed == 3)
            #expect(manifest.ladder == ["quick"])
            #expect(manifest.config == config.models.first { $0.name == name })
            #expect(manifest.instances.count + manifest.dropped.count == manifest.config.planted + manifest.config.clean)
            // Seeded spikes: every planted point is kept (a misclassified point the attack misses).
            #expect(manifest.plantedKept == manifest.config.planted, "\(manifest.dropped)")
            let csv = try String(contentsOfFile: m + "/instances.csv", encoding: .utf8)
            #expect(!csv.contains("hidden") && !top.contains("hidden"))
            #expect(csv.split(separator: "\n").count == manifest.instances.count)
            let graph = try ModelFile.loadGraph(path: m + "/model.onnx")
            let jsonGraph = try ModelFile.loadGraph(path: m + "/model.json")
            for r in manifest.instances {
                #expect(csv.contains("model.onnx,\(r.vnnlib),60"))
                let text = try String(contentsOfFile: m + "/" + r.vnnlib, encoding: .utf8)
                #expect(!text.contains("planted"))
                let property = try VNNLib.load(path: m + "/" + r.vnnlib)
                #expect(property.regions[0].box.contains(r.centre))
                if let cex = r.counterexample {
                    // A kept planted point is a checked counterexample of both written files.
                    #expect(Counterexample.check(cex.input, graph: graph, property: property) != nil)
                    #expect(Counterexample.check(cex.input, graph: jsonGraph, property: property) != nil)
                    #expect(cex.margin > 0)
                    // The seeded spike was rescaled to the configured margin after training.
                    #expect(abs(cex.margin - config.training.seedMargin) < 1e-3, "margin \(cex.margin)")
                    #expect(r.survived == ["quick"])
                }
            }
        }
    }

    @Test func testGenerate_isDeterministicUnderTheSeed() throws {
        var config = Self.tinyConfig(seed: 9)
        config.models.removeLast()
        let a = Self.temporaryDirectory(), b = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        try BenchmarkGenerator(config: config).generate(into: a)
        config.jobs = 1
        try BenchmarkGenerator(config: config).generate(into: b)
        for file in ["tiny-relu/model.onnx", "tiny-relu/instances.csv", "instances.csv"] {
            #expect(FileManager.default.contents(atPath: a + "/" + file) == FileManager.default.contents(atPath: b + "/" + file), "\(file) differs")
        }
        let ma = try ManifestCoding.decode(ModelManifest.self, path: a + "/tiny-relu/hidden.json")
        let mb = try ManifestCoding.decode(ModelManifest.self, path: b + "/tiny-relu/hidden.json")
        #expect(ma.instances == mb.instances)
        #expect(ma.dropped == mb.dropped)
    }

    @Test func testConfig_parsesYAMLWithDefaultsAndRejectsBadLayers() throws {
        let yaml = """
        seed: 5
        models:
          - name: m1
            inputShape: [3]
            layers: ["dense:4", "silu"]
            epsilon: 0.1
        """
        let c = try GeneratorConfig.parse(yaml)
        #expect(c.seed == 5)
        #expect(c.models[0].classes == 3 && c.models[0].planted == 4)
        #expect(c.training == TrainingSettings())
        #expect(c.ladder == AttackRung.standardLadder)
        let bad = yaml.replacingOccurrences(of: "\"silu\"", with: "\"swoosh\"")
        #expect { try GeneratorConfig.parse(bad) } throws: { ($0 as? SoundnessError)?.message.contains("unknown layer 'swoosh'") == true }
        let conv = yaml.replacingOccurrences(of: "\"dense:4\"", with: "\"conv:2:3\"")
        #expect { try GeneratorConfig.parse(conv) } throws: { ($0 as? SoundnessError)?.message.contains("needs a [C, H, W] input") == true }
    }

    @Test func testStandardConfig_coversTheRequiredArchitectures() throws {
        let c = GeneratorConfig.standard
        try c.validate()
        #expect(c.models.count >= 10)
        let layers = c.models.flatMap(\.layers)
        for a in TrainingActivation.allCases { #expect(layers.contains(a.rawValue), "no model uses \(a)") }
        #expect(layers.contains { $0.hasPrefix("conv") } && layers.contains { $0.hasPrefix("avgpool") })
        #expect(layers.contains { $0.hasPrefix("gate") })
        // The example file spells out the same config.
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/soundness/default.yaml").path
        #expect(try GeneratorConfig.load(path: example) == c)
    }
}
