import Testing
import Foundation
import VernierCore
import VernierSpec
import VernierIO
@testable import VernierSoundness

struct HidingCheckTests {
    static let ladder = [
        AttackRung(name: "small", restarts: 5, steps: 20, initialStep: 0.1),
        AttackRung(name: "large", restarts: 40, steps: 60, initialStep: 0.02, cornerFraction: 0.5),
    ]

    @Test func testNarrowSpike_survivesEveryRung() throws {
        let graph = try GraphBuilder().build(SpikeBenchmark.document())
        let property = try VNNLib.parse(SpikeBenchmark.vnnlib)
        let outcome = HidingCheck(ladder: Self.ladder).run(graph: graph, property: property, counterexample: SpikeBenchmark.spike)
        #expect(outcome == .hidden(survived: ["small", "large"]))
    }

    @Test func testWideSpike_isFoundByTheLadder() throws {
        // Sharpness 2: the "spike" covers much of the ball, so an attack finds some violation.
        let graph = try GraphBuilder().build(SpikeBenchmark.document(sharpness: 2))
        let property = try VNNLib.parse(SpikeBenchmark.vnnlib)
        let outcome = HidingCheck(ladder: Self.ladder).run(graph: graph, property: property, counterexample: SpikeBenchmark.spike)
        guard case .foundBy = outcome else {
            Issue.record("expected an attack to find the wide spike, got \(outcome)")
            return
        }
    }

    @Test func testPointOffTheSpike_isNotACounterexample() throws {
        let graph = try GraphBuilder().build(SpikeBenchmark.document())
        let property = try VNNLib.parse(SpikeBenchmark.vnnlib)
        let outcome = HidingCheck(ladder: Self.ladder).run(graph: graph, property: property, counterexample: SpikeBenchmark.centre)
        #expect(outcome == .notACounterexample)
    }
}
