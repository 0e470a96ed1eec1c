/// Lowerings of the Elementwise operator family (see `OperatorRegistry`).
public enum ElementwiseOperators {
    public static let lowerings: [String: Lowering] = [:]
}
