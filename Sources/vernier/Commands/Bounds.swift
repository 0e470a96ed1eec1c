import ArgumentParser
import Foundation
import VernierCore
import VernierIO
import VernierSpec
import VernierBounds
import VernierVerify

struct Bounds: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print certified lower/upper bounds of every specification row (or every output) over the input region.",
        discussion: """
        With --spec, one line per violation row `c·y <= rhs` of every region: the certified bounds of c·y.
        Without --spec, the bounds of every network output over the box given by --lower/--upper files
        or by --input/--epsilon.
        """)

    @Option(name: .long, help: "Model file (.onnx or .json).")
    var model: String

    @Option(name: .long, help: "VNN-LIB property file.")
    var spec: String?

    @Option(name: .long, help: "Input sample (.npy, .csv or .json) for an L∞ box.")
    var input: String?

    @Option(name: .long, help: "L∞ radius around --input.")
    var epsilon: Double?

    @Option(name: .long, help: "Bounding method: ibp, crown or alpha-crown.")
    var method: VerificationMethod = .crown

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    @Flag(name: .long, help: "Bound only the lower end of every row (CROWN and α-CROWN; halves α-CROWN's work; the upper end reads null in JSON, +inf in text).")
    var lowerOnly = false

    @Option(name: .long, help: "α-CROWN: optimisation steps per row (default 40).")
    var alphaIterations: Int?

    @Option(name: .long, help: "α-CROWN: Adam step on the normalised slopes of every activation (default 0.05 for curved ones, 0.5 for ReLU and other piecewise-linear ones).")
    var alphaLearningRate: Double?

    @Flag(name: .long, help: "Print the bounding time (model and property loading excluded) on stderr, and in the JSON.")
    var timing = false

    func validate() throws {
        if (spec == nil) == (input == nil) { throw ValidationError("give either --spec or --input with --epsilon") }
        if input != nil, epsilon == nil { throw ValidationError("--input needs --epsilon") }
        if ![VerificationMethod.ibp, .crown, .alphaCrown].contains(method) { throw ValidationError("--method must be ibp, crown or alpha-crown") }
        if let n = alphaIterations, n < 0 { throw ValidationError("--alpha-iterations must be >= 0") }
        if let r = alphaLearningRate, !(r > 0 && r.isFinite) { throw ValidationError("--alpha-learning-rate must be a positive number") }
    }

    func run() throws {
        try runGuarded {
            let graph = try ModelFile.loadGraph(path: model)
            var regions: [(lower: [Double], upper: [Double], rows: [[Double]], rhs: [Double?])] = []
            if let spec {
                let p = try VNNLib.load(path: spec)
                guard p.inputCount == graph.inputCount, p.outputCount == graph.outputCount else {
                    throw VerificationError.mismatch("the property has \(p.inputCount) inputs and \(p.outputCount) outputs; the model \(graph.inputCount) and \(graph.outputCount)")
                }
                for r in p.regions {
                    let cs = r.violation.flatMap(\.constraints)
                    regions.append((r.box.lower, r.box.upper, cs.map(\.coefficients), cs.map { $0.rhs }))
                }
            } else {
                let data = try InputData.load(path: input!)
                guard let x = data.samples.first, x.count == graph.inputCount else {
                    throw CLIInputError(message: "'\(input!)' must hold a sample of \(graph.inputCount) values")
                }
                let n = graph.outputCount
                let eye = (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
                regions.append((x.map { ($0 - epsilon!).nextDown }, x.map { ($0 + epsilon!).nextUp }, eye, eye.map { _ in nil }))
            }
            var out = [[String: Any]]()
            let clock = ContinuousClock()
            let started = clock.now
            for (k, r) in regions.enumerated() {
                let lo: [Double]
                var hi: [Double]
                if method == .ibp {
                    let box = IntervalTensor(lower: Tensor(shape: [1] + graph.inputShape, data: r.lower),
                                             upper: Tensor(shape: [1] + graph.inputShape, data: r.upper))
                    let y = try IntervalBoundPropagation.outputBounds(graph, input: box)
                    lo = LinearFormBounds.lowerBounds(of: r.rows, lower: y.lower.data, upper: y.upper.data)
                    hi = LinearFormBounds.lowerBounds(of: r.rows.map { $0.map { -$0 } }, lower: y.lower.data, upper: y.upper.data).map { -$0 }
                } else if method == .crown {
                    let c = CoefficientMatrix(rows: r.rows.count, columns: graph.outputCount, data: r.rows.flatMap { $0 })
                    let res = try CROWN(graph: graph).bounds(lower: r.lower, upper: r.upper, specification: c, lowerOnly: lowerOnly)
                    lo = res.lower
                    hi = res.upper
                } else {
                    let c = CoefficientMatrix(rows: r.rows.count, columns: graph.outputCount, data: r.rows.flatMap { $0 })
                    var options = AlphaCROWN.Options()
                    if let n = alphaIterations { options.iterations = n }
                    if let rate = alphaLearningRate {
                        options.learningRate = rate
                        options.piecewiseLinearLearningRate = rate
                    }
                    options.lowerOnly = lowerOnly
                    let res = try AlphaCROWN(graph: graph, options: options).bounds(lower: r.lower, upper: r.upper, specification: c)
                    lo = res.lower
                    hi = res.upper
                }
                if lowerOnly { hi = hi.map { _ in .infinity } }
                for i in r.rows.indices {
                    var row: [String: Any] = ["region": k, "row": i, "lower": lo[i].isFinite ? lo[i] : NSNull(), "upper": hi[i].isFinite ? hi[i] : NSNull()]
                    if let rhs = r.rhs[i] { row["rhs"] = rhs; row["refuted"] = lo[i] > rhs }
                    out.append(row)
                }
            }
            let elapsed = started.duration(to: clock.now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            if timing { FileHandle.standardError.write(Data("bounding time: \(seconds) s\n".utf8)) }
            if json {
                var document: [String: Any] = ["method": method.rawValue, "rows": out]
                if timing { document["seconds"] = seconds }
                let d = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                print(String(decoding: d, as: UTF8.self))
            } else {
                for row in out {
                    // JSON null (an end not bounded: --lower-only, or an infinite bound) reads as ∓inf.
                    func end(_ key: String, _ infinite: String) -> String { row[key] is NSNull ? infinite : "\(row[key]!)" }
                    var line = "region \(row["region"]!) row \(row["row"]!): [\(end("lower", "-inf")), \(end("upper", "+inf"))]"
                    if let rhs = row["rhs"] { line += "  (violation needs <= \(rhs); refuted: \(row["refuted"]!))" }
                    print(line)
                }
            }
            return 0
        }
    }
}
