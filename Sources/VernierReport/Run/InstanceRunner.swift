import Foundation
import VernierCore
import VernierSpec
import VernierAttack
import VernierVerify

/// Decides one planned instance: attack first (for the attack's best margin and any
/// counterexample), then the verifier's bounds on what the attack left open.
///
/// The attack runs here rather than inside `Verifier` because the report needs its best margin
/// even when it finds nothing; the verifier is then called with `falsify: false` so the attack
/// budget is not spent twice. Both use `Falsifier`, so budgets and methods match.
public struct InstanceRunner: Sendable {
    public var seed: UInt64

    public init(seed: UInt64) {
        self.seed = seed
    }

    /// The outcome, or nil when `isCancelled` became true before the instance finished (a
    /// half-run instance is dropped, never reported with a made-up verdict).
    public func run(_ instance: PlannedInstance, graph: Graph, isCancelled: @escaping @Sendable () -> Bool = { false }) -> InstanceOutcome? {
        let clock = Stopwatch()
        var outcome = InstanceOutcome(id: instance.id, ordinal: instance.ordinal, entry: instance.entry,
                                      verdict: .unknown, method: instance.method.rawValue, seconds: 0)
        let property: Property
        switch instance.kind {
        case .robustness(let sample, let center, let label, let epsilon, let clip):
            outcome.sample = sample
            outcome.label = label
            outcome.epsilon = epsilon
            outcome.predicted = argmax(graph.evaluate(center))
            do {
                property = try RobustnessSpec(center: center, epsilon: epsilon, label: label, clip: clip,
                                              outputCount: graph.outputCount).property(source: instance.id)
            } catch {
                outcome.reason = "invalid robustness property: \(error.description)"
                outcome.seconds = clock.seconds
                return outcome
            }
        case .vnnlib(let p, let display):
            outcome.spec = display
            property = p
        }

        let deadline = Deadline(seconds: instance.timeout)
        let found = Falsifier(seed: seed).run(graph, property: property, shouldStop: { deadline.hasPassed || isCancelled() })
        outcome.attackMargin = finite(found.attack.bestMargins.filter(\.isFinite).max().map { -$0 })

        if let cex = found.counterexample {
            outcome.verdict = .falsified
            outcome.method = found.method ?? "pgd"
            // The point is a checked violation, so the worst margin is at most minus its violation
            // margin (≤ 0).
            let violation = property.violationMargin(region: cex.region, output: cex.output)
            outcome.attackMargin = min(outcome.attackMargin ?? 0, -max(violation, 0))
            // A certified bound still makes the margin plot complete; CROWN alone is cheap.
            outcome.certifiedMargin = finite((try? LinearMethod.margins(graph, property: property))
                .map { $0.flatMap { $0 }.min() ?? .infinity })
        } else if deadline.hasPassed {
            outcome.verdict = .timeout
            outcome.reason = "the attack used the whole time limit"
        } else {
            let remaining = instance.timeout.map { max(0.001, $0 - clock.seconds) }
            let options = VerifierOptions(method: instance.method, timeout: remaining, falsify: false, seed: seed)
            do {
                let result = try Verifier(options: options).verify(graph, property: property)
                outcome.method = result.method
                outcome.certifiedMargin = finite(result.certifiedMargin)
                switch result.verdict {
                case .verified: outcome.verdict = .verified
                case .falsified: outcome.verdict = .falsified
                case .unknown(let reason): outcome.verdict = .unknown; outcome.reason = reason
                case .timeout: outcome.verdict = .timeout; outcome.reason = "time limit of \(instance.timeout ?? 0) s"
                }
            } catch {
                outcome.verdict = .unknown
                outcome.reason = "verifier error: \(error)"
            }
        }
        if instance.lipschitz, !isCancelled() {
            let remaining = instance.timeout.map { max(0.001, $0 - clock.seconds) }
            outcome.lipschitz = finite(MarginLipschitz.bound(graph: graph, property: property, instance: instance, timeout: remaining))
        }
        if isCancelled() { return nil }
        outcome.seconds = clock.seconds
        return outcome
    }

    func argmax(_ v: [Double]) -> Int? {
        v.indices.max { v[$0] < v[$1] || (v[$0] == v[$1] && $0 > $1) }
    }

    func finite(_ x: Double?) -> Double? { x.flatMap { $0.isFinite ? $0 : nil } }
}

/// Monotonic wall-clock seconds since creation.
struct Stopwatch {
    let start = DispatchTime.now()
    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }
}
