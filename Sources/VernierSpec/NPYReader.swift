/// Reader for NumPy `.npy` files (format versions 1.0, 2.0 and 3.0).
///
/// Supported: little-endian `<f4`, `<f8`, `<i4`, `<i8` and `|u1` arrays in C order.
/// Layout: a 0-d or 1-d array is one sample; for 2 or more dimensions the first axis is the
/// batch axis and `sampleShape` is the rest (so save a single image as `(1, 28, 28)`, not
/// `(28, 28)`, which would read as 28 samples).
extension InputData {
    public static func parseNPY(_ bytes: [UInt8], path: String? = nil) throws(InputDataError) -> InputData {
        func fail(_ kind: InputDataError.Kind) -> InputDataError { InputDataError(kind, path: path) }

        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else { throw fail(.npyBadMagic) }
        let major = Int(bytes[6]), minor = Int(bytes[7])
        let headerStart: Int
        let headerLength: Int
        switch major {
        case 1:
            headerStart = 10
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        case 2, 3:
            guard bytes.count >= 12 else { throw fail(.truncated(expectedBytes: 12, foundBytes: bytes.count)) }
            headerStart = 12
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        default:
            throw fail(.npyUnsupportedVersion(major: major, minor: minor))
        }
        guard minor == 0 else { throw fail(.npyUnsupportedVersion(major: major, minor: minor)) }
        let dataStart = headerStart + headerLength
        guard dataStart <= bytes.count else {
            throw fail(.npyMalformedHeader("header claims \(headerLength) bytes but the file ends first"))
        }

        var header = NPYHeaderParser(bytes: bytes[headerStart..<dataStart])
        let fields: NPYHeaderParser.Fields
        do throws(NPYHeaderParser.Failure) {
            fields = try header.parse()
        } catch {
            throw fail(.npyMalformedHeader(error.message))
        }
        if fields.fortranOrder { throw fail(.npyFortranOrder) }
        guard let dtype = NPYDType(descr: fields.descr) else { throw fail(.npyUnsupportedDType(fields.descr)) }

        var count = 1
        for dimension in fields.shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            if overflow { throw fail(.npyMalformedHeader("shape \(fields.shape) is too large")) }
            count = product
        }
        let (dataBytes, overflow) = count.multipliedReportingOverflow(by: dtype.size)
        if overflow { throw fail(.npyMalformedHeader("shape \(fields.shape) is too large")) }
        let available = bytes.count - dataStart
        if available < dataBytes { throw fail(.truncated(expectedBytes: dataBytes, foundBytes: available)) }
        if available > dataBytes { throw fail(.trailingBytes(available - dataBytes)) }

        let sampleCount: Int
        let sampleShape: [Int]
        if fields.shape.count <= 1 {
            sampleCount = 1
            sampleShape = fields.shape
        } else {
            sampleCount = fields.shape[0]
            sampleShape = Array(fields.shape.dropFirst())
        }
        let sampleSize = sampleCount == 0 ? 0 : count / sampleCount
        if sampleCount == 0 { throw fail(.noSamples) }

        var samples: [[Double]] = []
        samples.reserveCapacity(sampleCount)
        bytes.withUnsafeBytes { raw in
            for s in 0..<sampleCount {
                var sample = [Double](repeating: 0, count: sampleSize)
                for i in 0..<sampleSize {
                    sample[i] = dtype.read(raw, at: dataStart + (s * sampleSize + i) * dtype.size)
                }
                samples.append(sample)
            }
        }
        return try validated(InputData(samples: samples, sampleShape: sampleShape), path: path)
    }
}

/// The element types `.npy` files may hold here, all little-endian.
enum NPYDType {
    case float32, float64, int32, int64, uint8

    init?(descr: String) {
        switch descr {
        case "<f4": self = .float32
        case "<f8": self = .float64
        case "<i4": self = .int32
        case "<i8": self = .int64
        case "|u1", "<u1": self = .uint8
        default: return nil
        }
    }

    var size: Int {
        switch self {
        case .float32, .int32: return 4
        case .float64, .int64: return 8
        case .uint8: return 1
        }
    }

    /// Reads one element; the caller has checked that it lies inside the buffer.
    func read(_ raw: UnsafeRawBufferPointer, at offset: Int) -> Double {
        switch self {
        case .float32:
            return Double(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))))
        case .float64:
            return Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
        case .int32:
            return Double(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)))
        case .int64:
            return Double(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int64.self)))
        case .uint8:
            return Double(raw[offset])
        }
    }
}
