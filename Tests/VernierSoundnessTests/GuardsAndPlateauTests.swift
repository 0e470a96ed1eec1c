import Testing
import VernierSpec
@testable import VernierSoundness

/// The second round of landscape shaping: guards that attack the moat, the plateau's capped
/// margin, per-row planted hinge weights and scattered placement.
struct GuardsAndPlateauTests {
    static func drafts(_ placement: ModelConfig.Placement) throws -> (drafts: [InstanceDraft], eps: Double) {
        let model = ModelConfig(name: "m", inputShape: [6], classes: 2, layers: [], epsilon: 0.1, planted: 6, clean: 2,
                                placement: placement)
        var rng = SeededRandom(seed: 5)
        return (try Planting.draw(model: model, domain: [-1, 1], rng: &rng), Planting.quantizedEpsilon(0.1))
    }

    @Test func testAdversarialGuards_stayInTheShell_andClimbTheViolation() throws {
        let (drafts, eps) = try Self.drafts(.offFace)
        let planted = drafts.filter(\.isPlanted)
        let net = try TrainingNetwork(inputShape: [6], hidden: [.dense(units: 16), .activation(.tanh)], classes: 2, seed: 3)
        let (inner, outer) = (0.05 * eps, 0.3 * eps)
        var rng = SeededRandom(seed: 11)
        var guards = AdversarialGuards(planted: planted, perPoint: 8, inner: inner, outer: outer, rng: &rng)
        #expect(guards.count == planted.count * 8)
        func violation() -> Double {
            let logits = net.logits(guards.x, batch: guards.count)
            return (0..<guards.count).map { g in
                let y = planted[guards.owner(g)].label
                return Losses.strongestOther(logits, row: g * 2, classes: 2, label: y).1 - logits[g * 2 + y]
            }.reduce(0, +)
        }
        let before = violation()
        guards.advance(net, steps: 5, inner: inner, outer: outer, renewal: 0, rng: &rng)
        #expect(violation() > before, "signed steps up the margin must raise the guards' violation")
        for g in 0..<guards.count {
            let p = planted[guards.owner(g)]
            let point = Array(guards.x[(g * 6)..<((g + 1) * 6)])
            #expect(InputBox(lower: p.lower, upper: p.upper).contains(point))
            let d = guards.distance(g)
            #expect(d >= inner - 1e-15 && d <= outer + 1e-15, "guard at \(d / eps)·ε outside the shell")
        }
    }

    @Test func testConfidenceCap_onlyPenalisesMarginsAboveTheCap() {
        // Row 0 wins by 0.5 (cap 0.3: loss 0.2, pushes the label down), row 1 by 0.1 (no loss).
        let logits = [1.0, 0.5, 0.6, 0.5]
        let (loss, grad) = Losses.confidenceCap(logits, labels: [0, 0], classes: 2, cap: 0.3, weight: 2)
        #expect(abs(loss - 2 * 0.2 / 2) < 1e-12)
        #expect(grad == [1, -1, 0, 0])
    }

    @Test func testMisclassificationHinge_perRowWeights() {
        // Both rows are classified correctly (label 0 wins by 0.5): each needs 0.51 of change.
        let logits = [1.0, 0.5, 1.0, 0.5]
        let (loss, grad) = Losses.misclassificationHinge(logits, labels: [0, 0], classes: 2, margin: 0.01, weights: [1, 3])
        #expect(abs(loss - (1 * 0.51 + 3 * 0.51) / 2) < 1e-12)
        #expect(grad == [0.5, -0.5, 1.5, -1.5])
        let (uniform, _) = Losses.misclassificationHinge(logits, labels: [0, 0], classes: 2, margin: 0.01, weight: 2)
        #expect(abs(uniform - Losses.misclassificationHinge(logits, labels: [0, 0], classes: 2, margin: 0.01, weights: [2, 2]).0) < 1e-15)
    }

    @Test func testScatteredPlacement_isExact_offTheCentreAndEveryFace() throws {
        let (drafts, eps) = try Self.drafts(.scattered)
        var signs = Set<Double>()
        for d in drafts {
            guard let cex = d.counterexample else { continue }
            #expect(cex.allSatisfy { Double(Float($0)) == $0 }, "\(cex) is not exact in float32")
            #expect(InputBox(lower: d.lower, upper: d.upper).contains(cex))
            for (x, c) in zip(cex, d.centre) {
                let sixteenths = abs(x - c) / eps * 16
                #expect(sixteenths == sixteenths.rounded() && (4...10).contains(sixteenths), "offset \(sixteenths)/16·ε")
                signs.insert(x > c ? 1 : -1)
            }
        }
        #expect(signs.count == 2)
    }
}
