import Testing
import Synchronization
import VernierCore
import VernierSpec
import VernierBaB
import VernierTestSupport

/// Input splitting against ground truth from dense grids on tiny ReLU networks: properties with a
/// violation at a grid point must never be verified (and are falsified), properties whose threshold
/// lies below the grid minimum by more than the Lipschitz slack must be verified.
@Suite struct InputSplitBaBTests {
    /// Grid minimum of y0 − y1 over [-1, 1]², and an upper bound L on its L∞-Lipschitz constant.
    static func groundTruth(_ graph: Graph, steps: Int) -> (minimum: Double, at: [Double], lipschitz: Double, step: Double) {
        var best = Double.infinity, arg = [0.0, 0.0]
        var points = [[Double]]()
        for i in 0...steps { for j in 0...steps { points.append([-1 + 2 * Double(i) / Double(steps), -1 + 2 * Double(j) / Double(steps)]) } }
        for (x, y) in zip(points, graph.evaluate(batch: points)) where y[0] - y[1] < best {
            best = y[0] - y[1]
            arg = x
        }
        // |∂(y0−y1)/∂x|₁ ≤ Π ‖W‖∞ over layers (ReLU is 1-Lipschitz), a crude but valid bound.
        var l = 1.0
        for node in graph.nodes {
            guard let lin = node.op as? Linear else { continue }
            var norm = 0.0
            for r in 0..<lin.outFeatures {
                norm = max(norm, (0..<lin.inFeatures).reduce(0) { $0 + abs(lin.weights[r * lin.inFeatures + $1]) })
            }
            l *= norm
        }
        return (best, arg, 2 * l, 2 / Double(steps))
    }

    static func property(threshold: Double) -> Property {
        Property(inputCount: 2, outputCount: 2, regions: [Region(box: InputBox(lower: [-1, -1], upper: [1, 1]), violation: [
            Conjunction(constraints: [OutputConstraint(coefficients: [1, -1], rhs: threshold)])])])
    }

