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
/// it in milliseconds. Cost: n·2ⁿ⁻¹ edges × `pointsPerEdge` forward
/// passes (1,232 for 5 inputs and 15 points), batched; boxes with more than `maxDimension`
/// inputs are skipped.
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
            let box = region.box
            let n = box.lower.count
            guard n >= 1, n <= maxDimension, box.lower.count == box.upper.count,
                  zip(box.lower, box.upper).allSatisfy({ $0.isFinite && $1.isFinite && $0 <= $1 }) else { continue }
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
            // Each vertex (bit d of `corner` picks upper for input d), then along each edge leaving
            // it in a direction d whose bit is 0 (so every edge is walked once).
            for corner in 0..<(1 << n) {
                let vertex = (0..<n).map { corner >> $0 & 1 == 1 ? box.upper[$0] : box.lower[$0] }
                pending.append(vertex)
                for d in 0..<n where corner >> d & 1 == 0 && box.lower[d] < box.upper[d] {
                    for k in 1...max(1, pointsPerEdge) {
                        var x = vertex
                        let t = Double(k) / Double(pointsPerEdge + 1)
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
