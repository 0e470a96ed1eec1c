import Foundation
import Testing
import VernierCore
import VernierTestSupport
@testable import VernierIO

@Suite("Tensor byte encoding and base64 tensors")
struct TensorEncodingTests {
    @Test("raw bytes are little-endian in the dtype's layout")
    func littleEndianLayout() throws {
        func bytes(_ t: TensorData) throws -> [UInt8] { [UInt8](try TensorBytes.encode(t, location: "t")) }
        #expect(try bytes(TensorData(name: "", shape: [1], doubles: [1], dtype: .float32)) == [0x00, 0x00, 0x80, 0x3F])
        #expect(try bytes(TensorData(name: "", shape: [1], doubles: [1], dtype: .float64)) == [0, 0, 0, 0, 0, 0, 0xF0, 0x3F])
        #expect(try bytes(TensorData(name: "", shape: [1], doubles: [1], dtype: .float16)) == [0x00, 0x3C])
        #expect(try bytes(TensorData(name: "", shape: [1], int64s: [-2])) == [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(try bytes(TensorData(name: "", shape: [2], dtype: .int32, storage: .integer([1, -1]))) == [1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(try bytes(TensorData(name: "", shape: [2], dtype: .int8, storage: .integer([-1, 5]))) == [0xFF, 5])
        #expect(try bytes(TensorData(name: "", shape: [2], dtype: .bool, storage: .integer([1, 0]))) == [1, 0])
    }

    @Test("every dtype decodes what it encodes")
    func encodeDecode() throws {
        for t in TestDocuments.everyDType {
            let data = try TensorBytes.encode(t, location: t.name)
            #expect(data.count == t.count * TensorBytes.width(of: t.dtype))
            let back = try TensorBytes.decode(data, dtype: t.dtype, count: t.count, location: t.name)
            #expect(back == t.storage, "\(t.name)")
        }
    }

    @Test("float16: all 65536 bit patterns survive decode and encode; rounding is to nearest even")
    func halfPrecision() {
        var mismatches = 0
        for bits in 0...UInt16.max {
            let v = HalfPrecision.double(fromBits: bits)
            if v.isNaN { continue }
            if HalfPrecision.bits(from: v) != bits { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(HalfPrecision.double(fromBits: 0x7BFF) == 65504)
        #expect(HalfPrecision.double(fromBits: 0x0001) == 0x1p-24)
        #expect(HalfPrecision.bits(from: 65520) == 0x7C00)             // halfway to 2^16 rounds to infinity
        #expect(HalfPrecision.bits(from: 65519.99) == 0x7BFF)
        #expect(HalfPrecision.bits(from: 1 + 0x1p-11) == 0x3C00)      // tie → even (down)
        #expect(HalfPrecision.bits(from: 1 + 3 * 0x1p-11) == 0x3C02)  // tie → even (up)
        #expect(HalfPrecision.bits(from: 0x1p-25) == 0x0000)          // tie between 0 and the least subnormal
        #expect(HalfPrecision.bits(from: 0x1.8p-25) == 0x0001)
        #expect(HalfPrecision.bits(from: 0x1.FFFp-15) == 0x0400)      // subnormal rounding up into the normals
        #expect(HalfPrecision.bits(from: -.infinity) == 0xFC00)
        #expect(HalfPrecision.double(fromBits: 0x7E00).isNaN)
    }

    @Test("the writer switches to base64 above the threshold and the reader takes it back exactly")
    func base64Threshold() throws {
        var rng = SeededGenerator(seed: 3)
        let big = TensorData(name: "big", shape: [4097], doubles: rng.uniformArray(4097, -1...1).map { Double(Float($0)) }, dtype: .float32)
        let small = TensorData(name: "small", shape: [4096], doubles: rng.uniformArray(4096, -1...1), dtype: .float64)
        let doc = ModelDocument(initializers: [big, small])
        let text = try JSONModelWriter().text(doc)
        let lines = text.split(separator: "\n")
        #expect(lines.first { $0.contains("\"big\"") }?.contains("\"data_base64\"") == true)
        #expect(lines.first { $0.contains("\"small\"") }?.contains("\"data\": [") == true)
        #expect(try TestDocuments.readJSON(text) == doc)

        // Threshold 0: every tensor, of every dtype, as base64.
        let all = ModelDocument(initializers: TestDocuments.everyDType.filter { $0.count > 0 })
        let allText = try JSONModelWriter(base64Threshold: 0).text(all)
        #expect(!allText.contains("\"data\":"))
        #expect(try TestDocuments.readJSON(allText) == all)
    }

    @Test("base64 data of a hand-written file is little-endian float32 by default")
    func base64Reading() throws {
        // [1.0, -2.0] as float32 little-endian: 00 00 80 3F 00 00 00 C0.
        let b64 = Data([0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0]).base64EncodedString()
        let doc = try TestDocuments.readJSON("""
        {"format": "vernier-model/1", "inputs": [], "outputs": [], "nodes": [],
         "initializers": [{"name": "w", "shape": [2], "data_base64": "\(b64)"}]}
        """)
        #expect(doc.initializers[0] == TensorData(name: "w", shape: [2], doubles: [1, -2], dtype: .float32))
    }

    @Test("non-finite tensor values go to base64 (JSON numbers cannot hold them) and come back")
    func nonFiniteTensor() throws {
        let t = TensorData(name: "w", shape: [3], doubles: [1, .infinity, -.infinity], dtype: .float64)
        let text = try JSONModelWriter().text(ModelDocument(initializers: [t]))
        #expect(text.contains("data_base64"))
        #expect(try TestDocuments.readJSON(text).initializers == [t])
    }

    @Test("writers reject tensors whose values do not fit their dtype or shape")
    func writerValidation() {
        let cases: [(TensorData, String)] = [
            (TensorData(name: "w", shape: [3], doubles: [1, 2], dtype: .float32), "has 2 values but shape [3] needs 3"),
            (TensorData(name: "w", shape: [1], dtype: .uint8, storage: .integer([256])), "out of range for uint8"),
            (TensorData(name: "w", shape: [1], dtype: .int64, storage: .floating([1.5])), "not a valid int64"),
            (TensorData(name: "w", shape: [-1], doubles: [], dtype: .float32), "negative dimension"),
        ]
        for (t, message) in cases {
            let doc = ModelDocument(initializers: [t])
            let e1 = #expect(throws: ModelFileError.self) { try ONNXWriter().write(doc) }
            #expect(e1?.description.contains(message) == true, "\(String(describing: e1))")
            #expect(e1?.description.contains("initializer 'w'") == true)
            let e2 = #expect(throws: ModelFileError.self) { try JSONModelWriter().write(doc) }
            #expect(e2?.description.contains(message) == true, "\(String(describing: e2))")
            #expect(e2?.description.contains("initializers[0]") == true)
        }
    }

    @Test("integer values held as Double are accepted when whole and in range")
    func integerFromDouble() throws {
        let t = TensorData(name: "shape", shape: [2], doubles: [1, -1], dtype: .int64)
        let doc = try TestDocuments.onnxRoundTrip(ModelDocument(initializers: [t]))
        #expect(doc.initializers[0].storage == .integer([1, -1]))
    }
}
