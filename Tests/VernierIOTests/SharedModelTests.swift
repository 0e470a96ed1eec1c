import Foundation
import Testing
import VernierCore
import VernierTestSupport
@testable import VernierIO

/// Every shared benchmark model, and every generated operator fixture, through both formats.
@Suite("Real models round-trip")
struct SharedModelTests {
    static let sharedModels = TestPaths.sharedFiles(withExtension: "onnx").map(\.path)

    static let fixtureModels: [String] = {
        let dir = TestPaths.packageRoot.appendingPathComponent("Tests/VernierIOTests/Fixtures/ops")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".onnx") }.sorted().map { dir.appendingPathComponent($0).path }
    }()

    @Test("the shared benchmark models are present")
    func sharedModelsPresent() {
        #expect(!Self.sharedModels.isEmpty,
                "no .onnx files under \(TestPaths.sharedBenchmarks.path); set VERNIER_SHARED to the folder holding benchmarks/")
    }

    @Test("shared model: ONNX → document → JSON → document and ONNX → bytes → document are equal",
          arguments: sharedModels)
    func sharedModel(path: String) throws {
        try Self.checkRoundTrips(path)
    }

    @Test("operator fixture: both round trips are equal", arguments: fixtureModels)
    func fixtureModel(path: String) throws {
        try Self.checkRoundTrips(path)
    }

    static func checkRoundTrips(_ path: String) throws {
        let doc = try ModelFile.load(path: path)
        #expect(!doc.nodes.isEmpty && !doc.inputs.isEmpty && !doc.outputs.isEmpty)
        #expect(doc.initializers.allSatisfy { $0.count == $0.shape.reduce(1, *) })

        let viaJSON = try TestDocuments.jsonRoundTrip(doc)
        #expect(firstDifference(viaJSON, doc) == nil, "JSON: \(firstDifference(viaJSON, doc) ?? "")")

        let bytes = try ONNXWriter().write(doc)
        let viaONNX = try ONNXReader().read(bytes)
        #expect(firstDifference(viaONNX, doc) == nil, "ONNX: \(firstDifference(viaONNX, doc) ?? "")")
        // Writing is deterministic: the same document gives the same bytes.
        #expect(try ONNXWriter().write(viaONNX) == bytes)
    }

    @Test("known facts of the ACAS Xu and MNIST models")
    func knownFacts() throws {
        let acas = try #require(Self.sharedModels.first { $0.hasSuffix("ACASXU_run2a_1_1_batch_2000.onnx") }, "ACAS Xu 1_1 missing")
        let a = try ModelFile.load(path: acas)
        #expect(a.irVersion == 3 && a.opsets == ["": 8] && a.name == "Network")
        #expect(a.producerName == "MATLAB Deep Learning Toolbox Converter for ONNX Model Format")
        // MATLAB lists every initializer as a graph input too; the reader keeps them.
        #expect(a.inputs.count == a.initializers.count + 1)
        #expect(a.inputs[0] == ValueInfo(name: "input_AvgImg", shape: [.fixed(1), .fixed(1), .fixed(1), .fixed(5)]))
        #expect(a.nodes.filter { $0.opType == "MatMul" }.count == 7)
        #expect(a.nodes.first { $0.opType == "Flatten" }?.attributes["axis"] == .int(1))

        let mnist = try #require(Self.sharedModels.first { $0.hasSuffix("mnist-net_256x2.onnx") }, "mnist-net_256x2 missing")
        let m = try ModelFile.load(path: mnist)
        #expect(m.initializers.first { $0.name == "layers.0.weight" }?.shape == [256, 784])
        #expect(m.nodes.filter { $0.opType == "Gemm" }.allSatisfy { $0.attributes["transB"] == .int(1) && $0.attributes["alpha"] == .float(1) })
    }
}
