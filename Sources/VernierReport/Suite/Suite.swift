import Foundation
import Yams
import VernierCore
import VernierIO
import VernierSpec
import VernierVerify

/// A suite file (YAML, specs/suite.md): named entries, each a model with either a data set and
/// ε values (L∞ robustness of every sample) or a list of VNN-LIB properties, plus methods,
/// timeouts and the seed. Paths are relative to the suite file's folder.
public struct Suite: Sendable, Equatable {
    public var name: String
    public var seed: UInt64
    /// Allowed drop in certified accuracy (absolute, e.g. 0.02) before `vernier check` fails.
    public var tolerance: Double
    public var entries: [Entry]
    /// The folder relative paths are resolved against.
    public var baseDirectory: String

    public struct Entry: Sendable, Equatable {
        public var name: String
        public var model: String
        public var data: String?
        public var labels: String?
        public var samples: Int?
        public var epsilons: [Double]
        public var clip: ClosedRange<Double>?
        public var specs: [String]
        public var method: VerificationMethod
        public var timeout: Double?
        public var lipschitz: Bool
    }

    // MARK: Reading

    public static func load(path: String) throws(ReportError) -> Suite {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .cannotRead(path: path, reason: error.localizedDescription)
        }
        let base = (path as NSString).deletingLastPathComponent
        return try parse(text, path: path, baseDirectory: base.isEmpty ? "." : base)
    }

    static let topKeys: Set<String> = ["name", "seed", "tolerance", "timeout", "method", "lipschitz", "entries"]
    static let entryKeys: Set<String> = ["name", "model", "data", "labels", "samples", "epsilons", "clip", "specs",
                                         "method", "timeout", "lipschitz"]

    public static func parse(_ text: String, path: String, baseDirectory: String) throws(ReportError) -> Suite {
        let root: Yams.Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ReportError.invalidSuite(path: path, location: "top level", reason: "the file is empty")
            }
            root = node
        } catch let e as ReportError {
            throw e
        } catch {
            throw .invalidSuite(path: path, location: "YAML syntax", reason: "\(error)")
        }
        let reader = NodeReader(path: path)
        let top = try reader.mapping(root, at: "top level", allowed: topKeys)
        let name = try reader.string(top["name"], at: "name") ?? ""
        if name.isEmpty { throw .invalidSuite(path: path, location: "name", reason: "a suite needs a non-empty name") }
        let seed = try reader.int(top["seed"], at: "seed").map { UInt64($0) } ?? 0
        let tolerance = try reader.double(top["tolerance"], at: "tolerance") ?? 0
        if !(0...1).contains(tolerance) {
            throw .invalidSuite(path: path, location: "tolerance", reason: "must lie in [0, 1] (a fraction of instances), got \(tolerance)")
        }
        let defaultTimeout = try reader.double(top["timeout"], at: "timeout")
        let defaultMethod = try reader.method(top["method"], at: "method") ?? .auto
        let defaultLipschitz = try reader.bool(top["lipschitz"], at: "lipschitz") ?? false
        guard let entryNodes = top["entries"] else {
            throw .invalidSuite(path: path, location: "entries", reason: "missing (a list of models to check)")
        }
        guard let list = entryNodes.sequence, !list.isEmpty else {
            throw .invalidSuite(path: path, location: reader.at("entries", entryNodes), reason: "must be a non-empty list")
        }
        var entries = [Entry]()
        var names = Set<String>()
        for (i, node) in list.enumerated() {
            let loc = "entries[\(i)]"
            let m = try reader.mapping(node, at: loc, allowed: entryKeys)
            guard let entryName = try reader.string(m["name"], at: "\(loc).name"), !entryName.isEmpty else {
                throw .invalidSuite(path: path, location: reader.at("\(loc).name", node), reason: "every entry needs a name")
            }
            if entryName.contains("/") {
                throw .invalidSuite(path: path, location: reader.at("\(loc).name", node), reason: "'/' is not allowed in entry names (it separates instance ids)")
            }
            guard names.insert(entryName).inserted else {
                throw .invalidSuite(path: path, location: reader.at("\(loc).name", node), reason: "entry name '\(entryName)' is used twice")
            }
            guard let model = try reader.string(m["model"], at: "\(loc).model") else {
                throw .invalidSuite(path: path, location: reader.at(loc, node), reason: "missing 'model'")
            }
            let data = try reader.string(m["data"], at: "\(loc).data")
            let specs = try reader.strings(m["specs"], at: "\(loc).specs") ?? []
            let epsilons = try reader.doubles(m["epsilons"], at: "\(loc).epsilons") ?? []
            if (data == nil) == specs.isEmpty {
                throw .invalidSuite(path: path, location: reader.at(loc, node), reason: "give either 'data' (with 'epsilons') or 'specs', not both or neither")
            }
            if data != nil, epsilons.isEmpty {
                throw .invalidSuite(path: path, location: reader.at("\(loc).epsilons", node), reason: "a data entry needs a non-empty list of ε values")
            }
            if let bad = epsilons.first(where: { !($0.isFinite && $0 >= 0) }) {
                throw .invalidSuite(path: path, location: reader.at("\(loc).epsilons", m["epsilons"]!), reason: "ε must be finite and >= 0, got \(bad)")
            }
            var clip: ClosedRange<Double>?
            if let c = try reader.doubles(m["clip"], at: "\(loc).clip") {
                guard c.count == 2, c[0].isFinite, c[1].isFinite, c[0] <= c[1] else {
                    throw .invalidSuite(path: path, location: reader.at("\(loc).clip", m["clip"]!), reason: "must be [lo, hi] with lo <= hi")
                }
                clip = c[0]...c[1]
            }
            let samples = try reader.int(m["samples"], at: "\(loc).samples")
            if let samples, samples < 1 {
                throw .invalidSuite(path: path, location: reader.at("\(loc).samples", m["samples"]!), reason: "must be >= 1")
            }
            let timeout = try reader.double(m["timeout"], at: "\(loc).timeout") ?? defaultTimeout
            if let timeout, !(timeout > 0 && timeout.isFinite) {
                throw .invalidSuite(path: path, location: "\(loc).timeout", reason: "must be a positive number of seconds")
            }
            entries.append(Entry(
                name: entryName, model: model, data: data, labels: try reader.string(m["labels"], at: "\(loc).labels"),
                samples: samples, epsilons: epsilons, clip: clip, specs: specs,
                method: try reader.method(m["method"], at: "\(loc).method") ?? defaultMethod,
                timeout: timeout, lipschitz: try reader.bool(m["lipschitz"], at: "\(loc).lipschitz") ?? defaultLipschitz))
        }
        return Suite(name: name, seed: seed, tolerance: tolerance, entries: entries, baseDirectory: baseDirectory)
    }

    // MARK: Planning

    /// `path` resolved against the suite's folder (absolute paths unchanged).
    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : (baseDirectory as NSString).appendingPathComponent(path)
    }

    /// Loads every model, data set and property and expands the suite into instances, in entry
    /// order. Fails on the first file that is missing or does not fit its model.
    public func plan(seed overrideSeed: UInt64? = nil) throws -> RunPlan {
        var graphs = [Graph]()
        var modelIndex = [String: Int]()
        var instances = [PlannedInstance]()
        var infos = [ResultsDocument.EntryInfo]()
        for entry in entries {
            let modelPath = resolve(entry.model)
            let model: Int
            if let known = modelIndex[modelPath] {
                model = known
            } else {
                graphs.append(try ModelFile.loadGraph(path: modelPath))
                model = graphs.count - 1
                modelIndex[modelPath] = model
            }
            let graph = graphs[model]
            if let data = entry.data {
                let loaded = try InputData.load(path: resolve(data))
                let labels = try entry.labels.map { try RobustnessEntry.loadLabels(path: resolve($0)) }
                let robustness = RobustnessEntry(
                    name: entry.name, modelPath: entry.model, dataPath: data, data: loaded, labels: labels, labelsPath: entry.labels,
                    epsilons: entry.epsilons, samples: entry.samples, clip: entry.clip, method: entry.method,
                    timeout: entry.timeout, lipschitz: entry.lipschitz)
                let (planned, info) = try robustness.plan(graph: graph, model: model, firstOrdinal: instances.count)
                instances += planned
                infos.append(info)
            } else {
                // Ids use the file name when that is unambiguous within the entry, else the path as written.
                let names = entry.specs.map { ($0 as NSString).lastPathComponent }
                let useNames = Set(names).count == names.count
                for (k, spec) in entry.specs.enumerated() {
                    let property = try VNNLib.load(path: resolve(spec))
                    guard property.inputCount == graph.inputCount, property.outputCount == graph.outputCount else {
                        throw ReportError.invalidData(path: spec, reason: "the property has \(property.inputCount) inputs and \(property.outputCount) outputs; model '\(entry.model)' has \(graph.inputCount) and \(graph.outputCount)")
                    }
                    instances.append(PlannedInstance(
                        id: "\(entry.name)/\(useNames ? names[k] : spec)", ordinal: instances.count, entry: entry.name, model: model,
                        kind: .vnnlib(property: property, display: spec), method: entry.method,
                        timeout: entry.timeout, lipschitz: entry.lipschitz))
                }
                infos.append(ResultsDocument.EntryInfo(name: entry.name, model: entry.model, specs: entry.specs,
                                                       method: entry.method.rawValue, timeout: entry.timeout, lipschitz: entry.lipschitz))
            }
        }
        return RunPlan(name: name, seed: overrideSeed ?? seed, graphs: graphs, instances: instances, entries: infos)
    }
}
