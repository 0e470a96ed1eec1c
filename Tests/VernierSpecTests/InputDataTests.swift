import Foundation
import Testing
@testable import VernierSpec

/// Builds `.npy` bytes the way NumPy writes them (header padded to a multiple of 64 bytes).
func npyBytes(descr: String, shape: [Int], fortran: Bool = false, major: UInt8 = 1, shapeText: String? = nil,
              payload: [UInt8]) -> [UInt8] {
    let shapeText = shapeText
        ?? (shape.isEmpty ? "()" : shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")")
    var header = Array("{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shapeText), }".utf8)
    let prefix = major == 1 ? 10 : 12
    while (prefix + header.count + 1) % 64 != 0 { header.append(0x20) }
    header.append(0x0A)
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [major, 0]
    if major == 1 {
        bytes += [UInt8(header.count & 0xFF), UInt8(header.count >> 8)]
    } else {
        bytes += [UInt8(header.count & 0xFF), UInt8((header.count >> 8) & 0xFF), 0, 0]
    }
    return bytes + header + payload
}

func littleEndian<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
    values.flatMap { v in withUnsafeBytes(of: v.littleEndian) { Array($0) } }
}

func float32Payload(_ values: [Float]) -> [UInt8] { littleEndian(values.map(\.bitPattern)) }
func float64Payload(_ values: [Double]) -> [UInt8] { littleEndian(values.map(\.bitPattern)) }

/// The error a reader throws, or nil.
func dataError(_ body: () throws -> InputData) -> InputDataError? {
    do {
        _ = try body()
        return nil
    } catch let error as InputDataError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}

@Suite struct NPYTests {
    @Test func float32BatchWithSampleShape() throws {
        let values: [Float] = [0, 0.5, 1, 1.5, 2, 2.5, -3, 0.1, 7, 8, 9, 10]
        let data = try InputData.parseNPY(npyBytes(descr: "<f4", shape: [2, 2, 3], payload: float32Payload(values)))
        #expect(data.samples == [values[0..<6].map(Double.init), values[6..<12].map(Double.init)])
        #expect(data.sampleShape == [2, 3])
        #expect(data.labels == nil)
        #expect(data.samples[1][1] == Double(Float(0.1)))
    }

    @Test func allDTypesAndVersions() throws {
        let f8 = try InputData.parseNPY(npyBytes(descr: "<f8", shape: [3], major: 2, payload: float64Payload([0.1, -2, 1e300])))
        #expect(f8.samples == [[0.1, -2, 1e300]])
        #expect(f8.sampleShape == [3])
        let i4 = try InputData.parseNPY(npyBytes(descr: "<i4", shape: [1, 2], major: 3, payload: littleEndian([Int32(-7), 2_000_000_000])))
        #expect(i4.samples == [[-7, 2_000_000_000]])
        let i8 = try InputData.parseNPY(npyBytes(descr: "<i8", shape: [2, 1], payload: littleEndian([Int64(-1), 1 << 40])))
        #expect(i8.samples == [[-1], [Double(1 << 40)]])
        let u1 = try InputData.parseNPY(npyBytes(descr: "|u1", shape: [1, 3], payload: [0, 128, 255]))
        #expect(u1.samples == [[0, 128, 255]])
        let scalar = try InputData.parseNPY(npyBytes(descr: "<f8", shape: [], payload: float64Payload([4.5])))
        #expect(scalar.samples == [[4.5]])
        #expect(scalar.sampleShape == [])
    }

