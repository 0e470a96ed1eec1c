import Foundation
import VernierCore
import VernierIO
import VernierSpec

/// Runs a verifier over a generated benchmark and judges every answer against the hidden records.
public struct SoundnessRunner: Sendable {
    public var backend: VerifierBackend
    /// Seconds per instance; nil uses each instance's timeout from `instances.csv`.
    public var timeout: Double?
    /// Extra seconds an external verifier gets beyond the timeout before it is killed.
    public var grace: Double = 10
    public var category = "soundness"
    /// At most this many instances per model (nil: all), for quick runs.
    public var limitPerModel: Int?

    public init(backend: VerifierBackend, timeout: Double? = nil) {
        self.backend = backend
        self.timeout = timeout
    }

    /// The model directories under `path`: `path` itself if it holds `hidden.json`, else its
    /// subdirectories that do (sorted by name).
    public static func modelDirectories(_ path: String) throws -> [String] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
            throw SoundnessError("'\(path)' is not a directory")
        }
        if fm.fileExists(atPath: path + "/hidden.json") { return [path] }
        let children = (try? fm.contentsOfDirectory(atPath: path)) ?? []
        let dirs = children.sorted().map { path + "/" + $0 }.filter { fm.fileExists(atPath: $0 + "/hidden.json") }
        guard !dirs.isEmpty else {
            throw SoundnessError("'\(path)' holds no generated model (no hidden.json in it or its subdirectories); run 'vernier soundness generate' first")
        }
        return dirs
    }

    public func run(instances path: String, log: (String) -> Void = { _ in }) throws -> SoundnessReport {
        let work = NSTemporaryDirectory() + "vernier-soundness-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        var outcomes = [InstanceOutcome]()
        let start = Date()
        for dir in try Self.modelDirectories(path) {
            let manifest = try ManifestCoding.decode(ModelManifest.self, path: dir + "/hidden.json")
            let onnx = dir + "/model.onnx"
            let graph = try ModelFile.loadGraph(path: onnx)
            let timeouts = Self.timeouts(dir + "/instances.csv")
            for record in manifest.instances.prefix(limitPerModel ?? Int.max) {
                let vnnlib = dir + "/" + record.vnnlib
                let property = try VNNLib.load(path: vnnlib)
                let limit = timeout ?? timeouts[record.vnnlib] ?? 60
                let t0 = Date()
                let answer = backend.answer(onnx: onnx, vnnlib: vnnlib, graph: graph, property: property, timeout: limit,
                                            grace: grace, category: category, workDirectory: work)
                let seconds = Date().timeIntervalSince(t0)
                let (judgement, detail) = Judgement.judge(answer, knownViolated: record.isPlanted || record.falsifiedBy != nil,
                                                          planted: record.isPlanted, graph: graph, property: property)
                let outcome = InstanceOutcome(model: manifest.model, vnnlib: record.vnnlib, kind: record.kind,
                                              answer: answer.word, judgement: judgement, seconds: seconds, detail: detail)
                log("\(manifest.model)/\(record.vnnlib) [\(record.kind.rawValue)]: \(answer.word.rawValue) → \(judgement.rawValue) (\(String(format: "%.2f", seconds)) s)\(detail.map { ": " + $0 } ?? "")")
                outcomes.append(outcome)
            }
        }
        return SoundnessReport(verifier: backend.label, instances: outcomes, seconds: Date().timeIntervalSince(start))
    }

    /// vnnlib path → timeout from a model's `instances.csv` (missing or malformed lines are skipped).
    static func timeouts(_ path: String) -> [String: Double] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var out = [String: Double]()
        for line in text.split(whereSeparator: \.isNewline) {
            let f = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if f.count == 3, let t = Double(f[2]), t > 0 { out[f[1]] = t }
        }
        return out
    }
}

/// One judged answer.
public struct InstanceOutcome: Sendable, Codable, Equatable {
    public var model: String
    public var vnnlib: String
    public var kind: InstanceRecord.Kind
    public var answer: VerifierAnswer.Word
    public var judgement: Judgement
    public var seconds: Double
    public var detail: String?
}
