import Testing
import VernierCore
import VernierSpec
import VernierTestSupport
@testable import VernierBaB

/// Input splitting's memory cap: queued domains first drop their inherited bounds (the search
/// goes on, and its answer stays right), and only a queue too large even without them ends the
/// region as unknown.
@Suite struct InputSplitMemoryTests {
    static func setUp() throws -> (Graph, Property) {
        let graph = try GraphBuilder().build(RandomNetworks.mlp(inputs: 2, widths: [16, 16], outputs: 2, activation: "Relu", seed: 6))
        let truth = InputSplitBaBTests.groundTruth(graph, steps: 200)
        return (graph, InputSplitBaBTests.property(threshold: truth.minimum - truth.lipschitz * truth.step - 1e-6))
    }

    @Test func testCapBelowTheBoundedQueue_dropsInheritedBoundsAndStillVerifies() throws {
        let (graph, unsat) = try Self.setUp()
        var bab = InputSplitBaB(graph: graph)
        bab.options.batchSize = 4
        let (outcome, free) = bab.run(unsat, region: 0, shouldStop: { false })
        if case .verified = outcome {} else { Issue.record("uncapped: expected verified, got \(outcome)") }
        #expect(!free.droppedInheritedBounds)

        // Room for one domain with its bounds and a few without: the queue of 2 after the first
        // split sheds the bounds, and the search then fits (it passes only if no queue exceeded 3).
        let (plain, bounds) = bab.domainBytes()
        #expect(bounds > 0 && plain > 0)
        bab.options.batchSize = 1
        bab.options.memoryLimitBytes = 2 * plain + bounds
        let (capped, stats) = bab.run(unsat, region: 0, shouldStop: { false })
        if case .verified = capped {} else { Issue.record("capped: expected verified, got \(capped)") }
        #expect(stats.droppedInheritedBounds)
        #expect(stats.domains > 1)
    }

    @Test func testCapBelowEvenThePlainQueue_endsUnknown() throws {
        let (graph, unsat) = try Self.setUp()
        var bab = InputSplitBaB(graph: graph)
        bab.options.memoryLimitBytes = 1
        let (outcome, _) = bab.run(unsat, region: 0, shouldStop: { false })
        guard case .unknown(let reason) = outcome else { Issue.record("expected unknown, got \(outcome)"); return }
        #expect(reason.contains("memory cap"))
    }
}
