/// Lowerings of the ShapeOps operator family (see `OperatorRegistry`).
///
/// Shape operators are exact data movement: order-keeping ones become a `Reshape` (relabelling),
/// the others an `IndexSelect` with an index map computed here once, and concatenation a `Concat`.
/// Shape arguments (shapes, axes, indices, slice bounds) must be constants; values computed from
/// shapes (Shape → Gather → Concat → Reshape chains) are folded by the builder first.
public enum ShapeOperators {
    public static let lowerings: [String: Lowering] = [
        "Flatten": lowerFlatten,
        "Reshape": lowerReshape,
        "Squeeze": lowerSqueeze,
        "Unsqueeze": lowerUnsqueeze,
        "Transpose": lowerTranspose,
        "Slice": lowerSlice,
        "Gather": lowerGather,
        "Expand": lowerExpand,
        "Concat": lowerConcat,
        "Split": lowerSplit,
        "Identity": lowerAlias,
        "Dropout": lowerAlias,
        "Constant": lowerConstant,
        "Shape": lowerShape,
        "Cast": lowerCast,
        "ConstantOfShape": lowerConstantOfShape,
    ]
}
