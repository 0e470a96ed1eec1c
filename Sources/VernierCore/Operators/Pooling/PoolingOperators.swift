/// Lowerings of the Pooling operator family (see `OperatorRegistry`).
public enum PoolingOperators {
    public static let lowerings: [String: Lowering] = [:]
}
