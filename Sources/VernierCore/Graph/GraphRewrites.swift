/// Pattern rewrites applied after lowering, e.g. recognising `x * Sigmoid(x)` as SiLU so that the
/// bound engine can use the dedicated (much tighter) relaxation instead of a product.
///
/// A rewrite must preserve the function computed by the graph exactly (in real arithmetic).
public protocol GraphRewrite: Sendable {
    /// Returns the rewritten graph, or nil when the pattern does not occur.
    func rewrite(_ graph: Graph) -> Graph?
}

public enum GraphRewrites {
    /// The rewrites applied by `GraphBuilder`, in order. Each runs to a fixed point.
    public static let all: [any GraphRewrite] = ActivationPatterns.rewrites

    public static func apply(to graph: Graph) -> Graph {
        var g = graph
        for r in all {
            var rounds = 0
            while let next = r.rewrite(g), rounds < 10_000 {
                g = next.prunedToOutput()
                rounds += 1
            }
        }
        return g
    }
}
