import VernierCore
import VernierBounds
import VernierSpec

/// Decides a property with interval bounds: a region is safe when, for every violation
/// conjunction, some constraint `c·y <= rhs` is impossible, i.e. a rigorous lower bound of `c·y`
/// over the output box exceeds `rhs`.
public enum IntervalMethod {
    /// Per region, the IBP lower bound of every violation row (conjunctions flattened in order).
    public static func rowLowerBounds(_ graph: Graph, property: Property) throws -> [[Double]] {
        try property.regions.map { region in
            let box = IntervalTensor(
                lower: Tensor(shape: [1] + graph.inputShape, data: region.box.lower),
                upper: Tensor(shape: [1] + graph.inputShape, data: region.box.upper))
            let out = try IntervalBoundPropagation.outputBounds(graph, input: box)
            let rows = region.violation.flatMap { $0.constraints.map(\.coefficients) }
            return LinearFormBounds.lowerBounds(of: rows, lower: out.lower.data, upper: out.upper.data)
        }
    }

    /// Per region and conjunction, the best certified margin `max_rows (lower(c·y) − rhs)`;
    /// positive means that conjunction is refuted.
    public static func margins(_ graph: Graph, property: Property) throws -> [[Double]] {
        try property.regions.map { region in
            let box = IntervalTensor(
                lower: Tensor(shape: [1] + graph.inputShape, data: region.box.lower),
                upper: Tensor(shape: [1] + graph.inputShape, data: region.box.upper))
            let out = try IntervalBoundPropagation.outputBounds(graph, input: box)
            return region.violation.map { conj in
                let rows = conj.constraints.map(\.coefficients)
                let lows = LinearFormBounds.lowerBounds(of: rows, lower: out.lower.data, upper: out.upper.data)
                return zip(lows, conj.constraints).map { low, c in (low - c.rhs).nextDown }.max() ?? -.infinity
            }
        }
    }
}
