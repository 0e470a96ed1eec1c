import VernierCore
import VernierSpec
import VernierVerify

/// What an answer means on an instance whose truth the generator knows in part.
public enum Judgement: String, Sendable, Codable, CaseIterable {
    /// `unsat` on an instance with a known counterexample: the verifier is wrong.
    case unsound
    /// `sat` with a counterexample that does not check (not in the box, or no violation).
    case invalid
    /// `sat` with a checked counterexample on a planted instance: the hidden one (or another) was found.
    case found
    /// `sat` with a checked counterexample on a clean instance.
    case falsified
    /// `unsat` on a clean instance (cannot be judged: the truth is unknown).
    case verified
    case timeout
    case unknown
    case error

    /// Judges `answer` on an instance. `knownViolated` is true for planted instances and for clean
    /// ones an attack already falsified. A counterexample is accepted when it checks exactly
    /// (`Counterexample.check`), or after clamping coordinates that are outside the box by at most
    /// `tolerance` (tools computing in float32 may print a bound's neighbour).
    public static func judge(_ answer: VerifierAnswer, knownViolated: Bool, planted: Bool,
                             graph: Graph, property: Property, tolerance: Double = 1e-6) -> (Judgement, String?) {
        switch answer.word {
        case .unsat:
            return knownViolated ? (.unsound, "claimed unsat, but a counterexample is known") : (.verified, nil)
        case .timeout: return (.timeout, answer.note)
        case .unknown: return (.unknown, answer.note)
        case .error: return (.error, answer.note)
        case .sat:
            guard let x = answer.input else { return (.invalid, answer.note ?? "sat without a counterexample") }
            if checks(x, graph: graph, property: property, tolerance: tolerance) {
                return (planted ? .found : .falsified, nil)
            }
            return (.invalid, "the counterexample does not violate the property (checked by a forward pass)")
        }
    }

    static func checks(_ x: [Double], graph: Graph, property: Property, tolerance: Double) -> Bool {
        if Counterexample.check(x, graph: graph, property: property) != nil { return true }
        for region in property.regions {
            let box = region.box
            guard x.count == box.dimension else { return false }
            var clamped = x
            var near = true
            for i in x.indices {
                if x[i] < box.lower[i] - tolerance || x[i] > box.upper[i] + tolerance { near = false; break }
                clamped[i] = min(max(x[i], box.lower[i]), box.upper[i])
            }
            if near, Counterexample.check(clamped, graph: graph, property: property) != nil { return true }
        }
        return false
    }
}