    @Test func errors() {
        let good = float32Payload([1, 2, 3, 4])
        #expect(dataError { try InputData.parseNPY(npyBytes(descr: "<f4", shape: [2, 2], fortran: true, payload: good)) }?.kind == .npyFortranOrder)
        #expect(dataError { try InputData.parseNPY(npyBytes(descr: ">f4", shape: [2, 2], payload: good)) }?.kind == .npyUnsupportedDType(">f4"))
        #expect(dataError { try InputData.parseNPY(npyBytes(descr: "<c16", shape: [1], payload: good)) }?.kind == .npyUnsupportedDType("<c16"))
        #expect(dataError { try InputData.parseNPY(npyBytes(descr: "<f4", shape: [2, 2], payload: Array(good.dropLast(3)))) }?.kind
            == .truncated(expectedBytes: 16, foundBytes: 13))
        #expect(dataError { try InputData.parseNPY(npyBytes(descr: "<f4", shape: [2, 2], payload: good + [0])) }?.kind == .trailingBytes(1))
        #expect(dataError { try InputData.parseNPY(npyBytes(descr: "<f4", shape: [0, 2], payload: [])) }?.kind == .noSamples)
        #expect(dataError { try InputData.parseNPY(Array("PK\u{3}\u{4}not numpy".utf8)) }?.kind == .npyBadMagic)
        #expect(dataError { try InputData.parseNPY(npyBytes(descr: "<f4", shape: [4], major: 4, payload: good)) }?.kind
            == .npyUnsupportedVersion(major: 4, minor: 0))
        let nan = dataError {
            try InputData.parseNPY(npyBytes(descr: "<f4", shape: [2, 2], payload: float32Payload([1, 2, 3, .nan])), path: "x.npy")
        }
        guard case .nonFinite(1, 1, let v)? = nan?.kind else { Issue.record("expected nonFinite, got \(String(describing: nan))"); return }
        #expect(v.isNaN)
        #expect(nan?.description == "x.npy: sample 1, index 1: value nan is not finite")
        let inf = dataError { try InputData.parseNPY(npyBytes(descr: "<f8", shape: [3], payload: float64Payload([1, -.infinity, 3]))) }
        #expect(inf?.kind == .nonFinite(sample: 0, index: 1, value: -.infinity))
    }

    @Test func malformedHeader() {
        let bytes = npyBytes(descr: "<f4", shape: [1], shapeText: "'1'", payload: float32Payload([1]))
        #expect(dataError { try InputData.parseNPY(bytes) }?.kind == .npyMalformedHeader("unexpected value for 'shape'"))
    }
}

@Suite struct CSVTests {
    @Test func rowsWithHeaderAndBlankLines() throws {
        let text = "a,b,c\r\n1, 2.5 ,-3e-1\r\n\n.5,0,7\n"
        let data = try InputData.parseCSV(Array(text.utf8))
        #expect(data.samples == [[1, 2.5, -0.3], [0.5, 0, 7]])
        #expect(data.sampleShape == nil)
        #expect(data.labels == nil)
    }

    @Test func numericFirstRowIsData() throws {
        let data = try InputData.parseCSV(Array("1,2\n3,4".utf8))
        #expect(data.samples == [[1, 2], [3, 4]])
    }

    @Test func errors() {
        #expect(dataError { try InputData.parseCSV(Array("1,2\n3\n".utf8)) }?.kind
            == .raggedRow(line: 2, expected: 2, found: 1))
        #expect(dataError { try InputData.parseCSV(Array("x,y\n1,2\n3,four\n".utf8)) }?.kind
            == .nonNumeric(line: 3, column: 2, text: "four"))
        #expect(dataError { try InputData.parseCSV(Array("1,2\n3,\n".utf8)) }?.kind
            == .nonNumeric(line: 2, column: 2, text: ""))
        // A NaN in the first row is reported, not mistaken for a header.
        let nan = dataError { try InputData.parseCSV(Array("1,NaN\n".utf8)) }
        guard case .nonFinite(0, 1, let v)? = nan?.kind else { Issue.record("expected nonFinite, got \(String(describing: nan))"); return }
        #expect(v.isNaN)
        #expect(dataError { try InputData.parseCSV(Array("1,2\n-inf,1\n".utf8)) }?.kind
            == .nonFinite(sample: 1, index: 0, value: -.infinity))
        #expect(dataError { try InputData.parseCSV(Array("1,1e999\n".utf8)) }?.kind
            == .nonFinite(sample: 0, index: 1, value: .infinity))
        #expect(dataError { try InputData.parseCSV(Array("only,a,header\n".utf8)) }?.kind == .noSamples)
        #expect(dataError { try InputData.parseCSV([]) }?.kind == .noSamples)
    }
}

