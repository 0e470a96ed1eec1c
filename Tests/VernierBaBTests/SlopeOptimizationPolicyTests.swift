import Testing
import VernierCore
import VernierSpec
import VernierTestSupport
@testable import VernierBaB

/// When input splitting runs α-CROWN on the boxes CROWN leaves open, and that doing so keeps
/// its answers right.
@Suite struct SlopeOptimizationPolicyTests {
    static func tally(_ optimized: Int, refuted: Int) -> BoundingTally {
        BoundingTally(boundings: optimized, optimized: optimized, optimizedRefutations: refuted)
    }

    @Test func testPolicy_waitsForItsDomainCountAndNeverRunsWhenOff() {
        let policy = SlopeOptimizationPolicy(afterDomains: 100, minimumRate: 0.05)
        #expect(!policy.shouldOptimize(domains: 99, round: 8))
        #expect(policy.shouldOptimize(domains: 100, round: 1))
        let off = SlopeOptimizationPolicy(afterDomains: nil, minimumRate: 0)
        #expect(!(0..<20).contains { off.shouldOptimize(domains: 1_000_000, round: $0) })
    }

    @Test func testPolicy_keepsOptimisingWhileItRefutesAndProbesWhenItDoesNot() {
        var policy = SlopeOptimizationPolicy(afterDomains: 0, minimumRate: 0.05)
        // Warm-up: tried until it has seen enough boxes, whatever the rate.
        policy.record(Self.tally(100, refuted: 0))
        #expect(policy.shouldOptimize(domains: 10, round: 3))
        // 0 refutations in 300 boxes: only every `probeInterval`-th round.
        policy.record(Self.tally(200, refuted: 0))
        let rounds = (1...32).filter { policy.shouldOptimize(domains: 10, round: $0) }
        #expect(rounds == [8, 16, 24, 32])
        // The rate climbs back above 5 % (here 40/340 ≈ 12 %): on every round again.
        policy.record(Self.tally(40, refuted: 40))
        #expect(policy.shouldOptimize(domains: 10, round: 3))
    }

    @Test func testPolicy_forgetsOldRoundsButKeepsTheRate() {
        var policy = SlopeOptimizationPolicy(afterDomains: 0, minimumRate: 0.05)
        for _ in 0..<50 { policy.record(Self.tally(100, refuted: 10)) }
        #expect(policy.tried <= policy.window)
        #expect(abs(policy.refuted / policy.tried - 0.1) < 1e-12)
        // A long run of failures after many successes turns it off within one window.
        for _ in 0..<40 { policy.record(Self.tally(100, refuted: 0)) }
        #expect(!policy.shouldOptimize(domains: 10, round: 3))
    }

    /// α-CROWN on every open box (from the first) against the grid ground truth of
    /// `InputSplitBaBTests`: violated properties are never verified, properties that hold with a
    /// margin are verified, and the optimised bounds do refute boxes on the way.
    @Test func testInputSplitWithSlopeOptimization_agreesWithGridGroundTruth() throws {
        var refutedByAlpha = 0
        for seed in UInt64(0)..<8 {
            let graph = try GraphBuilder().build(RandomNetworks.mlp(inputs: 2, widths: [8, 8], outputs: 2, activation: "Relu", seed: 900 + seed))
            let truth = InputSplitBaBTests.groundTruth(graph, steps: 200)
            var bab = InputSplitBaB(graph: graph)
            bab.options.alphaAfterDomains = 0
            bab.options.alphaMinimumRate = 0
            let sat = InputSplitBaBTests.property(threshold: truth.minimum + 1e-9)
            switch bab.run(sat, region: 0, shouldStop: { false }).0 {
            case .verified: Issue.record("seed \(seed): verified a property violated at \(truth.at)")
            case .counterexample(let x): #expect(sat.isViolated(input: x, output: graph.evaluate(x)))
            case .unknown, .timeout: Issue.record("seed \(seed): no answer on a violated property")
            }
            let unsat = InputSplitBaBTests.property(threshold: truth.minimum - truth.lipschitz * truth.step - 1e-6)
            let (outcome, stats) = bab.run(unsat, region: 0, shouldStop: { false })
            if case .verified = outcome {} else { Issue.record("seed \(seed): expected verified, got \(outcome)") }
            #expect(stats.optimized > 0 || stats.domains == 1, "seed \(seed): α-CROWN never ran")
            refutedByAlpha += stats.optimizedRefutations
        }
        #expect(refutedByAlpha > 0)
    }
}
