/// Why an input data file could not be read. The description is one line, starting with
/// the file path when known.
public struct InputDataError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case cannotRead(reason: String)
        /// The file extension is not `.npy`, `.csv` or `.json`.
        case unsupportedFormat(extension: String)
        /// The file does not start with the `\x93NUMPY` magic string.
        case npyBadMagic
        case npyUnsupportedVersion(major: Int, minor: Int)
        /// The header dictionary could not be understood.
        case npyMalformedHeader(String)
        /// A `descr` other than `<f4`, `<f8`, `<i4`, `<i8`, `|u1`.
        case npyUnsupportedDType(String)
        /// The array is stored in Fortran (column-major) order; only C order is supported.
        case npyFortranOrder
        /// The file ends before the data the header announces (sizes in bytes).
        case truncated(expectedBytes: Int, foundBytes: Int)
        /// Bytes left after the data the header announces.
        case trailingBytes(Int)
        /// A NaN or infinite value; `sample` and `index` (within the sample) are 0-based.
        case nonFinite(sample: Int, index: Int, value: Double)
        /// A CSV row with a different number of values than the first; `line` is 1-based.
        case raggedRow(line: Int, expected: Int, found: Int)
        /// A JSON array whose shape differs from its siblings'; `path` like `inputs[3]`.
        case raggedArray(path: String, expectedShape: [Int], foundShape: [Int])
        /// A CSV field that is not a number; `line` and `column` (field number) are 1-based.
        case nonNumeric(line: Int, column: Int, text: String)
        /// Invalid JSON text at 1-based `line`:`column`.
        case jsonSyntax(line: Int, column: Int, message: String)
        /// Valid JSON of the wrong structure at `path`.
        case jsonUnexpected(path: String, expected: String, found: String)
        case labelCountMismatch(samples: Int, labels: Int)
        /// A label that is not a non-negative integer; `index` is 0-based.
        case invalidLabel(index: Int, value: String)
        /// The file holds no samples.
        case noSamples
        /// A sample with no values; `sample` is 0-based.
        case emptySample(sample: Int)
    }

    public var kind: Kind
    public var path: String?

    public init(_ kind: Kind, path: String? = nil) {
        self.kind = kind
        self.path = path
    }

    public var description: String {
        path.map { "\($0): \(message)" } ?? message
    }

    /// The message without the path.
    public var message: String {
        switch kind {
        case .cannotRead(let reason):
            return "cannot read input data file: \(reason)"
        case .unsupportedFormat(let ext):
            return "unsupported input data format '\(ext)' (expected .npy, .csv or .json)"
        case .npyBadMagic:
            return "not a .npy file (missing \\x93NUMPY magic)"
        case .npyUnsupportedVersion(let major, let minor):
            return "unsupported .npy format version \(major).\(minor) (expected 1.0, 2.0 or 3.0)"
        case .npyMalformedHeader(let what):
            return "malformed .npy header: \(what)"
        case .npyUnsupportedDType(let descr):
            return "unsupported .npy dtype '\(descr)' (supported: <f4, <f8, <i4, <i8, |u1)"
        case .npyFortranOrder:
            return ".npy array is in Fortran order; save it in C order (numpy.ascontiguousarray)"
        case .truncated(let expected, let found):
            return "file is truncated: expected \(expected) bytes of data, found \(found)"
        case .trailingBytes(let count):
            return "\(count) unexpected bytes after the data"
        case .nonFinite(let sample, let index, let value):
            return "sample \(sample), index \(index): value \(value) is not finite"
        case .raggedRow(let line, let expected, let found):
            return "row at line \(line) has \(found) values, expected \(expected) like the first row"
        case .raggedArray(let path, let expected, let found):
            return "\(path) has shape \(found), expected \(expected) like its siblings"
        case .nonNumeric(let line, let column, let text):
            return "line \(line), column \(column): '\(text)' is not a number"
        case .jsonSyntax(let line, let column, let message):
            return "\(line):\(column): invalid JSON: \(message)"
        case .jsonUnexpected(let path, let expected, let found):
            return "\(path): expected \(expected), found \(found)"
        case .labelCountMismatch(let samples, let labels):
            return "\(labels) labels for \(samples) samples"
        case .invalidLabel(let index, let value):
            return "label \(index) is \(value), expected a non-negative integer"
        case .noSamples:
            return "the file holds no samples"
        case .emptySample(let sample):
            return "sample \(sample) has no values"
        }
    }
}
