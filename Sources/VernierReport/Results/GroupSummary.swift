/// Counts and accuracies of one group of instances: one (entry, ε) for robustness entries, one
/// entry for VNN-LIB entries.
///
/// `certifiedAccuracy` (verified / total) is a sound lower bound on the robust accuracy;
/// `attackAccuracy` (1 − falsified / total) is an upper bound on it, since every falsified
/// instance has a re-checked counterexample. Unknowns and timeouts lie between the two.
public struct GroupSummary: Codable, Sendable, Equatable {
    public var entry: String
    public var epsilon: Double?
    public var total: Int
    public var verified: Int
    public var falsified: Int
    public var unknown: Int
    public var timeout: Int
    public var certifiedAccuracy: Double
    public var attackAccuracy: Double
    /// Fraction whose prediction at the unperturbed sample equals the label (robustness only).
    public var cleanAccuracy: Double?
    public var seconds: Double

    /// The key groups are matched by between a baseline and a current run.
    public var key: String { epsilon.map { "\(entry) @ ε=\($0)" } ?? entry }

    /// Groups in entry order, then ascending ε.
    public static func summarise(_ outcomes: [InstanceOutcome], entries: [ResultsDocument.EntryInfo]) -> [GroupSummary] {
        var groups = [String: [InstanceOutcome]]()
        for o in outcomes { groups[groupKey(o), default: []].append(o) }
        let entryOrder = Dictionary(entries.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        return groups.values.map { members in
            let first = members[0]
            let count = { (v: VerdictName) in members.filter { $0.verdict == v }.count }
            let n = members.count
            let labelled = members.filter { $0.label != nil && $0.predicted != nil }
            return GroupSummary(
                entry: first.entry, epsilon: first.epsilon, total: n,
                verified: count(.verified), falsified: count(.falsified), unknown: count(.unknown), timeout: count(.timeout),
                certifiedAccuracy: Double(count(.verified)) / Double(n),
                attackAccuracy: 1 - Double(count(.falsified)) / Double(n),
                cleanAccuracy: labelled.isEmpty ? nil
                    : Double(labelled.filter { $0.label == $0.predicted }.count) / Double(labelled.count),
                seconds: members.reduce(0) { $0 + $1.seconds })
        }.sorted {
            let (a, b) = (entryOrder[$0.entry] ?? Int.max, entryOrder[$1.entry] ?? Int.max)
            if a != b { return a < b }
            if $0.entry != $1.entry { return $0.entry < $1.entry }
            return ($0.epsilon ?? 0) < ($1.epsilon ?? 0)
        }
    }

    static func groupKey(_ o: InstanceOutcome) -> String { o.epsilon.map { "\(o.entry) @ ε=\($0)" } ?? o.entry }
}
