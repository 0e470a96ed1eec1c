/// Lowerings of the ShapeOps operator family (see `OperatorRegistry`).
public enum ShapeOperators {
    public static let lowerings: [String: Lowering] = [:]
}
