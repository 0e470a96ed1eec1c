/// Reader for comma-separated sample files.
///
/// One sample per line, values separated by commas (spaces around values are ignored).
/// Blank lines are skipped. The first non-blank line is skipped as a header if any of its
/// fields is not a number. No label column is assumed: every column is an input value.
extension InputData {
    public static func parseCSV(_ bytes: [UInt8], path: String? = nil) throws(InputDataError) -> InputData {
        var samples: [[Double]] = []
        var expected: Int?
        var sawFirstRow = false
        var lineNumber = 0
        var lineStart = 0
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            lineNumber += 1
            defer { lineStart = lineEnd + 1 }
            var line = bytes[lineStart..<lineEnd]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }

            let fields = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map(trimmed)
            let isFirstRow = !sawFirstRow
            sawFirstRow = true
            if isFirstRow && fields.contains(where: { DecimalNumber.parse($0) == nil && !isNonFiniteWord($0) }) {
                continue  // header row
            }
            var row: [Double] = []
            row.reserveCapacity(fields.count)
            for (k, field) in fields.enumerated() {
                if let value = DecimalNumber.parse(field) {
                    row.append(value)
                } else if isNonFiniteWord(field) {
                    throw InputDataError(.nonFinite(sample: samples.count, index: k, value: nonFiniteValue(field)), path: path)
                } else {
                    throw InputDataError(.nonNumeric(line: lineNumber, column: k + 1, text: String(decoding: field, as: UTF8.self)), path: path)
                }
            }
            if let expected, row.count != expected {
                throw InputDataError(.raggedRow(line: lineNumber, expected: expected, found: row.count), path: path)
            }
            expected = row.count
            samples.append(row)
        }
        return try validated(InputData(samples: samples), path: path)
    }

    private static func trimmed(_ field: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var f = field
        while let b = f.first, b == 0x20 || b == 0x09 { f = f.dropFirst() }
        while let b = f.last, b == 0x20 || b == 0x09 { f = f.dropLast() }
        return f
    }

    /// `nan`, `inf`, `infinity` with optional sign, any case: values we reject by name rather
    /// than as "not a number", and that must not make the first row look like a header.
    private static func isNonFiniteWord(_ field: ArraySlice<UInt8>) -> Bool {
        var word = String(decoding: field, as: UTF8.self).lowercased()
        if word.hasPrefix("+") || word.hasPrefix("-") { word.removeFirst() }
        return word == "nan" || word == "inf" || word == "infinity"
    }

    private static func nonFiniteValue(_ field: ArraySlice<UInt8>) -> Double {
        let word = String(decoding: field, as: UTF8.self).lowercased()
        if word.hasSuffix("nan") { return .nan }
        return word.hasPrefix("-") ? -.infinity : .infinity
    }
}
