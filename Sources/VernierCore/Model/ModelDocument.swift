/// A model as written in a file: the ONNX graph, one-to-one, before any interpretation.
///
/// Both model formats (the JSON format `vernier-model/1` and ONNX protobuf) read into and write
/// from this type, so converting between them is mechanical and lossless. `GraphBuilder` turns a
/// document into the executable `Graph`.
public struct ModelDocument: Sendable, Equatable {
    public var name: String
    public var inputs: [ValueInfo]
    public var outputs: [ValueInfo]
    public var initializers: [TensorData]
    public var nodes: [NodeDocument]
    public var metadata: [String: String]
    /// Operator-set imports: domain ("" is the default ONNX domain) → version.
    public var opsets: [String: Int]
    /// ONNX IR version and producer, kept for lossless round trips.
    public var irVersion: Int?
    public var producerName: String?
    public var producerVersion: String?
    public var docString: String?

    public init(name: String = "model", inputs: [ValueInfo] = [], outputs: [ValueInfo] = [],
                initializers: [TensorData] = [], nodes: [NodeDocument] = [],
                metadata: [String: String] = [:], opsets: [String: Int] = ["": 17],
                irVersion: Int? = nil, producerName: String? = nil, producerVersion: String? = nil,
                docString: String? = nil) {
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
        self.initializers = initializers
        self.nodes = nodes
        self.metadata = metadata
        self.opsets = opsets
        self.irVersion = irVersion
        self.producerName = producerName
        self.producerVersion = producerVersion
        self.docString = docString
    }

    /// The default-domain opset version (17 when the document does not say).
    public var defaultOpset: Int { opsets[""] ?? opsets["ai.onnx"] ?? 17 }
}

/// A named graph input or output with its (possibly partly symbolic) shape and element type.
public struct ValueInfo: Sendable, Equatable {
    public var name: String
    /// nil when the file gives no shape at all.
    public var shape: [Dimension]?
    public var dtype: DataType

    public init(name: String, shape: [Dimension]? = nil, dtype: DataType = .float32) {
        self.name = name
        self.shape = shape
        self.dtype = dtype
    }

    /// One dimension: a fixed size, or a symbolic name such as `batch_size`, or unknown.
    public enum Dimension: Sendable, Equatable, Hashable {
        case fixed(Int)
        case symbolic(String)
        case unknown
    }
}

/// One node of the file's graph, with ONNX's op type and attribute names.
public struct NodeDocument: Sendable, Equatable {
    public var name: String
    public var opType: String
    public var domain: String
    /// Input value names; an empty string marks an omitted optional input (ONNX convention).
    public var inputs: [String]
    public var outputs: [String]
    public var attributes: [String: AttributeValue]
    public var docString: String?

    public init(name: String, opType: String, domain: String = "", inputs: [String], outputs: [String],
                attributes: [String: AttributeValue] = [:], docString: String? = nil) {
        self.name = name
        self.opType = opType
        self.domain = domain
        self.inputs = inputs
        self.outputs = outputs
        self.attributes = attributes
        self.docString = docString
    }
}

/// An ONNX attribute value.
public enum AttributeValue: Sendable, Equatable {
    case int(Int64)
    case float(Double)
    case string(String)
    case tensor(TensorData)
    case ints([Int64])
    case floats([Double])
    case strings([String])
}
