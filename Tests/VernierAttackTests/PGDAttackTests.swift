import Testing
import VernierAttack
import VernierCore
import VernierSpec
import VernierTestSupport

/// PGD on hand-made networks whose answers are known by construction.
@Suite struct PGDAttackTests {
    /// Re-checks a reported violation the way a caller must: plain forward pass, exact property check.
    static func expectConfirmed(_ result: AttackResult, _ graph: Graph, _ property: Property) throws {
        let c = try #require(result.candidate)
        #expect(result.violates)
        #expect(property.regions[c.region].box.contains(c.input))
        #expect(graph.evaluate(c.input) == c.output)
        #expect(property.isViolated(input: c.input, output: graph.evaluate(c.input)))
        #expect(c.margin >= 0)
    }

    @Test func testNarrowViolation_nearACorner_isFoundByGradientsButNotByStartPoints() throws {
        // Σ|x_i − 0.9| ≤ 0.3 in [0, 1]^10: a sliver near the all-ones vertex (which itself is at
        // distance 1.0). Uniform sampling hits it with probability ~1e-9, vertices never.
        let n = 10
        let graph = try AttackFixtures.bowl(centre: [Double](repeating: 0.9, count: n))
        let property = Property(inputCount: n, outputCount: 1, regions: [
            Region(box: AttackFixtures.cube(n, 0, 1), violation: [AttackFixtures.nearCentre(radius: 0.3)]),
        ])

        let sampling = PGDAttack(options: .init(restarts: 200, steps: 0)).search(graph, property: property)
        #expect(!sampling.violates)
        #expect(sampling.statistics.backwardPasses == 0)
        #expect(sampling.bestMargins[0] < 0)

        let result = PGDAttack(options: .init(restarts: 4, steps: 50)).search(graph, property: property)
        try Self.expectConfirmed(result, graph, property)
        #expect(result.statistics.backwardPasses > 0)
        #expect(!result.interrupted)
    }

    @Test(arguments: [ConjunctionLoss.maximum, .sumOfViolations])
    func testConjunctionOfTwoRows_isDrivenToHoldAtOnce(loss: ConjunctionLoss) throws {
        // Two bowls whose centres are 0.4 apart (L1): both distances ≤ 0.25 only in a small lens
        // between them, so the active row keeps switching while PGD closes in.
        let n = 8
        let a0 = [Double](repeating: 0.85, count: n)
        var a1 = a0
        a1[6] = 0.65; a1[7] = 0.65
        let graph = try AttackFixtures.bowls(centres: [a0, a1])
        let both = Conjunction(constraints: [
            OutputConstraint(coefficients: [-1, 0], rhs: 0.25),
            OutputConstraint(coefficients: [0, -1], rhs: 0.25),
        ])
        let property = Property(inputCount: n, outputCount: 2, regions: [
            Region(box: AttackFixtures.cube(n, 0, 1), violation: [both]),
        ])
        let sampling = PGDAttack(options: .init(restarts: 200, steps: 0)).search(graph, property: property)
        #expect(!sampling.violates)
        let result = PGDAttack(options: .init(restarts: 4, steps: 60, conjunctionLoss: loss)).search(graph, property: property)
        try Self.expectConfirmed(result, graph, property)
        let y = try #require(result.candidate?.output)
        #expect(-y[0] <= 0.25 && -y[1] <= 0.25)
    }

    @Test func testFlatPatch_isLeftByResamplingOnly() throws {
        // From the centre (x_0 = 0.5) the gradient is exactly zero; y ≥ 1 needs x_0 ≥ 0.9.
        let graph = try AttackFixtures.ledge()
        let property = Property(inputCount: 2, outputCount: 1, regions: [
            Region(box: AttackFixtures.cube(2, 0, 1),
                   violation: [Conjunction(constraints: [OutputConstraint(coefficients: [-1], rhs: -1)])]),
        ])
        var options = PGDAttack.Options(restarts: 1, steps: 40, diversifyingSteps: 0, resamplesPlateaus: false)
        let stuck = PGDAttack(options: options).search(graph, property: property)
        #expect(!stuck.violates)
        #expect(stuck.statistics.plateauResamples == 0)
        #expect(stuck.candidate?.input == [0.5, 0.5])

        options.resamplesPlateaus = true
        let result = PGDAttack(options: options).search(graph, property: property)
        try Self.expectConfirmed(result, graph, property)
        #expect(result.statistics.plateauResamples > 0)
    }

