import Testing
import VernierCore
import VernierSpec
import VernierTestSupport
@testable import VernierBaB

/// The order in which input splitting visits its open boxes: each batch (and each sub-box attack)
/// takes some boxes by worst certified margin and the rest by largest probe margin, so a small
/// violating pocket where the bounds are not the loosest is still reached.
@Suite struct InputSplitOrderTests {
    static func domain(margin: Double, probe: Double) -> InputDomain {
        var d = InputDomain(lower: [0], upper: [1], open: [0], margin: margin, depth: 0)
        d.probeMargin = probe
        return d
    }

    static func graph() throws -> Graph {
        try GraphBuilder().build(RandomNetworks.mlp(inputs: 2, widths: [8], outputs: 2, activation: "Relu", seed: 3))
    }

    @Test func testBatch_takesWorstMarginsThenLargestProbeMargins() throws {
        var bab = InputSplitBaB(graph: try Self.graph())
        bab.options.batchSize = 4
        bab.options.worstShare = 0.5
        // Sorted as the search keeps it: best certified margin first, worst last.
        let margins = [-1.0, -2, -3, -4, -5, -6, -7, -8]
        let probes = [-0.5, -9, -0.1, -9, -0.3, -9, -0.01, -0.02]
        var queue = zip(margins, probes).map { Self.domain(margin: $0, probe: $1) }
        let batch = bab.takeBatch(&queue)
        // The two worst (−8, −7), then the two largest probe margins among the rest (−0.1, −0.3).
        #expect(batch.map(\.margin) == [-7, -8, -3, -5])
        // The rest keeps its order, nothing lost or duplicated.
        #expect(queue.map(\.margin) == [-1, -2, -4, -6])
    }

    @Test func testBatch_allByWorstMarginWhenShareIsOne() throws {
        var bab = InputSplitBaB(graph: try Self.graph())
        bab.options.batchSize = 3
        bab.options.worstShare = 1
        var queue = [-1.0, -2, -3, -4].map { Self.domain(margin: $0, probe: -$0) }
        let batch = bab.takeBatch(&queue)
        #expect(batch.map(\.margin) == [-2, -3, -4])
        #expect(queue.map(\.margin) == [-1])
        // A queue smaller than a batch is taken whole.
        var small = [Self.domain(margin: -1, probe: 0)]
        #expect(bab.takeBatch(&small).count == 1 && small.isEmpty)
    }

    @Test func testAttackTargets_mixWorstAndClosestWithoutRepeats() throws {
        var bab = InputSplitBaB(graph: try Self.graph())
        bab.options.attackedDomains = 4
        let queue = [(-1.0, -0.2), (-2, -0.9), (-3, -0.05), (-4, -0.7), (-5, -0.01)].map { Self.domain(margin: $0.0, probe: $0.1) }
        let targets = bab.attackTargets(queue)
        // Worst two (−5, −4), then the largest probe margins among the others (−3: −0.05, −1: −0.2);
        // −5's own probe margin is the largest of all but it is already a target.
        #expect(targets.map(\.margin) == [-5, -4, -3, -1])
        // Domains never probed (−∞) are not chosen as "closest": only the two worst remain.
        let unprobed = [-1.0, -2, -3, -4].map { Self.domain(margin: $0, probe: -.infinity) }
        #expect(bab.attackTargets(unprobed).map(\.margin) == [-4, -3])
    }

    /// A bounded open domain's probe margin is the largest violation margin at its probes: at
    /// least the centre's, and below 0 (the property holds, so no probe violates it).
    @Test func testProbeMargin_isAtLeastTheCentres() throws {
        let graph = try Self.graph()
        let box = InputBox(lower: [-1, -1], upper: [1, 1])
        let centre = graph.evaluate([0, 0])
        // Unsat by the grid ground truth of `InputSplitBaBTests`, and tight enough that CROWN on
        // the whole box leaves it open.
        let truth = InputSplitBaBTests.groundTruth(graph, steps: 200)
        let property = InputSplitBaBTests.property(threshold: truth.minimum - truth.lipschitz * truth.step - 1e-6)
        let bab = InputSplitBaB(graph: graph)
        let root = InputDomain(lower: box.lower, upper: box.upper, open: [0], margin: -.infinity, depth: 0)
        var tally = BoundingTally()
        let evaluation = bab.evaluate(root, region: property.regions[0], property: property, tally: &tally)
        #expect(tally.boundings == 1 && tally.optimized == 0)
        switch evaluation {
        case .open(let bounded):
            let atCentre = property.regions[0].violation[0].margin(centre)
            #expect(bounded.probeMargin >= atCentre)
            #expect(bounded.probeMargin < 0)
        case .violation(let x):
            Issue.record("a probe violates a property that holds: \(x)")
        case .refuted:
            Issue.record("CROWN refuted the whole box; the test needs an open one")
        case .failed(let message):
            Issue.record("bounding failed: \(message)")
        }
    }
}
