import ArgumentParser
import Foundation
import VernierCore
import VernierIO
import VernierLipschitz

struct Monotonicity: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Certify that an output never decreases (or never increases) with an input feature over a region.",
        discussion: """
        Certified means every (Clarke) partial derivative ∂y_K/∂x_I over the region has the required sign; \
        violated comes with two points of the region, differing only in feature I, whose outputs (enclosed \
        rigorously) move the wrong way. Exit codes: 0 certified, 1 violated, 2 unknown or timeout, \
        64 usage error, 65 invalid model/region/unsupported operator, 70 internal error.
        """)

    @Option(name: .long, help: "Model file (.onnx or .json).")
    var model: String

    @Option(name: .long, help: "Input feature index (0-based).")
    var feature: Int

    @Option(name: .long, help: "Output index (0-based).")
    var output: Int = 0

    @Option(name: .long, help: "increasing or decreasing.")
    var direction: MonotonicityDirection = .increasing

    @OptionGroup var region: LipschitzRegionOptions

    @Option(name: .long, help: "Time limit in seconds.")
    var timeout: Double = 60

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func validate() throws {
        if !(timeout > 0) { throw ValidationError("--timeout must be positive") }
    }

    func run() throws {
        try runGuarded {
            let graph = try ModelFile.loadGraph(path: model)
            let boxes = try region.boxes(for: graph)
            let checker = MonotonicityChecker(graph: graph)
            let perRegion = timeout / Double(boxes.count)
            let results = try withLipschitzErrors {
                try boxes.map { try checker.check(lower: $0.lower, upper: $0.upper, output: output, feature: feature,
                                                  direction: direction, timeout: perRegion) }
            }
            let verdict: MonotonicityResult.Verdict =
                results.contains { $0.verdict == .violated } ? .violated
                : (results.allSatisfy { $0.verdict == .certified } ? .certified : .unknown)
            if json {
                try printJSON([
                    "verdict": verdict.rawValue, "feature": feature, "output": output, "direction": direction.rawValue,
                    "regions": results.map { r in [
                        "verdict": r.verdict.rawValue, "derivative_lower": jsonNumber(r.derivativeLower),
                        "derivative_upper": jsonNumber(r.derivativeUpper), "domains": r.domains, "seconds": r.seconds,
                        "timed_out": r.timedOut,
                        "witness": r.witness.map { ["first": $0.first, "second": $0.second] } ?? NSNull(),
                    ] as [String: Any] },
                ] as [String: Any])
            } else {
                print("output \(output) \(direction.rawValue) in feature \(feature): \(verdict.rawValue)")
                for (k, r) in results.enumerated() {
                    let prefix = results.count > 1 ? "  region \(k): " : "  "
                    print(prefix + String(format: "∂y/∂x ∈ [%.6g, %.6g], %d sub-boxes, %.3f s", r.derivativeLower, r.derivativeUpper, r.domains, r.seconds)
                          + (r.timedOut ? " (time limit hit)" : ""))
                    if let w = r.witness {
                        print(prefix + "witness: x = \(w.first), x′ = \(w.second)")
                    }
                }
            }
            switch verdict {
            case .certified: return ExitCodes.verified
            case .violated: return ExitCodes.falsified
            case .unknown: return ExitCodes.unknown
            }
        }
    }
}
