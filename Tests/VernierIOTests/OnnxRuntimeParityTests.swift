import Foundation
import Testing
import VernierCore
import VernierIO
import VernierTestSupport

/// Forward evaluation must match onnxruntime (fixtures from scripts/make_fixtures.py): within
/// `atol + rtol·|ref|` of the fixture's reference, and within 1e-9 relative of the float64
/// cross-check where onnxruntime itself had only a float32 kernel.
@Suite struct OnnxRuntimeParityTests {
    struct Fixture: Decodable {
        struct Crosscheck: Decodable { var outputs: [[Double]]; var rtol: Double; var atol: Double }
        var model: String
        var inputs: [[Double]]
        var outputs: [[Double]]
        var rtol: Double
        var atol: Double
        var float64_crosscheck: Crosscheck?
    }

    static let fixtures = TestPaths.packageRoot.appendingPathComponent("Tests/VernierIOTests/Fixtures")

    static func jsonFiles(_ folder: String) -> [String] {
        let dir = fixtures.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }

    static func compare(_ got: [Double], _ want: [Double], rtol: Double, atol: Double) -> String? {
        guard got.count == want.count else { return "output has \(got.count) values, reference \(want.count)" }
        for i in got.indices where !(abs(got[i] - want[i]) <= atol + rtol * abs(want[i])) {
            return "output[\(i)] = \(got[i]), reference \(want[i]) (rtol \(rtol), atol \(atol))"
        }
        return nil
    }

    @Test func testFixturesArePresent() {
        #expect(Self.jsonFiles("ops").count >= 100)
        #expect(Self.jsonFiles("shared-models").count >= 50)
    }

    @Test(arguments: jsonFiles("ops"))
    func testOperatorFixture_matchesOnnxRuntime(_ name: String) throws {
        let dir = Self.fixtures.appendingPathComponent("ops")
        let f = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: dir.appendingPathComponent(name)))
        let graph = try ModelFile.loadGraph(path: dir.appendingPathComponent(f.model).path)
        let outputs = graph.evaluate(batch: f.inputs)
        for (k, out) in outputs.enumerated() {
            if let problem = Self.compare(out, f.outputs[k], rtol: f.rtol, atol: f.atol) {
                Issue.record("\(name) sample \(k): \(problem)")
            }
            if let c = f.float64_crosscheck, let problem = Self.compare(out, c.outputs[k], rtol: c.rtol, atol: c.atol) {
                Issue.record("\(name) sample \(k) (float64 cross-check): \(problem)")
            }
        }
    }

    @Test(arguments: jsonFiles("shared-models"))
    func testSharedModel_matchesOnnxRuntime(_ name: String) throws {
        let f = try JSONDecoder().decode(Fixture.self,
            from: Data(contentsOf: Self.fixtures.appendingPathComponent("shared-models").appendingPathComponent(name)))
        let path = TestPaths.sharedBenchmarks.appendingPathComponent(f.model).path
        let graph = try ModelFile.loadGraph(path: path)
        let outputs = graph.evaluate(batch: f.inputs)
        for (k, out) in outputs.enumerated() {
            if let problem = Self.compare(out, f.outputs[k], rtol: f.rtol, atol: f.atol) {
                Issue.record("\(name) sample \(k): \(problem)")
            }
        }
    }
}
