// vernier-bench: measurements that are not tests (see benchmarks/README.md).
//
//   vernier-bench forward <model> [--batch N] [--seconds S]
//
// Times batched forward evaluation (double precision) and prints one CSV row:
//   model,batch,samples_per_second,microseconds_per_sample
import Foundation
import VernierCore
import VernierIO

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(64)
}

var args = Array(CommandLine.arguments.dropFirst())
guard args.first == "forward", args.count >= 2 else {
    fail("usage: vernier-bench forward <model> [--batch N] [--seconds S]")
}
let modelPath = args[1]
var batch = 1
var seconds = 2.0
var i = 2
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
BLAS.setThreadCount(1)
AllocatorTuning.keepFreedMemory()

var rng = SystemRandomNumberGenerator()
let input = Tensor(shape: [batch] + graph.inputShape,
                   data: (0..<(batch * graph.inputCount)).map { _ in Double.random(in: 0...1, using: &rng) })
var sink = 0.0
// Warm up, then run for the requested time.
for _ in 0..<3 { sink += graph.forward(input).data[0] }
var runs = 0
let start = DispatchTime.now()
var elapsed = 0.0
repeat {
    sink += graph.forward(input).data[0]
    runs += 1
    elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
} while elapsed < seconds
let perSecond = Double(runs * batch) / elapsed
let name = URL(fileURLWithPath: modelPath).lastPathComponent
print("\(name),\(batch),\(String(format: "%.1f", perSecond)),\(String(format: "%.3f", 1e6 / perSecond))")
if sink.isNaN { print("# (NaN outputs)") }
