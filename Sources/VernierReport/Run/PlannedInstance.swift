import VernierCore
import VernierSpec
import VernierVerify

/// One property to decide, fully resolved: the property itself, which model, and how.
public struct PlannedInstance: Sendable {
    public enum Kind: Sendable {
        /// L∞ robustness of sample `sample` (value `center`, class `label`) at radius `epsilon`.
        case robustness(sample: Int, center: [Double], label: Int, epsilon: Double, clip: ClosedRange<Double>?)
        /// A VNN-LIB property; `display` is the path as the suite wrote it.
        case vnnlib(property: Property, display: String)
    }

    public var id: String
    public var ordinal: Int
    public var entry: String
    /// Index into `RunPlan.graphs`.
    public var model: Int
    public var kind: Kind
    public var method: VerificationMethod
    /// Seconds for the whole instance (attack and bounding); nil for no limit.
    public var timeout: Double?
    public var lipschitz: Bool

    public init(id: String, ordinal: Int, entry: String, model: Int, kind: Kind, method: VerificationMethod,
                timeout: Double?, lipschitz: Bool = false) {
        self.id = id
        self.ordinal = ordinal
        self.entry = entry
        self.model = model
        self.kind = kind
        self.method = method
        self.timeout = timeout
        self.lipschitz = lipschitz
    }
}

/// Everything a run needs: the loaded models, the instances in suite order, and what to echo
/// into the result file.
public struct RunPlan: Sendable {
    public var name: String
    public var seed: UInt64
    public var graphs: [Graph]
    public var instances: [PlannedInstance]
    public var entries: [ResultsDocument.EntryInfo]

    public init(name: String, seed: UInt64, graphs: [Graph], instances: [PlannedInstance], entries: [ResultsDocument.EntryInfo]) {
        self.name = name
        self.seed = seed
        self.graphs = graphs
        self.instances = instances
        self.entries = entries
    }

    /// Identifies the expanded run: instance ids in order, entry settings (files, ε, clip, method,
    /// timeout) and the seed — not file contents, so a retrained model keeps its baseline. Shards and
    /// baselines carry it so results of different suites are never merged by accident.
    public var fingerprint: String {
        var hash = StableHash()
        hash.combine(name)
        hash.combine(String(seed))
        for e in entries {
            hash.combine(e.name); hash.combine(e.model); hash.combine(e.method)
            hash.combine(e.timeout.map { String($0) } ?? "-")
            hash.combine((e.epsilons ?? []).map { String($0) }.joined(separator: ","))
            hash.combine(e.lipschitz ? "L" : "-")
            hash.combine(e.data ?? "-"); hash.combine((e.specs ?? []).joined(separator: ","))
            hash.combine((e.clip ?? []).map { String($0) }.joined(separator: ","))
        }
        for i in instances { hash.combine(i.id) }
        return hash.hex
    }

    /// The instances of shard `shard` (all of them for nil).
    public func instances(in shard: Shard?) -> [PlannedInstance] {
        guard let shard else { return instances }
        return instances.filter { shard.contains(ordinal: $0.ordinal) }
    }

    /// The identifier of a robustness instance: `entry/sample/eps=ε`.
    public static func robustnessID(entry: String, sample: Int, epsilon: Double) -> String {
        "\(entry)/\(sample)/eps=\(epsilon)"
    }
}

/// 64-bit FNV-1a over strings with separators: stable across runs and platforms (unlike `Hasher`).
struct StableHash {
    private var state: UInt64 = 0xcbf29ce484222325

    mutating func combine(_ s: String) {
        for byte in s.utf8 { state = (state ^ UInt64(byte)) &* 0x100000001b3 }
        state = (state ^ 0x1f) &* 0x100000001b3
    }

    var hex: String {
        let s = String(state, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
