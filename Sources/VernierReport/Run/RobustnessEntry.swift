import Foundation
import VernierCore
import VernierSpec
import VernierVerify

/// Expands "every sample of a data file at every ε" into planned instances (sample-major, so a
/// partial run covers whole samples first... and a shard gets a mix of samples and radii).
public struct RobustnessEntry: Sendable {
    public var name: String
    public var modelPath: String
    public var dataPath: String
    public var data: InputData
    /// Labels given separately (`--labels` / `labels:`); used when the data file has none.
    public var labels: [Int]?
    public var labelsPath: String?
    public var epsilons: [Double]
    /// Use only the first `samples` samples (nil: all).
    public var samples: Int?
    public var clip: ClosedRange<Double>?
    public var method: VerificationMethod
    public var timeout: Double?
    public var lipschitz: Bool

    public init(name: String, modelPath: String, dataPath: String, data: InputData, labels: [Int]? = nil, labelsPath: String? = nil,
                epsilons: [Double], samples: Int? = nil, clip: ClosedRange<Double>? = nil, method: VerificationMethod = .auto,
                timeout: Double? = nil, lipschitz: Bool = false) {
        self.name = name
        self.modelPath = modelPath
        self.dataPath = dataPath
        self.data = data
        self.labels = labels
        self.labelsPath = labelsPath
        self.epsilons = epsilons
        self.samples = samples
        self.clip = clip
        self.method = method
        self.timeout = timeout
        self.lipschitz = lipschitz
    }

    /// Checks sizes and labels against the model and returns the instances (ordinals from
    /// `firstOrdinal`) and the entry's description. Without any labels the model's own
    /// prediction at each sample is used (the report then measures stability, not accuracy).
    public func plan(graph: Graph, model: Int, firstOrdinal: Int) throws(ReportError) -> ([PlannedInstance], ResultsDocument.EntryInfo) {
        if epsilons.isEmpty { throw .invalidData(path: dataPath, reason: "no ε values given") }
        if let bad = epsilons.first(where: { !($0.isFinite && $0 >= 0) }) {
            throw .invalidData(path: dataPath, reason: "ε must be finite and >= 0, got \(bad)")
        }
        let count = min(samples ?? data.samples.count, data.samples.count)
        if let samples, samples < 1 { throw .invalidData(path: dataPath, reason: "samples must be >= 1, got \(samples)") }
        for (s, x) in data.samples.prefix(count).enumerated() where x.count != graph.inputCount {
            throw .invalidData(path: dataPath, reason: "sample \(s) has \(x.count) values but model '\(modelPath)' takes \(graph.inputCount) inputs (shape \(graph.inputShape))")
        }
        if let clip {
            for (s, x) in data.samples.prefix(count).enumerated() {
                if let i = x.firstIndex(where: { !clip.contains($0) }) {
                    throw .invalidData(path: dataPath, reason: "sample \(s) value \(i) = \(x[i]) lies outside the clip range \(clip.lowerBound)…\(clip.upperBound)")
                }
            }
        }
        let given = data.labels ?? labels
        let labelSource = data.labels != nil ? dataPath : (labelsPath ?? dataPath)
        if let given, given.count < count {
            throw .invalidData(path: labelSource, reason: "\(given.count) label(s) for \(count) sample(s)")
        }
        var instances = [PlannedInstance]()
        var ordinal = firstOrdinal
        for s in 0..<count {
            let x = data.samples[s]
            let label: Int
            if let given {
                label = given[s]
                guard (0..<graph.outputCount).contains(label) else {
                    throw .invalidData(path: labelSource, reason: "label \(label) of sample \(s) is not a class of a model with \(graph.outputCount) outputs")
                }
            } else {
                let y = graph.evaluate(x)
                label = y.indices.max { y[$0] < y[$1] || (y[$0] == y[$1] && $0 > $1) } ?? 0
            }
            for eps in epsilons {
                instances.append(PlannedInstance(
                    id: RunPlan.robustnessID(entry: name, sample: s, epsilon: eps), ordinal: ordinal, entry: name, model: model,
                    kind: .robustness(sample: s, center: x, label: label, epsilon: eps, clip: clip),
                    method: method, timeout: timeout, lipschitz: lipschitz))
                ordinal += 1
            }
        }
        let info = ResultsDocument.EntryInfo(
            name: name, model: modelPath, data: dataPath, epsilons: epsilons, samples: count,
            clip: clip.map { [$0.lowerBound, $0.upperBound] }, method: method.rawValue, timeout: timeout, lipschitz: lipschitz)
        return (instances, info)
    }

    /// Reads labels from a file: a JSON array of integers, or any `InputData` file holding one
    /// value per sample (or one sample of N values). Every value must be a whole number.
    public static func loadLabels(path: String) throws -> [Int] {
        let data = try InputData.load(path: path)
        let values = data.samples.count == 1 ? data.samples[0] : data.samples.map { $0.count == 1 ? $0[0] : .nan }
        if data.samples.count > 1, data.samples.contains(where: { $0.count != 1 }) {
            throw ReportError.invalidData(path: path, reason: "expected one label per row, found rows of \(data.samples[0].count) values")
        }
        return try values.enumerated().map { i, v in
            guard v.isFinite, v == v.rounded(), v >= 0, v < Double(Int32.max) else {
                throw ReportError.invalidData(path: path, reason: "label \(i) is \(v), not a class index")
            }
            return Int(v)
        }
    }
}
