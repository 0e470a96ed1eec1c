import Foundation
import VernierCore
import VernierSpec
import VernierBounds
import VernierBaB
import VernierAttack

/// Options of one verification run.
public struct VerifierOptions: Sendable {
    public var method: VerificationMethod = .auto
    /// Seconds; nil = no limit.
    public var timeout: Double? = nil
    /// Try to falsify before bounding.
    public var falsify: Bool = true
    public var seed: UInt64 = 0
    /// `auto` splits the input box when the network has at most this many inputs.
    public var inputSplitMaxDimension = 16

    public init(method: VerificationMethod = .auto, timeout: Double? = nil, falsify: Bool = true, seed: UInt64 = 0) {
        self.method = method
        self.timeout = timeout
        self.falsify = falsify
        self.seed = seed
    }
}

/// Runs the verification pipeline: check the property fits the model, try to falsify, then bound.
public struct Verifier: Sendable {
    public var options: VerifierOptions
    public init(options: VerifierOptions = VerifierOptions()) { self.options = options }

    public func verify(_ graph: Graph, property: Property) throws -> VerificationResult {
        guard property.inputCount == graph.inputCount else {
            throw VerificationError.mismatch("the property has \(property.inputCount) inputs (X_0…X_\(property.inputCount - 1)) but the model has \(graph.inputCount)")
        }
        guard property.outputCount == graph.outputCount else {
            throw VerificationError.mismatch("the property has \(property.outputCount) outputs (Y_0…Y_\(property.outputCount - 1)) but the model has \(graph.outputCount)")
        }
        let start = DispatchTime.now()
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }
        let deadline = Deadline(seconds: options.timeout)
        let method = options.method.resolved
        var timings = [String: Double]()

        if options.falsify {
            let t0 = elapsed()
            var attack = PGDAttack.Options()
            attack.seed = options.seed
            // Low-dimensional inputs: restarts are cheap and the violating pockets small.
            if graph.inputCount <= options.inputSplitMaxDimension { attack.restarts = 100 }
            let found = PGDAttack(options: attack).search(graph, property: property, shouldStop: { deadline.hasPassed })
            timings["falsify"] = elapsed() - t0
            // The attack checked its candidate; the verdict still only comes from our own check.
            if found.violates, let x = found.candidate?.input,
               let cex = Counterexample.check(x, graph: graph, property: property) {
                return VerificationResult(verdict: .falsified(cex), method: "pgd", margins: nil,
                                          seconds: elapsed(), timings: timings)
            }
        }
        if deadline.hasPassed {
            return VerificationResult(verdict: .timeout, method: method.rawValue, margins: nil, seconds: elapsed(), timings: timings)
        }

        let t1 = elapsed()
        let margins: [[Double]]
        switch method {
        case .ibp:
            margins = try IntervalMethod.margins(graph, property: property)
        case .crown:
            margins = try LinearMethod.margins(graph, property: property)
        case .alphaCrown, .auto, .inputSplit:
            margins = try LinearMethod.margins(graph, property: property, optimize: true, deadline: deadline)
        }
        timings["bound"] = elapsed() - t1
        var verified = margins.allSatisfy { $0.allSatisfy { $0 > 0 } }
        var decidedBy = method.rawValue

        // Branch and bound on the input box for what the bounds left open.
        let split = method == .inputSplit || (options.method == .auto && graph.inputCount <= options.inputSplitMaxDimension)
        if !verified, split, !deadline.hasPassed {
            let t2 = elapsed()
            var allRegionsVerified = true
            var domains = 0
            for (r, regionMargins) in margins.enumerated() where !regionMargins.allSatisfy({ $0 > 0 }) {
                let (outcome, stats) = InputSplitBaB(graph: graph).run(property, region: r, shouldStop: { deadline.hasPassed })
                domains += stats.domains
                switch outcome {
                case .verified:
                    continue
                case .counterexample(let x):
                    timings["bab"] = elapsed() - t2
                    if let cex = Counterexample.check(x, graph: graph, property: property) {
                        return VerificationResult(verdict: .falsified(cex), method: "input-split", margins: margins,
                                                  seconds: elapsed(), timings: timings, domains: domains)
                    }
                    allRegionsVerified = false
                case .timeout:
                    timings["bab"] = elapsed() - t2
                    return VerificationResult(verdict: .timeout, method: "input-split", margins: margins,
                                              seconds: elapsed(), timings: timings, domains: domains)
                case .unknown:
                    allRegionsVerified = false
                }
                if !allRegionsVerified { break }
            }
            timings["bab"] = elapsed() - t2
            if allRegionsVerified {
                verified = true
                decidedBy = "input-split"
            }
            if verified {
                return VerificationResult(verdict: .verified, method: decidedBy, margins: margins,
                                          seconds: elapsed(), timings: timings, domains: domains)
            }
        }
        let verdict: Verdict
        if verified {
            verdict = .verified
        } else if deadline.hasPassed {
            verdict = .timeout
        } else {
            let open = margins.enumerated().flatMap { r, ms in ms.enumerated().filter { $0.element <= 0 }.map { "region \(r) conjunction \($0.offset)" } }
            verdict = .unknown(reason: "\(method.rawValue) could not refute \(open.count) violation case(s) (first: \(open.first ?? "?")); a stronger method may")
        }
        return VerificationResult(verdict: verdict, method: method.rawValue, margins: margins, seconds: elapsed(), timings: timings)
    }
}

public enum VerificationError: Error, Sendable, CustomStringConvertible {
    case mismatch(String)
    public var description: String {
        switch self { case .mismatch(let m): m }
    }
}
