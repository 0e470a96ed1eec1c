import VernierCore
import VernierSpec

/// Cheap falsification before bounding: the centre of every region, then random points and random
/// box vertices (seeded). A stand-in for the gradient attack, and a useful one: many `sat`
/// instances are violated at or near the centre. Every hit is re-checked by `Counterexample.check`.
public struct QuickFalsifier: Sendable {
    public var samplesPerRegion: Int
    public var seed: UInt64

    public init(samplesPerRegion: Int = 256, seed: UInt64 = 0) {
        self.samplesPerRegion = samplesPerRegion
        self.seed = seed
    }

    public func search(_ graph: Graph, property: Property, deadline: Deadline) -> Counterexample? {
        var rng = SplitMix64(seed: seed)
        for region in property.regions {
            let box = region.box
            let center = zip(box.lower, box.upper).map { 0.5 * $0 + 0.5 * $1 }
            if let cex = Counterexample.check(center, graph: graph, property: property) { return cex }
            // Batches of candidates, evaluated together.
            var remaining = samplesPerRegion
            while remaining > 0, !deadline.hasPassed {
                let n = min(64, remaining)
                remaining -= n
                let candidates: [[Double]] = (0..<n).map { k in
                    zip(box.lower, box.upper).map { l, u in
                        k % 2 == 0 ? (rng.nextUnit() < 0.5 ? l : u) : l + (u - l) * rng.nextUnit()
                    }
                }
                let outputs = graph.evaluate(batch: candidates)
                for (x, y) in zip(candidates, outputs) where region.isViolated(byOutput: y) {
                    if let cex = Counterexample.check(x, graph: graph, property: property) { return cex }
                }
            }
        }
        return nil
    }
}

/// SplitMix64: small, fast and deterministic under a seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1].
    mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
