/// Lowerings of the Activations operator family (see `OperatorRegistry`).
public enum ActivationOperators {
    public static let lowerings: [String: Lowering] = [:]
}
