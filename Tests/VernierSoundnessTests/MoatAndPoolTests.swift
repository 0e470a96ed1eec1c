import Testing
import VernierSpec
@testable import VernierSoundness

/// The pieces that shape the landscape around a planted point: off-face placement, the moat's
/// guard points and their per-row margins, and the persistent attack pool.
struct MoatAndPoolTests {
    static func offFaceDrafts() throws -> (drafts: [InstanceDraft], eps: Double) {
        let model = ModelConfig(name: "m", inputShape: [6], classes: 2, layers: [], epsilon: 0.1, planted: 6, clean: 2,
                                placement: .offFace)
        var rng = SeededRandom(seed: 5)
        return (try Planting.draw(model: model, domain: [-1, 1], rng: &rng), Planting.quantizedEpsilon(0.1))
    }

    @Test func testOffFacePlacement_isExactInFloat32_insideTheBall_andOffEveryFace() throws {
        let (drafts, eps) = try Self.offFaceDrafts()
        for d in drafts {
            guard let cex = d.counterexample else { continue }
            #expect(cex.allSatisfy { Double(Float($0)) == $0 }, "\(cex) is not exact in float32")
            #expect(InputBox(lower: d.lower, upper: d.upper).contains(cex))
            let offsets = zip(cex, d.centre).map { abs($0 - $1) }
            // One coordinate at 3/4 of ε, every other one at a common ε/16: no coordinate on a face.
            #expect(offsets.filter { $0 == 3 * eps / 4 }.count == 1)
            #expect(offsets.filter { $0 == eps / 16 }.count == offsets.count - 1)
            let small: [Double] = zip(cex, d.centre).map { $0 - $1 }.filter { abs($0) == eps / 16 }
            #expect(Set(small).count == 1)
            for k in cex.indices { #expect(cex[k] != d.lower[k] && cex[k] != d.upper[k]) }
        }
    }

    @Test func testMoatGuards_lieInTheShellInsideTheBall() throws {
        let (drafts, eps) = try Self.offFaceDrafts()
        let planted = drafts.filter(\.isPlanted)
        var settings = TrainingSettings()
        settings.guards = 20
        let trainer = HiddenCounterexampleTrainer(settings: settings, epsilon: eps, domain: [-1, 1])
        var rng = SeededRandom(seed: 9)
        let (inner, outer) = (0.05 * eps, 0.25 * eps)
        let (points, distances) = trainer.moatGuards(planted, inner: inner, outer: outer, rng: &rng)
        let n = 6
        #expect(distances.count == planted.count * settings.guards)
        #expect(points.count == distances.count * n)
        for (g, distance) in distances.enumerated() {
            let p = planted[g / settings.guards]
            let point = Array(points[(g * n)..<((g + 1) * n)])
            #expect(InputBox(lower: p.lower, upper: p.upper).contains(point))
            let measured = zip(point, p.counterexample!).map { abs($0 - $1) }.max()!
            #expect(abs(measured - distance) < 1e-15)
            #expect(distance >= inner && distance <= outer + 1e-15, "guard at \(distance / eps)·ε outside the shell")
        }
    }

    @Test func testClassificationHinge_perRowMargins() {
        // Row 0 wins by 0.5 (needs 0.3: no loss), row 1 wins by 0.5 (needs 1: loss 0.5).
        let logits = [1.0, 0.5, 1.0, 0.5]
        let (loss, grad) = Losses.classificationHinge(logits, labels: [0, 0], classes: 2, margins: [0.3, 1], weight: 2)
        #expect(abs(loss - 2 * 0.5 / 2) < 1e-12)
        #expect(grad == [0, 0, -1, 1])
        let (same, _) = Losses.classificationHinge(logits, labels: [0, 0], classes: 2, margin: 1, weight: 2)
        #expect(same == Losses.classificationHinge(logits, labels: [0, 0], classes: 2, margins: [1, 1], weight: 2).0)
    }

    @Test func testAttackPool_staysInTheBall_andSparesThePlantedNeighbourhood() throws {
        let (drafts, eps) = try Self.offFaceDrafts()
        let net = try TrainingNetwork(inputShape: [6], hidden: [.dense(units: 8), .activation(.relu)], classes: 2, seed: 4)
        var rng = SeededRandom(seed: 2)
        var pool = AttackPool(centres: drafts.flatMap(\.centre), labels: drafts.map(\.label), near: drafts.map(\.counterexample),
                              runsPerCentre: 6, radius: eps, domain: [-1, 1], classes: 2, rng: &rng)
        for _ in 0..<5 {
            pool.advance(net, steps: 4, radius: eps)
            for run in 0..<pool.runs {
                let d = drafts[pool.centreIndex(run)]
                #expect(InputBox(lower: d.lower, upper: d.upper).contains(Array(pool.x[(run * 6)..<((run + 1) * 6)])))
            }
            let spare = 0.5 * eps
            let harvested = pool.harvest(net, count: 2, spare: spare, rng: &rng)
            #expect(harvested.count == drafts.count)
            for (d, points) in zip(drafts, harvested) {
                #expect(points.count % 6 == 0 && (6...12).contains(points.count))
                guard let cex = d.counterexample else { continue }
                for start in stride(from: 0, to: points.count, by: 6) where points != d.centre {
                    let distance = zip(points[start..<(start + 6)], cex).map { abs($0 - $1) }.max()!
                    #expect(distance >= spare)
                }
            }
        }
    }
}
