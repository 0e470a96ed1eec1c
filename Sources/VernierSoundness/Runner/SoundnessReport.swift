import Foundation

/// The runner's verdict on a verifier: per instance, and counted per model and in total.
public struct SoundnessReport: Sendable, Codable, Equatable {
    public var verifier: String
    public var instances: [InstanceOutcome]
    public var seconds: Double

    /// Counts of one group of instances.
    public struct Tally: Sendable, Codable, Equatable {
        public var planted = 0
        public var clean = 0
        /// Per judgement name (every judgement present, zero or not).
        public var counts: [String: Int] = Dictionary(uniqueKeysWithValues: Judgement.allCases.map { ($0.rawValue, 0) })
        public var unsound: Int { counts[Judgement.unsound.rawValue] ?? 0 }
        public var invalid: Int { counts[Judgement.invalid.rawValue] ?? 0 }
        public func count(_ j: Judgement) -> Int { counts[j.rawValue] ?? 0 }

        mutating func add(_ o: InstanceOutcome) {
            if o.kind == .planted { planted += 1 } else { clean += 1 }
            counts[o.judgement.rawValue, default: 0] += 1
        }
    }

    public var total: Tally {
        var t = Tally()
        for o in instances { t.add(o) }
        return t
    }

    public var perModel: [(String, Tally)] {
        var order = [String]()
        var tallies = [String: Tally]()
        for o in instances {
            if tallies[o.model] == nil { order.append(o.model) }
            tallies[o.model, default: Tally()].add(o)
        }
        return order.map { ($0, tallies[$0]!) }
    }

    /// True when the verifier made no unsound and no invalid claim.
    public var isClean: Bool { total.unsound == 0 && total.invalid == 0 }

    /// A fixed-width table: one row per model and a total row.
    public func table() -> String {
        let columns: [(String, (Tally) -> Int)] = [
            ("planted", \.planted), ("unsound", { $0.count(.unsound) }), ("invalid", { $0.count(.invalid) }),
            ("found", { $0.count(.found) }), ("timeout", { $0.count(.timeout) }), ("unknown", { $0.count(.unknown) }),
            ("error", { $0.count(.error) }), ("clean", \.clean), ("verified", { $0.count(.verified) }),
            ("falsified", { $0.count(.falsified) }),
        ]
        let rows = perModel + [("TOTAL", total)]
        let nameWidth = max(5, rows.map(\.0.count).max() ?? 5)
        func pad(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
        var out = "verifier: \(verifier)\n"
        out += "model".padding(toLength: nameWidth, withPad: " ", startingAt: 0)
        for (h, _) in columns { out += " " + pad(h, max(7, h.count)) }
        out += "\n"
        for (name, t) in rows {
            out += name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            for (h, f) in columns { out += " " + pad(String(f(t)), max(7, h.count)) }
            out += "\n"
        }
        out += isClean ? "no unsound or invalid claims" : "UNSOUND: \(total.unsound) unsound and \(total.invalid) invalid claim(s)"
        out += String(format: " (%.1f s)\n", seconds)
        return out
    }

    /// The report as JSON: the instances, per-model tallies and the total.
    public func json() throws -> Data {
        struct Document: Encodable {
            var verifier: String
            var clean: Bool
            var seconds: Double
            var total: Tally
            var models: [String: Tally]
            var instances: [InstanceOutcome]
        }
        let doc = Document(verifier: verifier, clean: isClean, seconds: seconds, total: total,
                           models: Dictionary(uniqueKeysWithValues: perModel), instances: instances)
        return try ManifestCoding.encode(doc)
    }
}
