import VernierCore

/// Tiny models for operator tests: one graph input `x`, constant initializers, a few nodes and the
/// output `y`, built with the real `GraphBuilder` so lowering, folding and shape checks are exercised.
public enum NodeHarness {
    /// A node; `name` defaults to the output's name, so error messages are predictable.
    public static func node(_ opType: String, _ inputs: [String], _ output: String = "y", name: String? = nil,
                            attributes: [String: AttributeValue] = [:]) -> NodeDocument {
        NodeDocument(name: name ?? output, opType: opType, inputs: inputs, outputs: [output], attributes: attributes)
    }

    /// A float64 initializer.
    public static func floats(_ name: String, _ shape: [Int], _ values: [Double]) -> TensorData {
        TensorData(name: name, shape: shape, doubles: values)
    }

    /// A 1-D int64 initializer (shapes, axes, indices, slice bounds).
    public static func ints(_ name: String, _ values: [Int64]) -> TensorData {
        TensorData(name: name, shape: [values.count], int64s: values)
    }

    /// A model with the single input `x` of `inputShape` and the output `output`.
    public static func model(inputShape: [Int], nodes: [NodeDocument], initializers: [TensorData] = [],
                             output: String = "y", opset: Int = 17) -> ModelDocument {
        ModelDocument(name: "test",
                      inputs: [ValueInfo(name: "x", shape: inputShape.map { .fixed($0) }, dtype: .float64)],
                      outputs: [ValueInfo(name: output, dtype: .float64)],
                      initializers: initializers, nodes: nodes, opsets: ["": opset])
    }

    /// Builds the model.
    public static func graph(inputShape: [Int], nodes: [NodeDocument], initializers: [TensorData] = [],
                             output: String = "y", opset: Int = 17) throws -> Graph {
        try GraphBuilder().build(model(inputShape: inputShape, nodes: nodes, initializers: initializers,
                                       output: output, opset: opset))
    }

    /// The description of the error building the model throws, or nil when it builds.
    public static func buildError(inputShape: [Int], nodes: [NodeDocument], initializers: [TensorData] = [],
                                  output: String = "y", opset: Int = 17) -> String? {
        do {
            _ = try graph(inputShape: inputShape, nodes: nodes, initializers: initializers, output: output, opset: opset)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// Evenly spaced sample values; with the defaults none is 0 or an integer (away from kinks).
    public static func ramp(_ count: Int, start: Double = -2.75, step: Double = 0.5) -> [Double] {
        (0..<count).map { start + Double($0) * step }
    }

    /// Whether two arrays agree to `tolerance`, relative for magnitudes above 1 and absolute below.
    public static func close(_ a: [Double], _ b: [Double], tolerance: Double = 1e-12) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            x == y || abs(x - y) <= tolerance * max(1, abs(x), abs(y))
        }
    }
}
