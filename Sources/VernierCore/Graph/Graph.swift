/// The executable network: a single-input, single-output DAG of `Operator`s in topological order.
///
/// Values are numbered: value 0 is the network input, value `i + 1` is the result of `nodes[i]`.
/// Shapes are per sample and follow the model file (so an ONNX input `[1, 784]` keeps its leading
/// 1); evaluation adds an outer batch axis, so a batch of `B` samples has shape `[B, 1, 784]`.
public struct Graph: Sendable {
    public var name: String
    public var inputName: String
    public var inputShape: [Int]
    public var outputName: String
    public var nodes: [Node]
    /// The value id of the network output.
    public var outputValue: Int
    public var metadata: [String: String]

    public init(name: String, inputName: String, inputShape: [Int], outputName: String,
                nodes: [Node], outputValue: Int, metadata: [String: String] = [:]) {
        self.name = name
        self.inputName = inputName
        self.inputShape = inputShape
        self.outputName = outputName
        self.nodes = nodes
        self.outputValue = outputValue
        self.metadata = metadata
    }

    /// Number of scalar inputs per sample (the VNN-LIB `X_i` count).
    public var inputCount: Int { Shape.count(inputShape) }
    /// Per-sample output shape.
    public var outputShape: [Int] { shape(of: outputValue) }
    /// Number of scalar outputs per sample (the VNN-LIB `Y_j` count).
    public var outputCount: Int { Shape.count(outputShape) }
    /// Number of values (input plus one per node).
    public var valueCount: Int { nodes.count + 1 }

    /// Per-sample shape of a value.
    public func shape(of value: Int) -> [Int] {
        value == 0 ? inputShape : nodes[value - 1].shape
    }

    /// For every value, the indices of the nodes that read it.
    public func consumers() -> [[Int]] {
        var result = [[Int]](repeating: [], count: valueCount)
        for (i, node) in nodes.enumerated() {
            for v in node.inputs where !result[v].contains(i) { result[v].append(i) }
        }
        return result
    }
}

/// One operator application.
public struct Node: Sendable {
    /// Name from the model file (the ONNX node that produced it, or a generated name).
    public var name: String
    /// The ONNX op type it came from (after fusion, the fused pattern's name).
    public var opType: String
    public var op: any Operator
    /// Operand value ids.
    public var inputs: [Int]
    /// Per-sample output shape.
    public var shape: [Int]

    public init(name: String, opType: String, op: any Operator, inputs: [Int], shape: [Int]) {
        self.name = name
        self.opType = opType
        self.op = op
        self.inputs = inputs
        self.shape = shape
    }
}
