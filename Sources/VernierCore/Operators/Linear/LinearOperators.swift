/// Lowerings of the Linear operator family (see `OperatorRegistry`).
public enum LinearOperators {
    public static let lowerings: [String: Lowering] = [:]
}
