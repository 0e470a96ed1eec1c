import VernierCore

/// Constants of the JSON model format `vernier-model/1` (specified in specs/model-format.md).
public enum JSONModelFormat {
    /// The value of the top-level `"format"` member.
    public static let tag = "vernier-model/1"
    /// The dtype of a tensor, input or output whose `"dtype"` is left out (what ONNX exporters use).
    public static let defaultDType = DataType.float32
    /// The attribute types of the explicit form `{"type": ..., "value": ...}`.
    static let attributeTypes = ["int", "float", "string", "tensor", "ints", "floats", "strings"]
}