    @Test func testPropertyThatHolds_reportsNoCounterexample() throws {
        // The output is ≥ 1 everywhere, so `y ≤ 0` and `y ≤ 0.99` are unreachable.
        let graph = try AttackFixtures.positive(inputs: 4, hidden: 12, seed: 5)
        let property = Property(inputCount: 4, outputCount: 1, regions: [
            Region(box: AttackFixtures.cube(4, -3, 3), violation: [
                Conjunction(constraints: [OutputConstraint(coefficients: [1], rhs: 0)]),
                Conjunction(constraints: [OutputConstraint(coefficients: [1], rhs: 0.99)]),
            ]),
        ])
        let result = PGDAttack(options: .init(restarts: 8, steps: 60)).search(graph, property: property)
        #expect(!result.violates)
        #expect(result.bestMargins[0] <= -0.01)
        let c = try #require(result.candidate)
        #expect(c.margin < 0 && c.output[0] >= 1)
        // The attack did push towards the bound: the best output is near the minimum 1 — at
        // least, not worse than the start points'.
        let startsOnly = PGDAttack(options: .init(restarts: 8, steps: 0)).search(graph, property: property)
        #expect(result.bestMargins[0] >= startsOnly.bestMargins[0])
        // 2 conjunctions × 8 restarts, each run through 20 diversifying and 60 loss steps.
        #expect(result.statistics.restarts == 16)
        #expect(result.statistics.backwardPasses == 16 * (20 + 60))
    }

    @Test func testSameSeed_givesTheSameResult() throws {
        let graph = try GraphBuilder().build(RandomNetworks.mlp(inputs: 6, widths: [16, 16], outputs: 3, activation: "Relu", seed: 21))
        let centre = [0.1, -0.2, 0.3, 0.0, -0.4, 0.2]
        let y0 = graph.evaluate(centre)
        let top = y0.indices.max { y0[$0] < y0[$1] }!
        // "Some other output reaches the top one's" within a small box: hard or impossible,
        // so the attack runs its whole budget and the comparison covers every step.
        let rows = y0.indices.filter { $0 != top }.map { j in
            var c = [Double](repeating: 0, count: 3)
            c[top] = 1; c[j] = -1
            return Conjunction(constraints: [OutputConstraint(coefficients: c, rhs: 0)])
        }
        let property = Property(inputCount: 6, outputCount: 3, regions: [
            Region(box: InputBox(lower: centre.map { $0 - 0.05 }, upper: centre.map { $0 + 0.05 }), violation: rows),
        ])
        let options = PGDAttack.Options(restarts: 5, steps: 30, seed: 99, batchSize: 4)
        let a = PGDAttack(options: options).search(graph, property: property)
        let b = PGDAttack(options: options).search(graph, property: property)
        #expect(a.candidate == b.candidate)
        #expect(a.violates == b.violates)
        #expect(a.bestMargins == b.bestMargins)
        #expect(a.statistics == b.statistics)
        #expect(a.candidate != nil)
        if a.violates { try Self.expectConfirmed(a, graph, property) }
    }

