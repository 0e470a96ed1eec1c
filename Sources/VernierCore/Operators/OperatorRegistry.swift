/// ONNX op type → lowering. Each operator family contributes its own table from its own folder;
/// this file only merges them, so adding an operator never touches shared code.
public enum OperatorRegistry {
    public static let families: [(family: String, lowerings: [String: Lowering])] = [
        ("linear", LinearOperators.lowerings),
        ("elementwise", ElementwiseOperators.lowerings),
        ("activation", ActivationOperators.lowerings),
        ("shape", ShapeOperators.lowerings),
        ("pooling", PoolingOperators.lowerings),
        ("reduction", ReductionOperators.lowerings),
    ]

    /// All lowerings. A duplicated op type is a programming error caught by the test suite
    /// (`OperatorRegistryTests`); the later family wins here.
    public static let lowerings: [String: Lowering] = {
        var all = [String: Lowering]()
        for f in families { all.merge(f.lowerings) { _, new in new } }
        return all
    }()

    /// Op types supported, sorted (for `vernier info` and the docs).
    public static var supportedOpTypes: [String] { lowerings.keys.sorted() }
}
