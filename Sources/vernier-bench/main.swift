// vernier-bench: measurements that are not tests (see benchmarks/README.md).
//
//   vernier-bench forward <model> [--batch N] [--seconds S]
//   vernier-bench bounds <model> <vnnlib> [--method crown|alpha-crown] [--seconds S] [--lower-only]
//                        [--set name=value …]
//
// `forward` times batched forward evaluation (double precision) and prints one CSV row:
//   model,batch,samples_per_second,microseconds_per_sample
// `bounds` repeats the bounding of every violation row of the property (model and property loaded
// once, outside the clock) for about S seconds and prints one CSV row:
//   model,property,method,first_row_lower_bound,runs,milliseconds_per_run,first_run_milliseconds
// (the first run pays for cold caches and first-touch page faults, as a one-shot `vernier bounds` does)
// It is the loop to put under a profiler (`perf record`), where a single `vernier bounds` run is
// dominated by process start-up. first_row_lower_bound sums each region's first-row lower bound
// (a check that a tuning run changed something). `--set` overrides an α-CROWN option for tuning:
// iterations, learningRate, piecewiseLinearLearningRate, decay, patience,
// intermediateIterationShare, optimizeIntermediate (0/1).
import Foundation
import VernierCore
import VernierIO
import VernierSpec
import VernierBounds

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(64)
}

/// Runs `body` once (the cold call, timed apart), then until `seconds` have passed.
struct Timing {
    var runs: Int
    var elapsed: Double
    var firstCall: Double
    /// Keeps the work from being optimised away.
    var sink: Double
}

func timeRepeatedly(seconds: Double, _ body: () throws -> Double) rethrows -> Timing {
    let first = DispatchTime.now()
    var sink = try body()
    let firstCall = Double(DispatchTime.now().uptimeNanoseconds - first.uptimeNanoseconds) / 1e9
    var runs = 0
    let start = DispatchTime.now()
    var elapsed = 0.0
    repeat {
        sink += try body()
        runs += 1
        elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    } while elapsed < seconds
    return Timing(runs: runs, elapsed: elapsed, firstCall: firstCall, sink: sink)
}

func forward(_ args: [String]) {
    guard args.count >= 1 else { fail("usage: vernier-bench forward <model> [--batch N] [--seconds S]") }
    let modelPath = args[0]
    var batch = 1
    var seconds = 2.0
    var i = 1
    while i < args.count {
        switch args[i] {
        case "--batch":
            guard i + 1 < args.count, let b = Int(args[i + 1]), b > 0 else { fail("--batch needs a positive integer") }
            batch = b; i += 2
        case "--seconds":
            guard i + 1 < args.count, let s = Double(args[i + 1]), s > 0 else { fail("--seconds needs a positive number") }
            seconds = s; i += 2
        default: fail("unknown argument \(args[i])")
        }
    }
    let graph: Graph
    do { graph = try ModelFile.loadGraph(path: modelPath) } catch { fail("\(error)") }
    var rng = SystemRandomNumberGenerator()
    let input = Tensor(shape: [batch] + graph.inputShape,
                       data: (0..<(batch * graph.inputCount)).map { _ in Double.random(in: 0...1, using: &rng) })
    let t = timeRepeatedly(seconds: seconds) { graph.forward(input).data[0] }
    let perSecond = Double(t.runs * batch) / t.elapsed
    let name = URL(fileURLWithPath: modelPath).lastPathComponent
    print("\(name),\(batch),\(String(format: "%.1f", perSecond)),\(String(format: "%.3f", 1e6 / perSecond))")
    if t.sink.isNaN { print("# (NaN outputs)") }
}

func bounds(_ args: [String]) {
    let usage = "usage: vernier-bench bounds <model> <vnnlib> [--method crown|alpha-crown] [--seconds S] [--lower-only] [--set name=value …]"
    guard args.count >= 2 else { fail(usage) }
    var method = "crown"
    var seconds = 2.0
    var lowerOnly = false
    var settings = [String]()
    var i = 2
    while i < args.count {
        switch args[i] {
        case "--method":
            guard i + 1 < args.count, ["crown", "alpha-crown"].contains(args[i + 1]) else { fail("--method needs crown or alpha-crown") }
            method = args[i + 1]; i += 2
        case "--seconds":
            guard i + 1 < args.count, let s = Double(args[i + 1]), s > 0 else { fail("--seconds needs a positive number") }
            seconds = s; i += 2
        case "--lower-only": lowerOnly = true; i += 1
        case "--set":
            guard i + 1 < args.count else { fail("--set needs name=value") }
            settings.append(args[i + 1]); i += 2
        default: fail("unknown argument \(args[i])\n\(usage)")
        }
    }
    let graph: Graph
    let property: Property
    do {
        graph = try ModelFile.loadGraph(path: args[0])
        property = try VNNLib.load(path: args[1])
    } catch { fail("\(error)") }
    let regions = property.regions.map { r -> (InputBox, CoefficientMatrix) in
        let rows = r.violation.flatMap(\.constraints).map(\.coefficients)
        return (r.box, CoefficientMatrix(rows: rows.count, columns: graph.outputCount, data: rows.flatMap { $0 }))
    }
    var options = AlphaCROWN.Options()
    options.lowerOnly = lowerOnly
    for setting in settings {
        let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let value = Double(parts[1]) else { fail("--set needs name=value, got \(setting)") }
        switch parts[0] {
        case "iterations": options.iterations = Int(value)
        case "learningRate": options.learningRate = value
        case "piecewiseLinearLearningRate": options.piecewiseLinearLearningRate = value
        case "decay": options.decay = value
        case "patience": options.patience = Int(value)
        case "intermediateIterationShare": options.intermediateIterationShare = value
        case "optimizeIntermediate": options.optimizeIntermediate = value != 0
        default: fail("unknown α-CROWN option \(parts[0])")
        }
    }
    do {
        let t = try timeRepeatedly(seconds: seconds) {
            var s = 0.0
            for (box, c) in regions {
                if method == "crown" {
                    s += try CROWN(graph: graph).bounds(lower: box.lower, upper: box.upper, specification: c, lowerOnly: lowerOnly).lower[0]
                } else {
                    s += try AlphaCROWN(graph: graph, options: options).bounds(lower: box.lower, upper: box.upper, specification: c).lower[0]
                }
            }
            return s
        }
        let name = URL(fileURLWithPath: args[0]).lastPathComponent
        let spec = URL(fileURLWithPath: args[1]).lastPathComponent
        print("\(name),\(spec),\(method),\(t.sink / Double(t.runs + 1)),\(t.runs),\(String(format: "%.3f", t.elapsed * 1000 / Double(t.runs))),"
              + String(format: "%.3f", t.firstCall * 1000))
        if t.sink.isNaN { print("# (NaN bound)") }
    } catch { fail("\(error)") }
}

BLAS.setThreadCount(1)
AllocatorTuning.keepFreedMemory()
let args = Array(CommandLine.arguments.dropFirst())
switch args.first {
case "forward": forward(Array(args.dropFirst()))
case "bounds": bounds(Array(args.dropFirst()))
default: fail("usage: vernier-bench forward|bounds … (see the header of Sources/vernier-bench/main.swift)")
}