    @Test func testDisjunctiveInputRegion_violationOnlyInTheSecondBox_isFoundThere() throws {
        let n = 6
        let graph = try AttackFixtures.bowl(centre: [Double](repeating: 0.8, count: n))
        // In [−1, −0.5]^6 the distance to 0.8 is at least 7.8; in [0, 1]^6 the sliver is reachable.
        let violation = [AttackFixtures.nearCentre(radius: 0.2)]
        let property = Property(inputCount: n, outputCount: 1, regions: [
            Region(box: AttackFixtures.cube(n, -1, -0.5), violation: violation),
            Region(box: AttackFixtures.cube(n, 0, 1), violation: violation),
        ])
        let result = PGDAttack(options: .init(restarts: 4, steps: 50)).search(graph, property: property)
        try Self.expectConfirmed(result, graph, property)
        #expect(result.candidate?.region == 1)
        #expect(result.bestMargins[0] < -7)
    }

    @Test func testShouldStop_isHonouredBeforeAnyWork() throws {
        let n = 10
        let graph = try AttackFixtures.bowl(centre: [Double](repeating: 0.9, count: n))
        let property = Property(inputCount: n, outputCount: 1, regions: [
            Region(box: AttackFixtures.cube(n, 0, 1), violation: [AttackFixtures.nearCentre(radius: 0.3)]),
        ])
        let result = PGDAttack().search(graph, property: property, shouldStop: { true })
        #expect(result.interrupted)
        #expect(!result.violates)
        #expect(result.statistics.backwardPasses == 0)

        // Stopping after a few steps leaves the budget unspent.
        var calls = 0
        let partial = PGDAttack(options: .init(restarts: 4, steps: 200)).search(graph, property: property) {
            calls += 1
            return calls > 3
        }
        #expect(partial.interrupted)
        #expect(partial.statistics.backwardPasses < 4 * (20 + 200))
    }

    @Test func testViolationAtTheCentre_needsNoGradientStep() throws {
        let n = 3
        let graph = try AttackFixtures.bowl(centre: [0.5, 0.5, 0.5])
        let property = Property(inputCount: n, outputCount: 1, regions: [
            Region(box: AttackFixtures.cube(n, 0, 1), violation: [AttackFixtures.nearCentre(radius: 0)]),
        ])
        let result = PGDAttack().search(graph, property: property)
        try Self.expectConfirmed(result, graph, property)
        #expect(result.candidate?.input == [0.5, 0.5, 0.5])
        #expect(result.statistics.backwardPasses == 0)
    }

    @Test func testMismatchedProperty_givesAnEmptyResult() throws {
        let graph = try AttackFixtures.bowl(centre: [0.5, 0.5])
        let property = Property(inputCount: 3, outputCount: 1, regions: [
            Region(box: AttackFixtures.cube(3, 0, 1), violation: [AttackFixtures.nearCentre(radius: 10)]),
        ])
        let result = PGDAttack().search(graph, property: property)
        #expect(!result.violates && result.candidate == nil)
        #expect(result.statistics == AttackStatistics())
    }

    @Test func testStepSchedule_decaysFromTheInitialStep() {
        let cosine = StepSchedule(initial: 0.02, decay: .cosine(finalFraction: 0.1))
        #expect(cosine.fraction(step: 0, of: 100) == 0.02)
        #expect(abs(cosine.fraction(step: 99, of: 100) - 0.002) < 1e-15)
        #expect(cosine.fraction(step: 50, of: 100) < cosine.fraction(step: 49, of: 100))
        let exponential = StepSchedule(initial: 0.5, decay: .exponential(rate: 0.5))
        #expect(exponential.fraction(step: 0, of: 10) == 0.5)
        #expect(exponential.fraction(step: 3, of: 10) == 0.0625)
        let stepwise = StepSchedule(initial: 0.4, decay: .stepwise(factor: 0.5, milestones: [0.5, 0.75]))
        #expect(stepwise.fraction(step: 0, of: 101) == 0.4)
        #expect(stepwise.fraction(step: 50, of: 101) == 0.2)
        #expect(stepwise.fraction(step: 100, of: 101) == 0.1)
        #expect(StepSchedule(initial: 0.2, decay: .constant).fraction(step: 7, of: 10) == 0.2)
        #expect(StepSchedule().fraction(step: 0, of: 0) == 0)
    }
}
