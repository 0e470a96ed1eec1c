import ArgumentParser
import Foundation
import VernierCore
import VernierSpec
import VernierLipschitz

/// The input region options shared by `lipschitz` and `monotonicity`: a VNN-LIB box, an L∞ ball
/// around a sample, or an explicit list of intervals.
struct LipschitzRegionOptions: ParsableArguments {
    @Option(name: .long, help: "VNN-LIB property file: its input box(es) are the region.")
    var spec: String?

    @Option(name: .long, help: "Input sample (.npy, .csv or .json): the centre of an L∞ ball (with --epsilon).")
    var input: String?

    @Option(name: .long, help: "L∞ radius around --input.")
    var epsilon: Double?

    @Option(name: .long, help: "Explicit box as comma-separated lower:upper pairs, one per input (e.g. 0:1,-0.5:0.5).")
    var region: String?

    func validate() throws {
        let given = [spec != nil, input != nil, region != nil].filter { $0 }.count
        if given != 1 { throw ValidationError("give exactly one of --spec, --input with --epsilon, or --region") }
        if input != nil, epsilon == nil { throw ValidationError("--input needs --epsilon") }
        if let epsilon, !(epsilon >= 0 && epsilon.isFinite) { throw ValidationError("--epsilon must be a finite number >= 0") }
    }

    /// The boxes (one per VNN-LIB region, else one).
    func boxes(for graph: Graph) throws -> [(lower: [Double], upper: [Double])] {
        if let spec {
            let p = try VNNLib.load(path: spec)
            guard p.inputCount == graph.inputCount else {
                throw CLIInputError(message: "'\(spec)' declares \(p.inputCount) inputs; the model has \(graph.inputCount)")
            }
            return p.regions.map { ($0.box.lower, $0.box.upper) }
        }
        if let input {
            let data = try InputData.load(path: input)
            guard let x = data.samples.first, x.count == graph.inputCount else {
                throw CLIInputError(message: "'\(input)' must hold a sample of \(graph.inputCount) values")
            }
            // Outward rounding: the box contains the exact ball.
            return [(x.map { ($0 - epsilon!).nextDown }, x.map { ($0 + epsilon!).nextUp })]
        }
        let pairs = region!.split(separator: ",").map { $0.split(separator: ":", omittingEmptySubsequences: false) }
        var lower = [Double](), upper = [Double]()
        for (i, p) in pairs.enumerated() {
            guard p.count == 2, let l = Double(p[0].trimmingCharacters(in: .whitespaces)),
                  let u = Double(p[1].trimmingCharacters(in: .whitespaces)) else {
                throw CLIInputError(message: "--region entry \(i) ('\(p.joined(separator: ":"))') is not lower:upper")
            }
            lower.append(l)
            upper.append(u)
        }
        guard lower.count == graph.inputCount else {
            throw CLIInputError(message: "--region has \(lower.count) intervals; the model has \(graph.inputCount) inputs")
        }
        return [(lower, upper)]
    }
}

extension LipschitzNorm: ExpressibleByArgument {}
extension MonotonicityDirection: ExpressibleByArgument {}
extension LipschitzOptions.LinearMethod: ExpressibleByArgument {}

/// Runs a Lipschitz-module call, reporting its typed errors as invalid input (exit 65).
func withLipschitzErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as LipschitzError {
        throw CLIInputError(message: e.description)
    }
}

/// A JSON number, or null for a non-finite value.
func jsonNumber(_ x: Double?) -> Any {
    guard let x, x.isFinite else { return NSNull() }
    return x
}

func printJSON(_ object: Any) throws {
    let d = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    print(String(decoding: d, as: UTF8.self))
}
