import Testing
@testable import VernierSpec

@Suite struct RobustnessSpecTests {
    @Test func untargetedProperty() throws {
        let spec = RobustnessSpec(center: [0.5, 0.0, 0.95], epsilon: 0.1, label: 1, clip: 0...1, outputCount: 3)
        let p = try spec.property(source: "sample 0")
        #expect(p.inputCount == 3)
        #expect(p.outputCount == 3)
        #expect(p.source == "sample 0")
        try #require(p.regions.count == 1)
        let box = p.regions[0].box
        #expect(box.lower[1] == 0 && box.upper[2] == 1)          // clipped
        #expect(box.lower[0] <= 0.4 && box.lower[0] > 0.4 - 1e-15)  // outward rounding only
        #expect(box.upper[0] >= 0.6 && box.upper[0] < 0.6 + 1e-15)
        #expect(p.regions[0].violation == [
            Conjunction(constraints: [row(3, [1: 1, 0: -1], rhs: 0)]),
            Conjunction(constraints: [row(3, [1: 1, 2: -1], rhs: 0)]),
        ])
        #expect(p.isViolated(input: [0.45, 0.05, 1], output: [2, 1, 0]))
        #expect(!p.isViolated(input: [0.45, 0.05, 1], output: [0, 1, 0.5]))
        #expect(!p.isViolated(input: [0.35, 0.05, 1], output: [2, 1, 0]))  // outside the ball
    }

    @Test func targetedProperty() throws {
        let p = try RobustnessSpec(center: [0], epsilon: 0, label: 0, target: 2, outputCount: 4).property()
        #expect(p.regions[0].box == InputBox(lower: [0], upper: [0]))
        #expect(p.regions[0].violation == [Conjunction(constraints: [row(4, [0: 1, 2: -1], rhs: 0)])])
    }

    @Test func boxContainsTheExactBall() {
        // Outward rounding: for any center and ε, the box bounds bracket the real c ± ε.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<1000 {
            let c = Double.random(in: -10...10, using: &generator)
            let e = Double.random(in: 0...1, using: &generator)
            let lo = RobustnessSpec.roundedSum(c, -e, towardPositive: false)
            let hi = RobustnessSpec.roundedSum(c, e, towardPositive: true)
            #expect(lo <= c - e && hi >= c + e)
            #expect(lo == (c - e) || lo == (c - e).nextDown)
            #expect(hi == (c + e) || hi == (c + e).nextUp)
        }
        // A case that rounds: 0.1 + 0.2 is above the true sum, so rounding toward -∞ steps down.
        #expect(RobustnessSpec.roundedSum(0.1, 0.2, towardPositive: true) == 0.1 + 0.2)
        #expect(RobustnessSpec.roundedSum(0.1, 0.2, towardPositive: false) == (0.1 + 0.2).nextDown)
        #expect(RobustnessSpec.roundedSum(1, 2, towardPositive: false) == 3)
    }

    @Test func validation() {
        func error(_ spec: RobustnessSpec) -> RobustnessSpecError? {
            do { try spec.validate(); return nil } catch { return error }
        }
        #expect(error(RobustnessSpec(center: [], epsilon: 0.1, label: 0, outputCount: 2)) == .emptyCenter)
        #expect(error(RobustnessSpec(center: [0, .nan], epsilon: 0.1, label: 0, outputCount: 2))
            .map { if case .nonFiniteCenter(1, _) = $0 { true } else { false } } == true)
        #expect(error(RobustnessSpec(center: [0], epsilon: -0.1, label: 0, outputCount: 2)) == .invalidEpsilon(-0.1))
        #expect(error(RobustnessSpec(center: [0], epsilon: .infinity, label: 0, outputCount: 2)) == .invalidEpsilon(.infinity))
        #expect(error(RobustnessSpec(center: [0], epsilon: 0.1, label: 0, outputCount: 1)) == .tooFewOutputs(1))
        #expect(error(RobustnessSpec(center: [0], epsilon: 0.1, label: 2, outputCount: 2)) == .labelOutOfRange(label: 2, outputCount: 2))
        #expect(error(RobustnessSpec(center: [0], epsilon: 0.1, label: -1, outputCount: 2)) == .labelOutOfRange(label: -1, outputCount: 2))
        #expect(error(RobustnessSpec(center: [0], epsilon: 0.1, label: 0, target: 5, outputCount: 2)) == .targetOutOfRange(target: 5, outputCount: 2))
        #expect(error(RobustnessSpec(center: [0], epsilon: 0.1, label: 1, target: 1, outputCount: 2)) == .targetEqualsLabel(1))
        #expect(error(RobustnessSpec(center: [0, 1.5], epsilon: 0.1, label: 0, clip: 0...1, outputCount: 2))
            == .centerOutsideClip(index: 1, value: 1.5, lower: 0, upper: 1))
        #expect(error(RobustnessSpec(center: [0], epsilon: 0.1, label: 0, clip: -Double.infinity...1, outputCount: 2))
            == .invalidClip(lower: -.infinity, upper: 1))
        #expect(RobustnessSpecError.targetEqualsLabel(1).description.contains("target 1 equals the label"))
    }

    @Test func propertyValidatesFirst() {
        #expect(throws: RobustnessSpecError.invalidEpsilon(-1)) {
            try RobustnessSpec(center: [0], epsilon: -1, label: 0, outputCount: 2).property()
        }
    }
}
