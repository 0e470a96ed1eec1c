import Foundation
import VernierCore
import VernierIO
import VernierSpec

/// Generates a soundness benchmark: per model, a trained network with planted hidden
/// counterexamples, in the VNN-COMP layout
///
///     DIR/manifest.json                 run record (config, per-model survival, time)
///     DIR/instances.csv                 every instance, paths relative to DIR
///     DIR/<model>/model.onnx, model.json
///     DIR/<model>/vnnlib/<i>.vnnlib
///     DIR/<model>/instances.csv         model.onnx,vnnlib/<i>.vnnlib,timeout
///     DIR/<model>/hidden.json           ModelManifest: which instances are planted, and where
///
/// Generation is deterministic under `config.seed` (models are independent of each other and of
/// the number of parallel jobs).
public struct BenchmarkGenerator: Sendable {
    public var config: GeneratorConfig

    public init(config: GeneratorConfig) { self.config = config }

    @discardableResult
    public func generate(into directory: String, log: @escaping @Sendable (String) -> Void = { _ in }) throws -> RunManifest {
        try config.validate()
        let start = Date()
        try createDirectory(directory)
        let models = config.models
        let results = ResultSlots<Result<ModelManifest, Error>>(count: models.count)
        let jobs = min(config.jobs, models.count)
        // Parallelism comes from models; BLAS on one thread per model avoids oversubscription.
        BLAS.setThreadCount(1)
        let next = ResultSlots<Int>(count: 1)
        next.set(0, 0)
        DispatchQueue.concurrentPerform(iterations: jobs) { _ in
            while let m = next.claim(below: models.count) {
                let t0 = Date()
                let result = Result { try generateModel(models[m], into: directory) }
                if case .success(let manifest) = result {
                    log("\(models[m].name): \(manifest.plantedKept)/\(models[m].planted) planted kept, \(models[m].clean) clean, \(String(format: "%.1f", Date().timeIntervalSince(t0))) s")
                } else if case .failure(let e) = result {
                    log("\(models[m].name): failed: \(e)")
                }
                results.set(m, result)
            }
        }
        var manifests = [ModelManifest]()
        for m in models.indices { manifests.append(try results.get(m)!.get()) }
        var csv = ""
        for manifest in manifests {
            for r in manifest.instances { csv += "\(manifest.model)/model.onnx,\(manifest.model)/\(r.vnnlib),\(Self.format(config.timeout))\n" }
        }
        try write(csv, to: directory + "/instances.csv")
        let run = RunManifest(config: config, models: manifests.map {
            RunManifest.ModelSummary(name: $0.model, plantedDrafted: $0.plantedDrafted, plantedKept: $0.plantedKept,
                                     clean: $0.instances.count - $0.plantedKept, seconds: $0.trainingSeconds + $0.checkSeconds)
        }, seconds: Date().timeIntervalSince(start))
        try ManifestCoding.encode(run).write(to: URL(fileURLWithPath: directory + "/manifest.json"))
        return run
    }