    /// Progress reports: with a zero interval one per round, counting up, with the global margin
    /// (the worst open one) never above 0 while domains remain open.
    @Test func testProgress_isReportedEveryRound() throws {
        let graph = try GraphBuilder().build(RandomNetworks.mlp(inputs: 2, widths: [8, 8], outputs: 2, activation: "Relu", seed: 901))
        let truth = Self.groundTruth(graph, steps: 200)
        var bab = InputSplitBaB(graph: graph)
        bab.options.progressInterval = 0
        bab.options.batchSize = 2
        let reports = Mutex<[BaBProgress]>([])
        let unsat = Self.property(threshold: truth.minimum - truth.lipschitz * truth.step - 1e-6)
        let (outcome, stats) = bab.run(unsat, region: 0, shouldStop: { false }, progress: { p in reports.withLock { $0.append(p) } })
        if case .verified = outcome {} else { Issue.record("expected verified, got \(outcome)") }
        let seen = reports.withLock { $0 }
        #expect(seen.count >= 2, "\(seen.count) reports for \(stats.domains) domains")
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.domains <= $1.domains })
        #expect(seen.allSatisfy { $0.open > 0 && $0.globalMargin <= 0 })
    }

    /// The sub-box attack hook: called on the worst open domains every `attackInterval` rounds;
    /// a violating candidate ends the search as a counterexample, a candidate that does not
    /// violate (or lies outside the region) is ignored and the search goes on to its answer.
    @Test func testSubdomainAttack_isCalledAndItsCandidatesAreChecked() throws {
        let graph = try GraphBuilder().build(RandomNetworks.mlp(inputs: 2, widths: [8, 8], outputs: 2, activation: "Relu", seed: 905))
        let truth = Self.groundTruth(graph, steps: 200)
        // A threshold just above the grid minimum: violated at `truth.at`, in a small pocket.
        let sat = Self.property(threshold: truth.minimum + 1e-3)
        var bab = InputSplitBaB(graph: graph)
        bab.options.batchSize = 1
        bab.options.attackInterval = 1
        let calls = Mutex<Int>(0)
        let point = truth.at
        bab.options.subdomainAttack = { _, _, _ in calls.withLock { $0 += 1 }; return point }
        let (found, _) = bab.run(sat, region: 0, shouldStop: { false })
        guard case .counterexample(let x) = found else { Issue.record("expected the attack's counterexample, got \(found)"); return }
        #expect(x == point)
        #expect(calls.withLock { $0 } >= 1)

        // Bogus candidates (a non-violating point, a point outside the box) never end the search.
        let unsat = Self.property(threshold: truth.minimum - truth.lipschitz * truth.step - 1e-6)
        let outside = [5.0, 5.0]
        bab.options.subdomainAttack = { lower, upper, round in
            round % 2 == 0 ? outside : zip(lower, upper).map { 0.5 * $0 + 0.5 * $1 }
        }
        let (outcome, _) = bab.run(unsat, region: 0, shouldStop: { false })
        if case .verified = outcome {} else { Issue.record("expected verified, got \(outcome)") }
    }

    @Test(arguments: UInt64(0)..<8, InputSplitBaB.Branching.allCases)
    func testInputSplit_agreesWithGridGroundTruth(_ seed: UInt64, _ branching: InputSplitBaB.Branching) throws {
        let graph = try GraphBuilder().build(RandomNetworks.mlp(inputs: 2, widths: [8, 8], outputs: 2, activation: "Relu", seed: 900 + seed))
        let truth = Self.groundTruth(graph, steps: 200)
        var bab = InputSplitBaB(graph: graph)
        bab.options.branching = branching

        // A violation exists (the grid argmin satisfies y0 − y1 <= threshold): never verified.
        let sat = Self.property(threshold: truth.minimum + 1e-9)
        let (outcome, _) = bab.run(sat, region: 0, shouldStop: { false })
        switch outcome {
        case .verified: Issue.record("seed \(seed): verified a property violated at \(truth.at)")
        case .counterexample(let x):
            let y = graph.evaluate(x)
            #expect(sat.isViolated(input: x, output: y), "candidate does not violate")
        case .unknown, .timeout: Issue.record("seed \(seed): no answer on a violated property")
        }

        // Holds with a margin above the grid's Lipschitz slack: verified.
        let unsat = Self.property(threshold: truth.minimum - truth.lipschitz * truth.step - 1e-6)
        let (outcome2, stats) = bab.run(unsat, region: 0, shouldStop: { false })
        if case .verified = outcome2 {} else { Issue.record("seed \(seed): expected verified, got \(outcome2) after \(stats.domains) domains") }
    }

    @Test func testDisjunctiveRegions_eachSplitSeparately() throws {
        let graph = try GraphBuilder().build(RandomNetworks.mlp(inputs: 2, widths: [6], outputs: 2, activation: "Relu", seed: 5))
        let truth = Self.groundTruth(graph, steps: 200)
        var p = Self.property(threshold: truth.minimum - truth.lipschitz * truth.step - 1e-6)
        p.regions.append(Region(box: InputBox(lower: [-0.5, -0.5], upper: [0.5, 0.5]), violation: p.regions[0].violation))
        for r in p.regions.indices {
            let (outcome, _) = InputSplitBaB(graph: graph).run(p, region: r, shouldStop: { false })
            if case .verified = outcome {} else { Issue.record("region \(r): \(outcome)") }
        }
    }

    @Test func testStopRequest_endsWithTimeout() throws {
        let graph = try GraphBuilder().build(RandomNetworks.mlp(inputs: 2, widths: [16, 16], outputs: 2, activation: "Relu", seed: 6))
        let truth = Self.groundTruth(graph, steps: 100)
        let (outcome, _) = InputSplitBaB(graph: graph).run(Self.property(threshold: truth.minimum - 1e-3), region: 0, shouldStop: { true })
        if case .timeout = outcome {} else { Issue.record("expected timeout, got \(outcome)") }
    }

    /// Boxes at floating-point resolution end the search with a clear "unknown", never a loop or
    /// a crash: a point-like region on a property its bounds cannot decide.
    @Test func testUnsplittableBox_givesUnknown() throws {
        let graph = try GraphBuilder().build(RandomNetworks.mlp(inputs: 2, widths: [8], outputs: 2, activation: "Relu", seed: 904))
        let x = 0.3144531249999998
        let y = graph.evaluate([x, x])
        // The threshold sits at the value itself, so rounding-widened bounds cannot refute it and
        // the halves of the 1-ulp box cannot be split: the search must stop, not loop or crash.
        let p = Property(inputCount: 2, outputCount: 2, regions: [Region(box: InputBox(lower: [x, x], upper: [x.nextUp, x.nextUp]), violation: [
            Conjunction(constraints: [OutputConstraint(coefficients: [1, -1], rhs: y[0] - y[1] - 1e-300)])])])
        let (outcome, _) = InputSplitBaB(graph: graph).run(p, region: 0, shouldStop: { false })
        switch outcome {
        case .verified, .unknown: break
        case .counterexample(let c): #expect(p.isViolated(input: c, output: graph.evaluate(c)))
        case .timeout: Issue.record("no stop was requested")
        }
    }

    /// A stop request during a lookahead expansion (between its candidate splits) still ends the
    /// run with a timeout: the half-expanded domain is queued again, not dropped or verified.
    @Test func testStopDuringLookahead_endsWithTimeout() throws {
        let graph = try GraphBuilder().build(RandomNetworks.mlp(inputs: 2, widths: [16, 16], outputs: 2, activation: "Relu", seed: 6))
        let truth = Self.groundTruth(graph, steps: 100)
        var bab = InputSplitBaB(graph: graph)
        bab.options.branching = .lookahead
        bab.options.batchSize = 1
        let calls = Mutex<Int>(0)
        // The main loop asks once per round; the lookahead once per candidate: stop on the 3rd ask.
        let (outcome, _) = bab.run(Self.property(threshold: truth.minimum - 1e-3), region: 0,
                                   shouldStop: { calls.withLock { $0 += 1; return $0 >= 3 } })
        if case .timeout = outcome {} else { Issue.record("expected timeout, got \(outcome)") }
    }
}
