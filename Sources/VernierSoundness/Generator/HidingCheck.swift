import VernierCore
import VernierSpec
import VernierAttack
import VernierVerify

/// The check that makes a planted counterexample *hidden*: it must still violate the property
/// (checked by a plain forward pass of the exported graph) and no rung of the attack ladder may
/// find any violation of the instance.
struct HidingCheck {
    var ladder: [AttackRung]

    enum Outcome: Sendable, Equatable {
        /// Every rung failed; the names of the rungs survived.
        case hidden(survived: [String])
        /// The planted point does not violate the exported network's property.
        case notACounterexample
        /// Rung `rung` found a violation (any violation: then the instance is not hard), at L∞
        /// distance `distance` from the planted point (nil for a clean instance).
        case foundBy(rung: String, distance: Double?)
    }

    func run(graph: Graph, property: Property, counterexample: [Double]?) -> Outcome {
        if let cex = counterexample, Counterexample.check(cex, graph: graph, property: property) == nil {
            return .notACounterexample
        }
        var survived = [String]()
        for rung in ladder {
            var options = PGDAttack.Options(restarts: rung.restarts, steps: rung.steps,
                                            stepSchedule: StepSchedule(initial: rung.initialStep, decay: .cosine(finalFraction: 0.05)),
                                            starts: StartMix(includesCentre: true, cornerFraction: rung.cornerFraction),
                                            seed: rung.seed)
            if rung.verifierDefault {
                // Mirrors `Verifier`: default options, 100 restarts on low-dimensional inputs.
                options = PGDAttack.Options()
                if graph.inputCount <= 16 { options.restarts = 100 }
            }
            let result = PGDAttack(options: options).search(graph, property: property)
            if result.violates {
                let distance = zip(result.candidate?.input ?? [], counterexample ?? []).map { abs($0 - $1) }.max()
                return .foundBy(rung: rung.name, distance: distance)
            }
            survived.append(rung.name)
        }
        return .hidden(survived: survived)
    }
}
