import Foundation

/// The one result-file format of reports, suite runs, shards, merges and baselines
/// (`vernier-results/1`, schema in specs/report.schema.json).
///
/// A document holds the outcomes of some or all instances of a run. `totalInstances` is the size
/// of the whole (unsharded) run, so a shard or an interrupted run says what it is missing.
public struct ResultsDocument: Codable, Sendable, Equatable {
    public static let formatName = "vernier-results/1"

    public var format: String = ResultsDocument.formatName
    /// Suite name (for `vernier report`: the model file's base name).
    public var name: String
    public var seed: UInt64
    /// Set on a shard's results; nil for an unsharded or merged run.
    public var shard: Shard?
    /// Instances in the whole run (all shards).
    public var totalInstances: Int
    /// False when the run was interrupted (Ctrl-C) before all of its instances finished.
    public var complete: Bool
    /// A fingerprint of the expanded suite (entries, files, ε, methods, timeouts, seed), so merge
    /// and check can refuse to combine results of different suites.
    public var fingerprint: String
    public var entries: [EntryInfo]
    /// Sorted by `ordinal`.
    public var instances: [InstanceOutcome]
    /// Derived from `instances` when the document is written; ignored when read.
    public var summary: [GroupSummary]

    public init(name: String, seed: UInt64, shard: Shard? = nil, totalInstances: Int, complete: Bool,
                fingerprint: String, entries: [EntryInfo], instances: [InstanceOutcome]) {
        self.name = name
        self.seed = seed
        self.shard = shard
        self.totalInstances = totalInstances
        self.complete = complete
        self.fingerprint = fingerprint
        self.entries = entries
        self.instances = instances.sorted { $0.ordinal < $1.ordinal }
        self.summary = GroupSummary.summarise(self.instances, entries: entries)
    }

    /// How one suite entry was run (echoed so a result file explains itself).
    public struct EntryInfo: Codable, Sendable, Equatable {
        public var name: String
        public var model: String
        public var data: String?
        public var specs: [String]?
        public var epsilons: [Double]?
        public var samples: Int?
        public var clip: [Double]?
        public var method: String
        /// Seconds per instance; nil for no limit.
        public var timeout: Double?
        public var lipschitz: Bool

        public init(name: String, model: String, data: String? = nil, specs: [String]? = nil, epsilons: [Double]? = nil,
                    samples: Int? = nil, clip: [Double]? = nil, method: String, timeout: Double?, lipschitz: Bool = false) {
            self.name = name
            self.model = model
            self.data = data
            self.specs = specs
            self.epsilons = epsilons
            self.samples = samples
            self.clip = clip
            self.method = method
            self.timeout = timeout
            self.lipschitz = lipschitz
        }
    }

    // MARK: Files

    /// Pretty-printed JSON with sorted keys: stable, diff-friendly output.
    public func encoded() -> Data {
        var copy = self
        copy.summary = GroupSummary.summarise(instances, entries: entries)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Outcomes never hold non-finite numbers (the runner maps them to nil), so this cannot fail.
        return (try? encoder.encode(copy)) ?? Data()
    }

    public func write(to path: String) throws(ReportError) {
        do {
            try encoded().write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .cannotWrite(path: path, reason: error.localizedDescription)
        }
    }

    public static func load(path: String) throws(ReportError) -> ResultsDocument {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .cannotRead(path: path, reason: error.localizedDescription)
        }
        return try decode(data, path: path)
    }

    public static func decode(_ data: Data, path: String) throws(ReportError) -> ResultsDocument {
        var document: ResultsDocument
        do {
            document = try JSONDecoder().decode(ResultsDocument.self, from: data)
        } catch let error as DecodingError {
            throw .invalidResults(path: path, reason: describe(error))
        } catch {
            throw .invalidResults(path: path, reason: "\(error)")
        }
        guard document.format == formatName else {
            throw .invalidResults(path: path, reason: "format is '\(document.format)', expected '\(formatName)'")
        }
        var seen = Set<String>()
        for outcome in document.instances where !seen.insert(outcome.id).inserted {
            throw .invalidResults(path: path, reason: "instance '\(outcome.id)' appears twice")
        }
        document.instances.sort { $0.ordinal < $1.ordinal }
        document.summary = GroupSummary.summarise(document.instances, entries: document.entries)
        return document
    }

    /// The document without wall-clock facts: what two runs of the same suite and seed must share.
    public var withoutTimings: ResultsDocument {
        var copy = self
        copy.instances = instances.map(\.withoutTimings)
        copy.summary = copy.summary.map { var s = $0; s.seconds = 0; return s }
        return copy
    }
}

/// `k/n`: the k-th (1-based) of n deterministic slices of a run.
public struct Shard: Codable, Sendable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) throws(ReportError) {
        guard count >= 1, (1...count).contains(index) else { throw .invalidShard("\(index)/\(count)") }
        self.index = index
        self.count = count
    }

    /// Parses `k/n` with 1 ≤ k ≤ n.
    public init(parsing text: String) throws(ReportError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let n = Int(parts[1].trimmingCharacters(in: .whitespaces)) else { throw .invalidShard(text) }
        try self.init(index: k, count: n)
    }

    /// Round-robin by ordinal: neighbouring instances (often of similar cost) land on different
    /// shards, which balances the load better than contiguous blocks.
    public func contains(ordinal: Int) -> Bool { ordinal % count == index - 1 }

    public var description: String { "\(index)/\(count)" }
}

/// Turns a decoding error into "at instances[3].verdict: ..." for the user.
func describe(_ error: DecodingError) -> String {
    func path(_ keys: [CodingKey]) -> String {
        keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            .trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }
    switch error {
    case .keyNotFound(let key, let context): return "at \(path(context.codingPath)): missing key '\(key.stringValue)'"
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
        return "at \(path(context.codingPath)): \(context.debugDescription)"
    @unknown default: return "\(error)"
    }
}
