/// Problems with the files and arguments a report, suite or check is given. Every case names the
/// file (and where possible the place in it) so the message alone is enough to fix the input.
public enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotRead(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    /// A suite file that does not parse or does not make sense; `location` is e.g. `entries[1].epsilons`.
    case invalidSuite(path: String, location: String, reason: String)
    case invalidResults(path: String, reason: String)
    case invalidShard(String)
    /// Data that does not fit the model or the labels (sizes, ranges).
    case invalidData(path: String, reason: String)
    /// Result files that cannot be merged or compared (different suites, overlapping shards).
    case incompatible(String)

    public var description: String {
        switch self {
        case .cannotRead(let path, let reason): "cannot read '\(path)': \(reason)"
        case .cannotWrite(let path, let reason): "cannot write '\(path)': \(reason)"
        case .invalidSuite(let path, let location, let reason): "suite '\(path)', \(location): \(reason)"
        case .invalidResults(let path, let reason): "results file '\(path)': \(reason)"
        case .invalidShard(let text): "shard '\(text)' is not k/n with 1 <= k <= n (e.g. 2/8)"
        case .invalidData(let path, let reason): "'\(path)': \(reason)"
        case .incompatible(let reason): reason
        }
    }
}
