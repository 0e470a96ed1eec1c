/// Why a Lipschitz or monotonicity query cannot be answered; every case names what and where.
public enum LipschitzError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The chain rule through this node is not supported (op kind, node name).
    case unsupportedOperator(kind: String, node: String, reason: String)
    /// The input box does not fit the model (wrong length, lower > upper, NaN or infinite).
    case invalidRegion(String)
    /// An output index, feature index or coefficient row that does not fit the model.
    case invalidArgument(String)
    /// A transposed linear map would need more memory than allowed.
    case tooLarge(node: String, entries: Int)

    public var description: String {
        switch self {
        case let .unsupportedOperator(kind, node, reason):
            "Lipschitz bounds do not support operator \(kind) (node '\(node)'): \(reason)"
        case let .invalidRegion(message): "invalid input region: \(message)"
        case let .invalidArgument(message): message
        case let .tooLarge(node, entries):
            "the Jacobian of node '\(node)' would need \(entries) dense entries (limit \(LinearJacobian.maxEntries))"
        }
    }
}
