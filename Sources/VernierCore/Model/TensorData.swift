/// Element types Vernier reads and writes (ONNX `TensorProto.DataType` codes).
public enum DataType: Int, Sendable, Equatable, CaseIterable {
    case float32 = 1
    case uint8 = 2
    case int8 = 3
    case int32 = 6
    case int64 = 7
    case bool = 9
    case float16 = 10
    case float64 = 11

    /// Name used in the JSON model format.
    public var jsonName: String {
        switch self {
        case .float32: "float32"
        case .uint8: "uint8"
        case .int8: "int8"
        case .int32: "int32"
        case .int64: "int64"
        case .bool: "bool"
        case .float16: "float16"
        case .float64: "float64"
        }
    }

    public init?(jsonName: String) {
        guard let t = DataType.allCases.first(where: { $0.jsonName == jsonName }) else { return nil }
        self = t
    }

    public var isFloatingPoint: Bool { self == .float32 || self == .float64 || self == .float16 }
}

/// A named constant tensor as stored in a file (an initializer, a `Constant` value or a tensor attribute).
///
/// Values are kept exactly: floating-point data as `Double` (every float32 and float16 value is
/// representable), integer data as `Int64`.
public struct TensorData: Sendable, Equatable {
    public var name: String
    public var shape: [Int]
    public var dtype: DataType
    public var storage: Storage

    public enum Storage: Sendable, Equatable {
        case floating([Double])
        case integer([Int64])
    }

    public init(name: String, shape: [Int], dtype: DataType, storage: Storage) {
        self.name = name
        self.shape = shape
        self.dtype = dtype
        self.storage = storage
    }

    public init(name: String, shape: [Int], doubles: [Double], dtype: DataType = .float64) {
        self.init(name: name, shape: shape, dtype: dtype, storage: .floating(doubles))
    }

    public init(name: String, shape: [Int], int64s: [Int64]) {
        self.init(name: name, shape: shape, dtype: .int64, storage: .integer(int64s))
    }

    public var count: Int {
        switch storage {
        case .floating(let v): v.count
        case .integer(let v): v.count
        }
    }

    /// The values as `Double` (integers above 2^53 in magnitude lose precision; shapes and indices never are).
    public var doubles: [Double] {
        switch storage {
        case .floating(let v): v
        case .integer(let v): v.map(Double.init)
        }
    }

    /// The values as a core `Tensor`.
    public var tensor: Tensor { Tensor(shape: shape, data: doubles) }
}
