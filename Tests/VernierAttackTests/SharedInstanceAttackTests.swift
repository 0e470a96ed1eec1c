import Foundation
import Testing
import VernierAttack
import VernierCore
import VernierIO
import VernierSpec
import VernierTestSupport

/// PGD on real VNN-COMP instances from the shared benchmark folder.
@Suite struct SharedInstanceAttackTests {
    static func load(_ folder: String, onnx: String, vnnlib: String) throws -> (Graph, Property) {
        let dir = TestPaths.sharedBenchmarks.appendingPathComponent(folder)
        let graph = try ModelFile.loadGraph(path: dir.appendingPathComponent(onnx).path)
        let property = try VNNLib.load(path: dir.appendingPathComponent(vnnlib).path)
        return (graph, property)
    }

    /// Any reported violation must survive the caller's own re-check.
    static func expectRechecks(_ result: AttackResult, _ graph: Graph, _ property: Property) {
        guard result.violates else { return }
        guard let c = result.candidate else { Issue.record("violation without a candidate"); return }
        #expect(property.regions[c.region].box.contains(c.input))
        #expect(property.isViolated(input: c.input, output: graph.evaluate(c.input)))
    }

    @Test func testVNNCOMP2021_testSat_isFalsified() throws {
        // ACAS Xu net 1-7 on property 3 (a four-row conjunction): known sat.
        let (graph, property) = try Self.load("vnncomp2021_test", onnx: "test_sat.onnx", vnnlib: "test_prop.vnnlib")
        let result = PGDAttack().search(graph, property: property)
        #expect(result.violates)
        Self.expectRechecks(result, graph, property)
    }

    @Test func testVNNCOMP2021_testUnsat_isNotFalsified() throws {
        // The same property on net 1-6 holds (known unsat), so nothing may be reported.
        let (graph, property) = try Self.load("vnncomp2021_test", onnx: "test_unsat.onnx", vnnlib: "test_prop.vnnlib")
        let result = PGDAttack(options: .init(restarts: 8, steps: 50)).search(graph, property: property)
        #expect(!result.violates)
        #expect(result.bestMargins.allSatisfy { $0 < 0 })
    }

    @Test(arguments: ["prop_0_0.05.vnnlib", "prop_1_0.05.vnnlib", "prop_2_0.05.vnnlib"])
    func testMNIST256x2_anyCounterexampleRechecks(vnnlib: String) throws {
        let (graph, property) = try Self.load("mnist_fc", onnx: "onnx/mnist-net_256x2.onnx", vnnlib: "vnnlib/" + vnnlib)
        let clock = ContinuousClock()
        var result: AttackResult?
        let elapsed = clock.measure { result = PGDAttack().search(graph, property: property) }
        let r = try #require(result)
        Self.expectRechecks(r, graph, property)
        #expect(r.candidate != nil)
        print("PGD mnist-net_256x2 \(vnnlib): violates=\(r.violates) best margin=\(r.bestMargins.max() ?? -.infinity) "
              + "time=\(elapsed) backward=\(r.statistics.backwardPasses) forward=\(r.statistics.forwardPasses)")
    }
}
