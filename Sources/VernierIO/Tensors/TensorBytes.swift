import Foundation
import VernierCore

/// The little-endian byte encoding of tensor values: ONNX `raw_data`, and `data_base64` in the
/// JSON format (the same bytes, so the two formats convert without touching values).
///
/// Element layouts: float32/float64 IEEE 754, float16 IEEE 754 binary16, int64/int32 two's
/// complement, int8 one byte, uint8 one byte, bool one byte (0 or 1).
enum TensorBytes {
    /// Bytes per element.
    static func width(of dtype: DataType) -> Int {
        switch dtype {
        case .float64, .int64: 8
        case .float32, .int32: 4
        case .float16: 2
        case .int8, .uint8, .bool: 1
        }
    }

    /// Decodes `count` elements. `location` names the tensor in the error when the byte count is wrong.
    static func decode(_ bytes: Data, dtype: DataType, count: Int, location: String) throws -> TensorData.Storage {
        let expected = count.multipliedReportingOverflow(by: width(of: dtype))
        guard !expected.overflow, bytes.count == expected.partialValue else {
            throw ModelFileError(.invalidContent, location: location,
                                 "has \(bytes.count) data bytes, expected \(count) × \(width(of: dtype)) for \(count) \(dtype.jsonName) values")
        }
        return bytes.withUnsafeBytes { raw -> TensorData.Storage in
            func load<T: FixedWidthInteger>(_: T.Type, _ i: Int) -> T {
                T(littleEndian: raw.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.size, as: T.self))
            }
            switch dtype {
            case .float32:
                return .floating((0..<count).map { Double(Float(bitPattern: load(UInt32.self, $0))) })
            case .float64:
                return .floating((0..<count).map { Double(bitPattern: load(UInt64.self, $0)) })
            case .float16:
                return .floating((0..<count).map { HalfPrecision.double(fromBits: load(UInt16.self, $0)) })
            case .int64:
                return .integer((0..<count).map { load(Int64.self, $0) })
            case .int32:
                return .integer((0..<count).map { Int64(load(Int32.self, $0)) })
            case .int8:
                return .integer((0..<count).map { Int64(load(Int8.self, $0)) })
            case .uint8:
                return .integer((0..<count).map { Int64(load(UInt8.self, $0)) })
            case .bool:
                // Anything but 0 is true; ONNX writers only ever produce 0 and 1.
                return .integer((0..<count).map { load(UInt8.self, $0) == 0 ? 0 : 1 })
            }
        }
    }

    /// Encodes the tensor's values in its dtype's layout, after `validated(_:location:)`.
    static func encode(_ tensor: TensorData, location: String) throws -> Data {
        let values = try validated(tensor, location: location)
        let w = width(of: tensor.dtype)
        var out = Data(count: tensor.count * w)
        out.withUnsafeMutableBytes { raw in
            func store<T: FixedWidthInteger>(_ v: T, _ i: Int) {
                raw.storeBytes(of: v.littleEndian, toByteOffset: i * w, as: T.self)
            }
            switch values {
            case .floating(let v):
                switch tensor.dtype {
                case .float32: for i in v.indices { store(Float(v[i]).bitPattern, i) }
                case .float16: for i in v.indices { store(HalfPrecision.bits(from: v[i]), i) }
                default: for i in v.indices { store(v[i].bitPattern, i) }
                }
            case .integer(let v):
                switch tensor.dtype {
                case .int32: for i in v.indices { store(Int32(v[i]), i) }
                case .int8: for i in v.indices { store(Int8(v[i]), i) }
                case .uint8, .bool: for i in v.indices { store(UInt8(v[i]), i) }
                default: for i in v.indices { store(v[i], i) }
                }
            }
        }
        return out
    }

    /// The tensor's values in the storage its dtype calls for (floating for float types, integer
    /// otherwise), checked: the count matches the shape, and integers are whole and in range.
    ///
    /// A document built by hand may hold integer storage for a float dtype or the reverse; that is
    /// converted here rather than rejected, as long as no value changes.
    static func validated(_ tensor: TensorData, location: String) throws -> TensorData.Storage {
        let expected = try elementCount(tensor.shape, location: location)
        guard tensor.count == expected else {
            throw ModelFileError(.invalidContent, location: location,
                                 "has \(tensor.count) values but shape \(tensor.shape) needs \(expected)")
        }
        if tensor.dtype.isFloatingPoint { return .floating(tensor.doubles) }
        let ints: [Int64]
        switch tensor.storage {
        case .integer(let v): ints = v
        case .floating(let v):
            ints = try v.enumerated().map { i, x in
                // Int64(exactly:) is nil for fractions, non-finite values and magnitudes ≥ 2^63.
                guard let n = Int64(exactly: x) else {
                    throw ModelFileError(.invalidContent, location: location,
                                         "value \(x) at index \(i) is not a valid \(tensor.dtype.jsonName)")
                }
                return n
            }
        }
        let range = integerRange(of: tensor.dtype)
        if let i = ints.firstIndex(where: { !range.contains($0) }) {
            throw ModelFileError(.invalidContent, location: location,
                                 "value \(ints[i]) at index \(i) is out of range for \(tensor.dtype.jsonName)")
        }
        return .integer(ints)
    }

    /// The values an integer dtype can hold.
    static func integerRange(of dtype: DataType) -> ClosedRange<Int64> {
        switch dtype {
        case .bool: 0...1
        case .uint8: 0...255
        case .int8: -128...127
        case .int32: Int64(Int32.min)...Int64(Int32.max)
        default: Int64.min...Int64.max
        }
    }

    /// The number of elements of `shape`, rejecting negative dimensions and overflow.
    static func elementCount<S: Sequence>(_ shape: S, location: String) throws -> Int where S.Element: BinaryInteger {
        var n = 1
        for d in shape {
            guard d >= 0, let di = Int(exactly: d) else {
                throw ModelFileError(.invalidContent, location: location, "has a negative dimension \(d) in its shape")
            }
            let (p, overflow) = n.multipliedReportingOverflow(by: di)
            guard !overflow else {
                throw ModelFileError(.invalidContent, location: location, "has a shape whose element count overflows")
            }
            n = p
        }
        return n
    }
}
