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
    /// `auto` splits the input box when the network has at most this many inputs, and
    /// activation inputs otherwise.
    public var inputSplitMaxDimension = 16
    /// β-CROWN iterations per split domain of activation splitting (nil: the driver's default).
    public var betaIterations: Int? = nil
    /// How input splitting picks the dimension to split (nil: the driver's default, adaptive).
    public var inputBranching: InputSplitBaB.Branching? = nil
    /// A deliberately broken mode for the soundness runner's self-test (nil: the real verifier).
    public var developerFault: DeveloperFault? = nil
    /// Checked with the time limit: returning true stops every stage at its next check, and the
    /// run ends with `timeout` (for a Ctrl-C handler or a caller's own budget).
    public var cancelled: (@Sendable () -> Bool)? = nil
    /// Progress of branch and bound (domains, open, global margin, elapsed), e.g. for stderr.
    public var progress: (@Sendable (BaBProgress) -> Void)? = nil

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
        let deadline = Deadline(seconds: options.timeout, cancelled: options.cancelled)
        let method = options.method.resolved
        var timings = [String: Double]()

        if options.falsify {
            let t0 = elapsed()
            let found = Falsifier(seed: options.seed, lowDimension: options.inputSplitMaxDimension)
                .run(graph, property: property, shouldStop: { deadline.hasPassed })
            timings["falsify"] = elapsed() - t0
            if let cex = found.counterexample, let method = found.method {
                return VerificationResult(verdict: .falsified(cex), method: method, margins: nil,
                                          seconds: elapsed(), timings: timings)
            }
        }
        if deadline.hasPassed {
            return VerificationResult(verdict: .timeout, method: method.rawValue, margins: nil, seconds: elapsed(), timings: timings)
        }

        let t1 = elapsed()
        var margins: [[Double]]
        var rootBounds = [[IntervalTensor]?]()
        switch method {
        case .ibp:
            margins = try IntervalMethod.margins(graph, property: property)
        case .crown:
            margins = try LinearMethod.margins(graph, property: property)
        case .alphaCrown, .auto, .inputSplit, .activationSplit:
            (margins, rootBounds) = try LinearMethod.marginsAndBounds(graph, property: property, optimize: true, deadline: deadline)
        }
        timings["bound"] = elapsed() - t1
        if let fault = options.developerFault { margins = fault.corrupt(margins) }
        if margins.allSatisfy({ $0.allSatisfy { $0 > 0 } }) {
            return VerificationResult(verdict: .verified, method: method.rawValue, margins: margins,
                                      seconds: elapsed(), timings: timings)
        }

        // Branch and bound for the regions the bounds left open: on the input box when it has few
        // dimensions, on activation inputs otherwise.
        let strategy: VerificationMethod? = switch method {
        case .inputSplit, .activationSplit: method
        case .alphaCrown where options.method == .auto:
            graph.inputCount <= options.inputSplitMaxDimension ? .inputSplit : .activationSplit
        default: nil
        }
        var reason: String? = nil
        var domains = 0, lps = 0
        if let strategy, !deadline.hasPassed {
            let t2 = elapsed()
            let (verdict, why, count, lpCount) = branch(graph, property: property, margins: margins, strategy: strategy,
                                                        rootBounds: rootBounds, deadline: deadline)
            timings["bab"] = elapsed() - t2
            domains = count
            lps = lpCount
            if let verdict {
                return VerificationResult(verdict: verdict, method: strategy.rawValue, margins: margins,
                                          seconds: elapsed(), timings: timings, domains: domains, lps: lps)
            }
            reason = why
        }
        if deadline.hasPassed {
            return VerificationResult(verdict: .timeout, method: method.rawValue, margins: margins,
                                      seconds: elapsed(), timings: timings, domains: domains, lps: lps)
        }
        let open = margins.enumerated().flatMap { r, ms in ms.enumerated().filter { $0.element <= 0 }.map { "region \(r) conjunction \($0.offset)" } }
        let verdict = Verdict.unknown(reason: reason
            ?? "\(method.rawValue) could not refute \(open.count) violation case(s) (first: \(open.first ?? "?")); a stronger method may")
        return VerificationResult(verdict: verdict, method: method.rawValue, margins: margins,
                                  seconds: elapsed(), timings: timings, domains: domains, lps: lps)
    }

    /// Input splitting on every region with an open violation case. Returns a verdict when one is
    /// reached (verified: every open region proved; falsified: a candidate that re-checks;
    /// timeout), otherwise the reason it stopped, and the numbers of domains bounded and LPs solved.
    func branch(_ graph: Graph, property: Property, margins: [[Double]], strategy: VerificationMethod,
                rootBounds: [[IntervalTensor]?] = [], deadline: Deadline) -> (Verdict?, String?, Int, Int) {
        var domains = 0, lps = 0
        let name = strategy == .inputSplit ? "input splitting" : "activation splitting"
        for (r, regionMargins) in margins.enumerated() where !regionMargins.allSatisfy({ $0 > 0 }) {
            let outcome: BaBOutcome
            if strategy == .inputSplit {
                var splitOptions = InputSplitBaB.Options()
                if let branching = options.inputBranching { splitOptions.branching = branching }
                if options.falsify {
                    // Keep attacking where the bounds are worst: PGD on the open sub-boxes with the
                    // lowest margins (a small pocket the first attack's starts missed).
                    let seed = options.seed, violation = property.regions[r].violation
                    splitOptions.subdomainAttack = { lower, upper, round in
                        var attack = PGDAttack.Options(restarts: 8, steps: 40)
                        attack.seed = seed &+ UInt64(round)
                        let sub = Property(inputCount: property.inputCount, outputCount: property.outputCount,
                                           regions: [Region(box: InputBox(lower: lower, upper: upper), violation: violation)])
                        let found = PGDAttack(options: attack).search(graph, property: sub, shouldStop: { deadline.hasPassed })
                        return found.violates ? found.candidate?.input : nil
                    }
                }
                let (o, stats) = InputSplitBaB(graph: graph, options: splitOptions)
                    .run(property, region: r, shouldStop: { deadline.hasPassed }, progress: options.progress)
                outcome = o
                domains += stats.domains
            } else {
                var babOptions = ActivationSplitBaB.Options()
                if let beta = options.betaIterations { babOptions.betaIterations = beta }
                let (o, stats) = ActivationSplitBaB(graph: graph, options: babOptions)
                    .run(property, region: r, rootBounds: r < rootBounds.count ? rootBounds[r] : nil,
                         shouldStop: { deadline.hasPassed }, progress: options.progress)
                outcome = o
                domains += stats.domains
                lps += stats.lps
            }
            switch outcome {
            case .verified:
                continue
            case .counterexample(let x):
                // Reported only if our own forward pass confirms it.
                if let cex = Counterexample.check(x, graph: graph, property: property) {
                    return (.falsified(cex), nil, domains, lps)
                }
                return (nil, "\(name) found a candidate in region \(r) that did not re-check", domains, lps)
            case .timeout:
                return (.timeout, nil, domains, lps)
            case .unknown(let why):
                return (nil, "region \(r): \(why)", domains, lps)
            }
        }
        return (.verified, nil, domains, lps)
    }
}

public enum VerificationError: Error, Sendable, CustomStringConvertible {
    case mismatch(String)
    public var description: String {
        switch self { case .mismatch(let m): m }
    }
}
