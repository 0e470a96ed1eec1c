import VernierCore

/// Small hand-built `ModelDocument`s for operator tests.
public enum GraphDocuments {
    /// A model with input `x` of shape `inputShape`, the given nodes and initializers, and output `y`.
    public static func model(inputShape: [Int], nodes: [NodeDocument], initializers: [TensorData] = [],
                             opset: Int = 17, output: String = "y") -> ModelDocument {
        ModelDocument(name: "test",
                      inputs: [ValueInfo(name: "x", shape: inputShape.map { .fixed($0) })],
                      outputs: [ValueInfo(name: output)],
                      initializers: initializers, nodes: nodes, opsets: ["": opset])
    }

    /// A scalar constant initializer.
    public static func scalar(_ name: String, _ value: Double) -> TensorData {
        TensorData(name: name, shape: [], doubles: [value])
    }

    /// A single-node model `y = op(x, extra inputs...)`.
    public static func singleNode(_ opType: String, inputShape: [Int] = [1, 4], inputs: [String] = ["x"],
                                  attributes: [String: AttributeValue] = [:], initializers: [TensorData] = [],
                                  opset: Int = 17, domain: String = "", name: String = "act") -> ModelDocument {
        model(inputShape: inputShape,
              nodes: [NodeDocument(name: name, opType: opType, domain: domain, inputs: inputs, outputs: ["y"], attributes: attributes)],
              initializers: initializers, opset: opset)
    }
}
