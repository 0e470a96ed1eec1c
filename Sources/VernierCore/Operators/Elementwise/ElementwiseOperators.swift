/// Lowerings of the Elementwise operator family (see `OperatorRegistry`).
///
/// Constants are baked into operators: an arithmetic node with one constant input becomes a
/// `ConstantBinary` (or `ScaledReciprocal` for `c / x`), one with two variable inputs the general
/// `Add`/`Sub`/`Mul`/`Div`. When every input is constant the general operator is returned and the
/// builder folds it by evaluation.
public enum ElementwiseOperators {
    public static let lowerings: [String: Lowering] = [
        "Add": lowerArithmetic(.add),
        "Sub": lowerArithmetic(.subtract),
        "Mul": lowerArithmetic(.multiply),
        "Div": lowerArithmetic(.divide),
        "Neg": lowerNeg,
        "Pow": lowerPow,
        "PRelu": lowerPRelu,
        "Max": lowerExtremum(.maximum),
        "Min": lowerExtremum(.minimum),
    ]
}
