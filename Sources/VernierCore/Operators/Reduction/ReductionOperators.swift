/// Lowerings of the Reduction operator family (see `OperatorRegistry`).
public enum ReductionOperators {
    public static let lowerings: [String: Lowering] = [:]
}