@Suite struct JSONTests {
    @Test func layouts() throws {
        let flat = try InputData.parseJSON(Array("[1, -2.5e-1, 3]".utf8))
        #expect(flat.samples == [[1, -0.25, 3]])
        #expect(flat.sampleShape == [3])
        let rows = try InputData.parseJSON(Array("[[1,2],[3,4],[5,6]]".utf8))
        #expect(rows.samples == [[1, 2], [3, 4], [5, 6]])
        #expect(rows.sampleShape == [2])
        let images = try InputData.parseJSON(Array("[[[1,2],[3,4]], [[5,6],[7,8]]]".utf8))
        #expect(images.samples == [[1, 2, 3, 4], [5, 6, 7, 8]])
        #expect(images.sampleShape == [2, 2])
        let labelled = try InputData.parseJSON(Array(#"{"labels": [3, 0], "note": "x", "inputs": [[0.5], [0.25]]}"#.utf8))
        #expect(labelled.samples == [[0.5], [0.25]])
        #expect(labelled.labels == [3, 0])
    }

    @Test func errors() {
        func kind(_ text: String) -> InputDataError.Kind? {
            dataError { try InputData.parseJSON(Array(text.utf8)) }?.kind
        }
        #expect(kind("[[1,2],[3]]") == .raggedArray(path: "[1]", expectedShape: [2], foundShape: [1]))
        #expect(kind(#"{"inputs": [[[1],[2]], [[1,2]]]}"#) == .raggedArray(path: "inputs[1]", expectedShape: [2, 1], foundShape: [1, 2]))
        #expect(kind("[[1,2],[3,[4]]]") == .raggedArray(path: "[1][1]", expectedShape: [], foundShape: [1]))
        guard case .nonFinite(0, 1, let v)? = kind("[1, NaN]") else { Issue.record("expected nonFinite"); return }
        #expect(v.isNaN)
        #expect(kind("[[1],[Infinity]]") == .nonFinite(sample: 1, index: 0, value: .infinity))
        #expect(kind("[1, 1e999]") == .nonFinite(sample: 0, index: 1, value: .infinity))
        #expect(kind("[1, \"2\"]") == .jsonUnexpected(path: "[1]", expected: "a number", found: "a string"))
        #expect(kind("[[1], true]") == .jsonUnexpected(path: "[1]", expected: "an array", found: "a boolean"))
        #expect(kind("3") == .jsonUnexpected(path: "$", expected: "an array or an object with \"inputs\"", found: "a number"))
        #expect(kind(#"{"input": [1]}"#) == .jsonUnexpected(path: "$", expected: "an \"inputs\" member", found: "none"))
        #expect(kind(#"{"inputs": [[1],[2]], "labels": [1]}"#) == .labelCountMismatch(samples: 2, labels: 1))
        #expect(kind(#"{"inputs": [[1],[2]], "labels": [1, 2.5]}"#) == .invalidLabel(index: 1, value: "2.5"))
        #expect(kind(#"{"inputs": [[1],[2]], "labels": [1, -1]}"#) == .invalidLabel(index: 1, value: "-1.0"))
        #expect(kind("[]") == .noSamples)
        #expect(kind("[[]]") == .emptySample(sample: 0))
        #expect(kind("[1, 2\n, ]") == .jsonSyntax(line: 2, column: 3, message: "expected a value"))
        #expect(kind("[1, 2") == .jsonSyntax(line: 1, column: 6, message: "unexpected end of file, expected ',' or ']'"))
        #expect(kind("[1] x") == .jsonSyntax(line: 1, column: 5, message: "unexpected text after the JSON value"))
        #expect(kind(String(repeating: "[", count: 100) + String(repeating: "]", count: 100))
            == .jsonSyntax(line: 1, column: 66, message: "nesting deeper than 64 levels"))
    }
}

@Suite struct InputDataLoadTests {
    private func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vernier-spec-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func dispatchesOnExtension() throws {
        let npy = try temporaryFile("x.NPY", npyBytes(descr: "<f8", shape: [1, 2], payload: float64Payload([1, 2])))
        #expect(try InputData.load(path: npy).samples == [[1, 2]])
        let csv = try temporaryFile("x.csv", Array("1,2\n".utf8))
        #expect(try InputData.load(path: csv).samples == [[1, 2]])
        let json = try temporaryFile("x.json", Array("[1,2]".utf8))
        #expect(try InputData.load(path: json).samples == [[1, 2]])
    }

    @Test func errorsCarryThePath() throws {
        let csv = try temporaryFile("bad.csv", Array("1,2\n3\n".utf8))
        let e = dataError { try InputData.load(path: csv) }
        #expect(e?.path == csv)
        #expect(e?.description == "\(csv): row at line 2 has 1 values, expected 2 like the first row")
        #expect(dataError { try InputData.load(path: "/tmp/data.txt") }?.kind == .unsupportedFormat(extension: ".txt"))
        #expect(dataError { try InputData.load(path: "/tmp/data") }?.kind == .unsupportedFormat(extension: "(none)"))
        guard case .cannotRead? = dataError({ try InputData.load(path: "/nonexistent/x.json") })?.kind else {
            Issue.record("expected cannotRead")
            return
        }
    }
}
