import VernierCore
import VernierSpec

/// A forward-only search of the edges of low-dimensional input boxes: every vertex, and evenly
/// spaced points on every edge (the segments along which one input varies and the others sit at
/// a bound).
///
/// Why edges: a ReLU network is piecewise linear, and where its violation set is a thin sliver it
/// often touches the box's boundary, where PGD's clamped steps rarely settle on the right
/// segment. On ACAS Xu net 1-9 property 7 the property fails all along the edge where x₀, x₁, x₂,
/// x₄ sit at their lower bounds and x₃ ∈ [0.105, 0.33]: 100 PGD restarts miss it, and input
/// splitting came upon another, tiny pocket only after 18–77 s; the scan's point x₃ = 0.125 hits
/// it in milliseconds. Cost: 2ⁿ vertices + n·2ⁿ⁻¹ edges × `pointsPerEdge` forward passes
/// (32 + 80 × 15 = 1,232 for 5 inputs), batched, n counting only inputs whose range is not a
/// single point; boxes with more than `maxDimension` (at most 20) such inputs are skipped.
///
/// Like PGD, it is incomplete and exact in what it reports: a point is returned only if a plain
/// forward pass of it violates the property (`Property.isViolated`).
public struct EdgeScan: Sendable {
    public var pointsPerEdge: Int
    public var maxDimension: Int
    /// Forward passes per batch.
    public var batchSize = 1024

    public init(pointsPerEdge: Int = 15, maxDimension: Int = 8) {
        self.pointsPerEdge = pointsPerEdge
        self.maxDimension = maxDimension
    }

    /// The first violating point found on the edges of the property's regions, or nil.
    public func search(_ graph: Graph, property: Property, shouldStop: () -> Bool = { false }) -> [Double]? {
        guard property.inputCount == graph.inputCount, property.outputCount == graph.outputCount else { return nil }
        for region in property.regions {
            if shouldStop() { return nil }
            let box = region.box
            guard box.lower.count == graph.inputCount, box.upper.count == graph.inputCount,
                  zip(box.lower, box.upper).allSatisfy({ $0.isFinite && $1.isFinite && $0 <= $1 }) else { continue }
            // Only inputs with a range have two ends; the others stay at their single value.
            let free = box.lower.indices.filter { box.lower[$0] < box.upper[$0] }
            guard free.count <= min(maxDimension, 20) else { continue }
            var pending = [[Double]]()
            pending.reserveCapacity(batchSize)
            func flush() -> [Double]? {
                defer { pending.removeAll(keepingCapacity: true) }
                guard !pending.isEmpty else { return nil }
                for (x, y) in zip(pending, graph.evaluate(batch: pending)) where region.isViolated(byOutput: y) {
                    // The batched output only nominates; the single-sample pass decides.
                    if property.isViolated(input: x, output: graph.evaluate(x)) { return x }
                }
                return nil
            }
            // Each vertex (bit k of `corner` puts free input k at its upper end), then the points
            // along each edge leaving it in a direction whose bit is 0 (every edge walked once).
            for corner in 0..<(1 << free.count) {
                var vertex = box.lower
                for (k, d) in free.enumerated() where corner >> k & 1 == 1 { vertex[d] = box.upper[d] }
                pending.append(vertex)
                for (k, d) in free.enumerated() where corner >> k & 1 == 0 {
                    for step in stride(from: 1, through: pointsPerEdge, by: 1) {
                        var x = vertex
                        let t = Double(step) / Double(pointsPerEdge + 1)
                        x[d] = min(max(box.lower[d] + t * (box.upper[d] - box.lower[d]), box.lower[d]), box.upper[d])
                        pending.append(x)
                    }
                }
                if pending.count >= batchSize {
                    if let x = flush() { return x }
                    if shouldStop() { return nil }
                }
            }
            if let x = flush() { return x }
        }
        return nil
    }
}
