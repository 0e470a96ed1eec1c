/// Why a model could not be built. Every case renders as one line that says what and where.
public enum ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The op type has no lowering (yet); names the node.
    case unsupportedOperator(opType: String, node: String, domain: String)
    /// A node is malformed: wrong attribute, non-constant input where a constant is needed, bad shape.
    case invalidNode(node: String, opType: String, message: String)
    /// Something about the whole graph: cycles, dangling names, duplicate outputs, no nodes.
    case invalidGraph(String)
    /// An initializer or constant contains NaN or infinity.
    case nonFiniteValue(tensor: String, index: Int)

    public var description: String {
        switch self {
        case let .unsupportedOperator(opType, node, domain):
            let d = domain.isEmpty ? "" : " (domain \(domain))"
            return "unsupported operator \(opType)\(d) at node '\(node)'"
        case let .invalidNode(node, opType, message):
            return "node '\(node)' (\(opType)): \(message)"
        case let .invalidGraph(message):
            return "invalid graph: \(message)"
        case let .nonFiniteValue(tensor, index):
            return "tensor '\(tensor)' has a non-finite value (NaN or infinity) at flat index \(index)"
        }
    }
}
