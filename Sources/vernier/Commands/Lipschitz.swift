import ArgumentParser
import Foundation
import VernierCore
import VernierIO
import VernierLipschitz

struct Lipschitz: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Certified upper and witnessed lower bounds of a network output's local Lipschitz constant.",
        discussion: """
        For output K (or every region of a VNN-LIB file), bounds L with |y_K(x) − y_K(x′)| ≤ L·‖x − x′‖ for \
        all x, x′ in the region: the upper bound is certified (bound propagation on the Clarke Jacobian, \
        tightened by input splitting until --timeout), the lower bound is witnessed by two points of the \
        region. Also prints the interval-only and the naive product-of-norms baselines. \
        Exit codes: 0 bounds computed, 64 usage error, 65 invalid model/region/unsupported operator, 70 internal error.
        """)

    @Option(name: .long, help: "Model file (.onnx or .json).")
    var model: String

    @OptionGroup var region: LipschitzRegionOptions

    @Option(name: .long, help: "Input norm: inf, 1 or 2.")
    var norm: LipschitzNorm = .infinity

    @Option(name: .long, help: "Output index (0-based).")
    var output: Int = 0

    @Option(name: .long, help: "Time limit in seconds for branch and bound (anytime: the best bound so far is reported).")
    var timeout: Double = 60

    @Option(name: .long, help: "Linear bound: crown or alpha-crown.")
    var method: LipschitzOptions.LinearMethod = .crown

    @Option(name: .long, help: "Budget of sub-boxes for branch and bound.")
    var maxDomains: Int = 4000

    @Flag(name: .long, help: "Skip branch and bound.")
    var noBab = false

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func validate() throws {
        if !(timeout > 0) { throw ValidationError("--timeout must be positive") }
        if maxDomains < 0 { throw ValidationError("--max-domains must be >= 0") }
    }

    func run() throws {
        try runGuarded {
            let graph = try ModelFile.loadGraph(path: model)
            let boxes = try region.boxes(for: graph)
            var options = LipschitzOptions()
            options.linearMethod = method
            options.branchAndBound = !noBab
            options.maxDomains = maxDomains
            let estimator = LipschitzEstimator(graph: graph, options: options)
            let perRegion = timeout / Double(boxes.count)
            let estimates = try withLipschitzErrors {
                try boxes.map { try estimator.estimate(lower: $0.lower, upper: $0.upper, output: output, norm: norm, timeout: perRegion) }
            }
            // Over a union of regions the constant is at least each region's and the larger upper bound covers all.
            let upper = estimates.map(\.upper).max() ?? 0, lower = estimates.map(\.lower).max() ?? 0
            if json {
                try printJSON([
                    "output": output, "norm": norm.rawValue, "upper": jsonNumber(upper), "lower": jsonNumber(lower),
                    "gap_ratio": jsonNumber(lower > 0 ? upper / lower : nil),
                    "regions": estimates.map { e in [
                        "upper": jsonNumber(e.upper), "lower": jsonNumber(e.lower), "gap_ratio": jsonNumber(e.gapRatio),
                        "interval_only": jsonNumber(e.intervalOnly), "linear": jsonNumber(e.linear),
                        "branch_and_bound": jsonNumber(e.branchAndBound), "naive": jsonNumber(e.naive),
                        "sampled_gradient_norm": jsonNumber(e.sampledGradientNorm), "method": e.method,
                        "domains": e.domains, "seconds": e.seconds, "timed_out": e.timedOut,
                        "witness": e.witness.map { ["first": $0.first, "second": $0.second] } ?? NSNull(),
                    ] as [String: Any] },
                ] as [String: Any])
            } else {
                let normName = norm == .infinity ? "L∞" : "L\(norm.rawValue)"
                print("Local Lipschitz constant of output \(output) (\(normName) input norm):")
                for (k, e) in estimates.enumerated() {
                    if estimates.count > 1 { print("region \(k):") }
                    let detail = e.domains > 0 ? ", \(e.domains) sub-boxes" + (e.timedOut ? ", time limit hit" : "") : ""
                    print(String(format: "  certified upper  %.6g", e.upper) + "  (\(e.method)\(detail))")
                    print(String(format: "  witnessed lower  %.6g", e.lower))
                    print("  gap ratio        " + (e.lower > 0 ? String(format: "%.4g", e.gapRatio) : "∞"))
                    print(String(format: "  interval-only    %.6g", e.intervalOnly))
                    print("  naive (global)   " + (e.naive.map { String(format: "%.6g", $0) } ?? "n/a (not a chain)"))
                    print(String(format: "  time             %.3f s", e.seconds))
                }
            }
            return 0
        }
    }
}
