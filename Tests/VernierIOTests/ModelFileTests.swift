import Foundation
import Testing
import VernierCore
import VernierTestSupport
@testable import VernierIO

@Suite("ModelFile: load and save by extension")
struct ModelFileTests {
    @Test("save and load in both formats, by extension")
    func saveLoad() throws {
        let dir = try CLIRunner.temporaryDirectory()
        for ext in ["json", "onnx", "JSON", "Onnx"] {
            let path = dir.appendingPathComponent("m.\(ext)").path
            var doc = TestDocuments.everything
            doc.irVersion = 8
            try ModelFile.save(doc, to: path)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect((bytes.first == UInt8(ascii: "{")) == (ext.lowercased() == "json"))
            let back = try ModelFile.load(path: path)
            #expect(firstDifference(back, doc) == nil, "\(ext): \(firstDifference(back, doc) ?? "")")
        }
    }

    @Test("an unknown extension is loaded by content")
    func sniffing() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let jsonPath = dir.appendingPathComponent("model.txt").path
        try ModelFile.save(TestDocuments.tiny, to: jsonPath, format: .json)
        #expect(try ModelFile.load(path: jsonPath) == TestDocuments.tiny)
        let onnxPath = dir.appendingPathComponent("model.bin").path
        try ModelFile.save(TestDocuments.tiny, to: onnxPath, format: .onnx)
        #expect(try ModelFile.load(path: onnxPath).nodes == TestDocuments.tiny.nodes)
        #expect(ModelFile.sniff(Data("\u{FEFF}  \n{}".utf8)) == .json)
        #expect(ModelFile.sniff(Data([0x08, 0x07])) == .onnx)
    }

    @Test("errors carry the path")
    func errorsCarryPath() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let missing = dir.appendingPathComponent("nope.onnx").path
        let e1 = #expect(throws: ModelFileError.self) { try ModelFile.load(path: missing) }
        #expect(e1?.kind == .io)
        #expect(e1?.description == "\(missing): no such file")

        let e2 = #expect(throws: ModelFileError.self) { try ModelFile.load(path: dir.path) }
        #expect(e2?.description == "\(dir.path): is a directory, not a model file")

        let bad = dir.appendingPathComponent("bad.json").path
        try Data("{\"format\": \"vernier-model/1\",\n \"inputs\": [}".utf8).write(to: URL(fileURLWithPath: bad))
        let e3 = #expect(throws: ModelFileError.self) { try ModelFile.load(path: bad) }
        #expect(e3?.description == "\(bad): line 2, column 13 (at inputs[0]): unexpected '}', expected a value")

        let e4 = #expect(throws: ModelFileError.self) { try ModelFile.save(TestDocuments.tiny, to: dir.appendingPathComponent("m.xyz").path) }
        #expect(e4?.kind == .unrecognizedFormat)
        #expect(e4?.path?.hasSuffix("m.xyz") == true)

        let e5 = #expect(throws: ModelFileError.self) {
            try ModelFile.save(TestDocuments.tiny, to: dir.appendingPathComponent("no/such/dir/m.json").path)
        }
        #expect(e5?.kind == .io)
        #expect(e5.map { !$0.description.contains("\n") } == true)
    }

    @Test("loadGraph reports builder errors with the path and the ModelError")
    func loadGraphErrors() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let path = dir.appendingPathComponent("custom.json").path
        var doc = TestDocuments.tiny
        doc.nodes[1].opType = "NoSuchOp"
        try ModelFile.save(doc, to: path)
        let e = #expect(throws: ModelFileError.self) { try ModelFile.loadGraph(path: path) }
        guard case .graph(let modelError)? = e?.kind else {
            Issue.record("expected a .graph error, got \(String(describing: e))")
            return
        }
        if OperatorRegistry.lowerings["Gemm"] != nil {
            #expect(modelError == .unsupportedOperator(opType: "NoSuchOp", node: "act", domain: ""))
        }
        #expect(e?.description == "\(path): \(modelError.description)")
    }

    @Test("loadGraph builds the example model",
          .enabled(if: OperatorRegistry.lowerings["Gemm"] != nil && OperatorRegistry.lowerings["Relu"] != nil,
                   "Gemm and Relu are not registered yet"))
    func loadGraph() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let path = dir.appendingPathComponent("tiny.onnx").path
        try ModelFile.save(TestDocuments.tiny, to: path)
        let graph = try ModelFile.loadGraph(path: path)
        #expect(graph.evaluate([1, 1]) == [3.5, 7, 10])
    }

    @Test("shared models build into graphs once their operators exist",
          arguments: SharedModelTests.sharedModels)
    func sharedModelsBuild(path: String) throws {
        let doc = try ModelFile.load(path: path)
        let missing = Set(doc.nodes.map(\.opType)).filter { OperatorRegistry.lowerings[$0] == nil }
        guard missing.isEmpty else { return }  // operators still being written by others
        let graph = try ModelFile.loadGraph(path: path)
        #expect(graph.inputCount > 0 && graph.outputCount > 0)
    }
}
