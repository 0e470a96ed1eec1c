import Foundation

/// The per-model record written to `<model>/hidden.json`: how the model was made (seeds, config,
/// training figures) and, for every written instance, whether it is planted and where its hidden
/// counterexample is. Nothing in the VNN-COMP files (`instances.csv`, `vnnlib/`) points here, so
/// a verifier run over the benchmark sees no hint.
public struct ModelManifest: Sendable, Codable, Equatable {
    public static let formatName = "vernier-soundness/1"
    public var format = ModelManifest.formatName
    public var model: String
    public var runSeed: UInt64
    public var modelSeed: UInt64
    public var config: ModelConfig
    public var training: TrainingSettings
    /// ε after rounding to the 2⁻¹⁰ grid (the radius actually written).
    public var epsilon: Double
    public var domain: [Double]
    /// Every rung a kept planted instance survived, in order (the verifier's own PGD first).
    public var ladder: [String]
    public var finalLoss: Double
    public var centreAccuracy: Double
    /// Planted points the trainer's own quick attack did not find, and the epoch kept.
    public var quickHidden: Int
    public var bestEpoch: Int
    public var trainingSeconds: Double
    public var checkSeconds: Double
    public var instances: [InstanceRecord]
    /// Planted instances not written, with why.
    public var dropped: [DroppedInstance]

    public var plantedDrafted: Int { config.planted }
    public var plantedKept: Int { instances.filter(\.isPlanted).count }
}

public struct InstanceRecord: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case planted, clean }
    /// Position in `instances.csv` and the name `vnnlib/<index>.vnnlib`.
    public var index: Int
    public var vnnlib: String
    public var kind: Kind
    public var centre: [Double]
    public var label: Int
    /// The hidden counterexample (planted instances only).
    public var counterexample: HiddenCounterexample?
    /// Rungs survived (planted); for clean instances the rungs run without finding a violation.
    public var survived: [String]
    /// Clean instances only: the rung that found a violation, if any (then the answer is known `sat`).
    public var falsifiedBy: String?

    public var isPlanted: Bool { kind == .planted }
}

public struct HiddenCounterexample: Sendable, Codable, Equatable {
    public var input: [Double]
    /// The exported network's output at `input` (plain Double forward pass).
    public var output: [Double]
    /// `max_{j≠label} y_j − y_label` (> 0: misclassified).
    public var margin: Double
}

public struct DroppedInstance: Sendable, Codable, Equatable {
    public var draft: Int
    public var reason: String
}

/// The run-level record, `manifest.json` at the benchmark root.
public struct RunManifest: Sendable, Codable, Equatable {
    public var format = "vernier-soundness-run/1"
    public var config: GeneratorConfig
    public var models: [ModelSummary]
    public var seconds: Double

    public struct ModelSummary: Sendable, Codable, Equatable {
        public var name: String
        public var plantedDrafted: Int
        public var plantedKept: Int
        public var clean: Int
        public var seconds: Double
    }

    public var plantedDrafted: Int { models.map(\.plantedDrafted).reduce(0, +) }
    public var plantedKept: Int { models.map(\.plantedKept).reduce(0, +) }
}

enum ManifestCoding {
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try e.encode(value)
    }

    static func decode<T: Decodable>(_ type: T.Type, path: String) throws -> T {
        guard let data = FileManager.default.contents(atPath: path) else { throw SoundnessError("cannot read '\(path)'") }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw SoundnessError("'\(path)' is not a valid \(type) file (\(error))")
        }
    }
}