    /// Seed of one model: a function of the run seed and the model's name only.
    func modelSeed(_ model: ModelConfig) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in model.name.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h ^ (config.seed &* 0x9E37_79B9_7F4A_7C15)
    }

    /// Trains, exports, checks and writes one model; returns its manifest.
    func generateModel(_ model: ModelConfig, into directory: String) throws -> ModelManifest {
        let seed = modelSeed(model)
        var rng = SeededRandom.derived(seed, 1)
        let drafts = try Planting.draw(model: model, domain: config.domain, rng: &rng)
        let eps = Planting.quantizedEpsilon(model.epsilon)
        var net = try model.network(seed: seed)
        let t0 = Date()
        var spikes: SpikeSeed? = nil
        if config.training.spikeSeed {
            do {
                let t = config.training
                spikes = try SpikeSeed.plant(into: &net, drafts: drafts, domain: config.domain,
                                             options: .init(projections: t.seedProjections, width: t.seedWidth, gain: t.seedGain),
                                             seed: seed)
            } catch let e as SoundnessError {
                throw SoundnessError("model '\(model.name)': \(e.message)")
            }
        }
        let trainer = HiddenCounterexampleTrainer(settings: config.training, epsilon: eps, domain: config.domain)
        let plantedProperties = try drafts.enumerated().filter { $0.element.isPlanted }.map { d, draft in
            (draft, try VNNLib.parse(VNNLibWriter.robustness(lower: draft.lower, upper: draft.upper, label: draft.label,
                                                             classes: model.classes, comment: ""), source: "\(model.name) draft \(d)"))
        }
        // Checkpoint score: planted points that survive the first two rungs on the network as
        // exported (the whole ladder runs once, on the final network: at every checkpoint it cost
        // minutes per model once points did survive).
        let checkpointRungs = HidingCheck(ladder: Array(config.ladder.prefix(2)))
        let score = { (candidate: TrainingNetwork) -> Int in
            var rounded = candidate
            rounded.roundToFloat32()
            guard let graph = try? GraphBuilder().build(ModelExport.document(rounded, name: model.name)) else { return 0 }
            return plantedProperties.filter { draft, property in
                if case .hidden = checkpointRungs.run(graph: graph, property: property, counterexample: draft.counterexample) { return true }
                return false
            }.count
        }
        let report = trainer.train(&net, drafts: drafts, epochs: model.epochs ?? config.training.epochs, seed: seed,
                                   frozen: spikes?.frozen ?? [], score: score)
        net.roundToFloat32()
        spikes?.calibrate(&net, margin: config.training.seedMargin)
        let trainingSeconds = Date().timeIntervalSince(t0)

        let dir = directory + "/" + model.name
        try createDirectory(dir + "/vnnlib")
        let doc = ModelExport.document(net, name: model.name, metadata: ["generator": "vernier soundness generate"])
        try ModelFile.save(doc, to: dir + "/model.onnx")
        try ModelFile.save(doc, to: dir + "/model.json")
        // Check what was written, exactly as a verifier will read it.
        let graph = try ModelFile.loadGraph(path: dir + "/model.onnx")

        let t1 = Date()
        let check = HidingCheck(ladder: config.ladder)
        var kept = [(draft: Int, text: String, record: InstanceRecord)]()
        var dropped = [DroppedInstance]()
        for (d, draft) in drafts.enumerated() {
            let text = VNNLibWriter.robustness(lower: draft.lower, upper: draft.upper, label: draft.label,
                                               classes: model.classes, comment: "robustness of \(model.name), L-inf radius \(eps)")
            let property = try VNNLib.parse(text, source: "\(model.name) draft \(d)")
            let outcome = check.run(graph: graph, property: property, counterexample: draft.counterexample)
            var record = InstanceRecord(index: -1, vnnlib: "", kind: draft.isPlanted ? .planted : .clean,
                                        centre: draft.centre, label: draft.label, counterexample: nil,
                                        survived: [], falsifiedBy: nil)
            switch (outcome, draft.counterexample) {
            case (.hidden(let survived), let cex):
                record.survived = survived
                if let cex {
                    let y = graph.evaluate(cex)
                    let other = (0..<model.classes).filter { $0 != draft.label }.map { y[$0] }.max()!
                    record.counterexample = HiddenCounterexample(input: cex, output: y, margin: other - y[draft.label])
                }
            case (.notACounterexample, _):
                dropped.append(DroppedInstance(draft: d, reason: "the planted point is not misclassified by the trained network"))
                continue
            case (.foundBy(let rung, _), nil):
                record.falsifiedBy = rung
            case (.foundBy(let rung, let distance), .some):
                let where_ = distance.map { String(format: " at L∞ distance %.3g·ε from the planted point", $0 / eps) } ?? ""
                dropped.append(DroppedInstance(draft: d, reason: "found by \(rung)\(where_)"))
                continue
            }
            kept.append((d, text, record))
        }
        // Shuffle so the position of an instance says nothing about whether it is planted.
        kept.shuffle(using: &rng)
        var records = [InstanceRecord]()
        var csv = ""
        for (i, entry) in kept.enumerated() {
            var r = entry.record
            r.index = i
            r.vnnlib = "vnnlib/\(i).vnnlib"
            try write(entry.text, to: dir + "/" + r.vnnlib)
            csv += "model.onnx,\(r.vnnlib),\(Self.format(config.timeout))\n"
            records.append(r)
        }
        try write(csv, to: dir + "/instances.csv")
        let manifest = ModelManifest(model: model.name, runSeed: config.seed, modelSeed: seed, config: model,
                                     training: config.training, epsilon: eps, domain: config.domain,
                                     ladder: config.ladder.map(\.name),
                                     finalLoss: report.finalLoss, centreAccuracy: report.centreAccuracy,
                                     quickHidden: report.quickHidden, bestEpoch: report.bestEpoch,
                                     trainingSeconds: trainingSeconds, checkSeconds: Date().timeIntervalSince(t1),
                                     instances: records, dropped: dropped)
        try ManifestCoding.encode(manifest).write(to: URL(fileURLWithPath: dir + "/hidden.json"))
        return manifest
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : "\(v)"
    }

    private func createDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw SoundnessError("cannot create the directory '\(path)' (\(error.localizedDescription))")
        }
    }

    private func write(_ text: String, to path: String) throws {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw SoundnessError("cannot write '\(path)' (\(error.localizedDescription))")
        }
    }
}

/// A fixed number of result slots filled from concurrent workers (a lock around an array).
final class ResultSlots<T>: @unchecked Sendable {
    private var values: [T?]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ v: T) { lock.lock(); values[i] = v; lock.unlock() }
    func get(_ i: Int) -> T? { lock.lock(); defer { lock.unlock() }; return values[i] }
}

extension ResultSlots where T == Int {
    /// Takes the next work index from slot 0, or nil when all `count` are taken.
    func claim(below count: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        let i = values[0] ?? 0
        guard i < count else { return nil }
        values[0] = i + 1
        return i
    }
}
