import Foundation
import Testing
import VernierAttack
import VernierCore
import VernierIO
import VernierSpec
import VernierTestSupport

// Temporary measurement harness (deleted before hand-off).
@Suite struct ZZProbeTemporary {
    @Test func probe() throws {
        guard let which = ProcessInfo.processInfo.environment["VERNIER_PGD_PROBE"] else { return }
        let dir = TestPaths.sharedBenchmarks.appendingPathComponent("mnist_fc")
        let csv = try String(contentsOf: dir.appendingPathComponent("instances.csv"), encoding: .utf8)
        var graphs = [String: Graph]()
        let budgets: [(String, PGDAttack.Options)] = [
            ("default", .init()),
            ("big", .init(restarts: 50, steps: 200, seed: 1)),
        ]
        for line in csv.split(separator: "\n") {
            let f = line.split(separator: ",").map(String.init)
            guard f.count >= 2, f[0].contains(which) || which == "all" else { continue }
            if graphs[f[0]] == nil { graphs[f[0]] = try ModelFile.loadGraph(path: dir.appendingPathComponent(f[0]).path) }
            let g = graphs[f[0]]!
            let p = try VNNLib.load(path: dir.appendingPathComponent(f[1]).path)
            var out = "\(f[0]) \(f[1])"
            for (name, o) in budgets {
                let clock = ContinuousClock()
                var r: AttackResult?
                let t = clock.measure { r = PGDAttack(options: o).search(g, property: p) }
                let ok = r!.violates ? p.isViolated(input: r!.candidate!.input, output: g.evaluate(r!.candidate!.input)) : true
                out += " | \(name): \(r!.violates ? "SAT" : "---") m=\(String(format: "%.4f", r!.bestMargins.max()!)) t=\(String(format: "%.3f", Double(t.components.attoseconds) / 1e18 + Double(t.components.seconds)))s bw=\(r!.statistics.backwardPasses) recheck=\(ok)"
                if r!.violates { break }
            }
            print("PROBE", out)
        }
    }
}
