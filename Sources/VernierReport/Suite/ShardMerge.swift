/// Combines the result files of the shards of one run into the document an unsharded run
/// would have written (same instances, same order; only wall-clock times differ).
public enum ShardMerge {
    /// Fails when the parts come from different suites or seeds, overlap, or (unless
    /// `allowIncomplete`) do not cover the whole run.
    public static func merge(_ parts: [ResultsDocument], allowIncomplete: Bool = false) throws(ReportError) -> ResultsDocument {
        guard let first = parts.first else { throw .incompatible("nothing to merge") }
        for (i, part) in parts.enumerated().dropFirst() {
            guard part.fingerprint == first.fingerprint, part.name == first.name, part.seed == first.seed else {
                throw .incompatible("part \(i + 1) ('\(part.name)', seed \(part.seed), fingerprint \(part.fingerprint)) is not from the same suite run as part 1 ('\(first.name)', seed \(first.seed), fingerprint \(first.fingerprint))")
            }
        }
        var seen = [String: Int]()
        var instances = [InstanceOutcome]()
        for (i, part) in parts.enumerated() {
            for outcome in part.instances {
                if let other = seen[outcome.id] {
                    throw .incompatible("instance '\(outcome.id)' is in part \(other + 1) and part \(i + 1) (overlapping shards?)")
                }
                seen[outcome.id] = i
                instances.append(outcome)
            }
        }
        let complete = instances.count == first.totalInstances && parts.allSatisfy(\.complete)
        if !complete, !allowIncomplete {
            let shards = parts.compactMap(\.shard).map(\.description).joined(separator: ", ")
            throw .incompatible("the parts hold \(instances.count) of \(first.totalInstances) instances (shards: \(shards.isEmpty ? "none" : shards)); a shard is missing or was interrupted")
        }
        return ResultsDocument(name: first.name, seed: first.seed, shard: nil, totalInstances: first.totalInstances,
                               complete: complete, fingerprint: first.fingerprint, entries: first.entries, instances: instances)
    }
}
