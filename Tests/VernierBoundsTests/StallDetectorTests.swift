import Testing
@testable import VernierBounds
import VernierCore
import VernierTestSupport

/// α-CROWN's early stop: patience counts only steps without progress, and a run that keeps
/// improving uses its whole iteration budget.
@Suite struct StallDetectorTests {
    /// `shouldStop` through a plain function: `#expect` cannot call a mutating member itself.
    func record(_ stall: inout StallDetector, _ objective: Double) -> Bool {
        stall.shouldStop(after: objective)
    }

    @Test func testFirstFiniteObjective_isProgress() {
        var stall = StallDetector(patience: 3)
        #expect(!record(&stall, -5))
        #expect(stall.best == -5)
        #expect(stall.stale == 0)
    }

    @Test func testSteadyProgress_neverStops() {
        var stall = StallDetector(patience: 2)
        for k in 0..<100 {
            #expect(!record(&stall, -100 + Double(k)), "stopped at step \(k) although every step improved")
        }
    }

    @Test func testStalledObjective_stopsAfterPatience() {
        var stall = StallDetector(patience: 4)
        #expect(!record(&stall, 1))
        // Equal, worse, and better only by rounding noise: none is progress.
        #expect(!record(&stall, 1))
        #expect(!record(&stall, 0.5))
        #expect(!record(&stall, 1 + 1e-15))
        #expect(record(&stall, 1))
    }

    @Test func testProgress_resetsTheCount() {
        var stall = StallDetector(patience: 2)
        _ = stall.shouldStop(after: 0)
        #expect(!record(&stall, 0))
        #expect(!record(&stall, 0.25))
        #expect(!record(&stall, 0.25))
        #expect(record(&stall, 0.25))
    }

    @Test func testNonFiniteObjectives_areNotProgress() {
        var stall = StallDetector(patience: 2)
        #expect(!record(&stall, -.infinity))
        #expect(record(&stall, .nan))
        #expect(stall.best == -.infinity)
    }

    /// The whole budget is spent while the bound improves: with the old NaN comparison every run
    /// stopped after exactly `patience` steps.
    @Test func testImprovingRun_usesMoreThanPatienceSteps() throws {
        let graph = try GraphBuilder().build(RandomNetworks.mlp(inputs: 3, widths: [8, 8], outputs: 2, activation: "Sigmoid", seed: 7))
        var options = AlphaCROWN.Options()
        options.optimizeIntermediate = false
        options.iterations = 60
        options.patience = 10
        options.lowerOnly = true
        let c = CoefficientMatrix(rows: 1, columns: 2, data: [1, -1])
        let result = try AlphaCROWN(graph: graph, options: options)
            .bounds(lower: [-1, -1, -1], upper: [1, 1, 1], specification: c)
        #expect(result.iterations > options.patience, "stopped after \(result.iterations) steps")
        #expect(result.lower[0] >= result.crownLower[0])
    }
}
