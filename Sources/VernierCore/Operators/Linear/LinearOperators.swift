/// Lowerings of the Linear operator family (see `OperatorRegistry`): matrix products, convolutions
/// and inference-mode batch normalisation.
///
/// A constant weight operand is baked in: `Gemm`/`MatMul` with constant weights on the right
/// become `Linear`, on the left `LeftLinear`; products of two variable operands (and the transposed
/// Gemm forms) become the general `BilinearMatMul`, which also folds all-constant products.
public enum LinearOperators {
    public static let lowerings: [String: Lowering] = [
        "Gemm": lowerGemm,
        "MatMul": lowerMatMul,
        "Conv": lowerConv,
        "ConvTranspose": lowerConvTranspose,
        "BatchNormalization": lowerBatchNormalization,
    ]
}
