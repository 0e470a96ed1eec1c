import VernierCore
import VernierBounds

/// Soundness by sampling at the graph level: every sampled input's output must lie in the bounds.
public enum GraphSampling {
    /// Points of the box [lower, upper]: all vertices when the dimension is ≤ 10 (else `samples/4`
    /// random vertices), random interior points, and points a hair inside the faces.
    public static func points(lower: [Double], upper: [Double], samples: Int, seed: UInt64) -> [[Double]] {
        var rng = SeededGenerator(seed: seed)
        let n = lower.count
        var pts = [[Double]]()
        if n <= 10 {
            for mask in 0..<(1 << n) { pts.append((0..<n).map { (mask >> $0) & 1 == 1 ? upper[$0] : lower[$0] }) }
        } else {
            for _ in 0..<(samples / 4) { pts.append((0..<n).map { rng.uniform(0...1) < 0.5 ? lower[$0] : upper[$0] }) }
        }
        for s in 0..<samples {
            pts.append((0..<n).map { i in
                let t = s % 2 == 0 ? rng.uniform(0...1) : (rng.uniform(0...1) < 0.5 ? 1e-9 : 1 - 1e-9)
                return lower[i] + (upper[i] - lower[i]) * t
            })
        }
        return pts
    }

    /// Returns descriptions of outputs outside `[boundLower, boundUpper]` (empty = sound on the samples).
    public static func violations(_ graph: Graph, lower: [Double], upper: [Double],
                                  boundLower: [Double], boundUpper: [Double], samples: Int, seed: UInt64) -> [String] {
        let pts = points(lower: lower, upper: upper, samples: samples, seed: seed)
        var bad = [String]()
        var start = 0
        while start < pts.count {
            let chunk = Array(pts[start..<min(start + 512, pts.count)])
            for (x, y) in zip(chunk, graph.evaluate(batch: chunk)) {
                for j in y.indices where !(boundLower[j] <= y[j] && y[j] <= boundUpper[j]) {
                    bad.append("y[\(j)] = \(y[j]) outside [\(boundLower[j]), \(boundUpper[j])] at x = \(x)")
                    if bad.count >= 5 { return bad }
                }
            }
            start += 512
        }
        return bad
    }
}
