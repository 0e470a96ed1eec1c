import Foundation
import VernierCore
import VernierBounds
import VernierSpec

/// Decides a property with CROWN bounds on every violation row (kept no looser than IBP's), and
/// optionally α-CROWN on the most promising row of every conjunction CROWN could not refute (with
/// the region's intermediate bounds tightened by α-CROWN once, when any case is open).
public enum LinearMethod {
    /// Per region and conjunction, the certified margin `max_rows (lower(c·y) − rhs)`.
    public static func margins(_ graph: Graph, property: Property, optimize: Bool = false,
                               alpha: AlphaCROWN.Options = .init(), deadline: Deadline = .never) throws -> [[Double]] {
        try marginsAndBounds(graph, property: property, optimize: optimize, alpha: alpha, deadline: deadline).margins
    }

    /// The margins, and per region the intermediate bounds α-CROWN tightened (nil where no case
    /// stayed open or optimisation was off): valid on the whole region, so a branch-and-bound
    /// search can start from them.
    public static func marginsAndBounds(_ graph: Graph, property: Property, optimize: Bool = false,
                                        alpha: AlphaCROWN.Options = .init(), deadline: Deadline = .never)
        throws -> (margins: [[Double]], bounds: [[IntervalTensor]?]) {
        let ibp = try IntervalMethod.rowLowerBounds(graph, property: property)
        let crown = CROWN(graph: graph, options: alpha.crown)
        var regionBounds = [[IntervalTensor]?]()
        let margins = try property.regions.enumerated().map { r, region in
            let rows = region.violation.flatMap { $0.constraints.map(\.coefficients) }
            let c = CoefficientMatrix(rows: rows.count, columns: graph.outputCount, data: rows.flatMap { $0 })
            let result = try crown.bounds(lower: region.box.lower, upper: region.box.upper, specification: c)
            var k = 0
            var margins = [Double]()
            // α-CROWN's intermediate bounds, tightened once per region when some case stays open.
            var optimizedBounds: [IntervalTensor]?
            for conj in region.violation {
                var best = -Double.infinity
                var bestRow = -1
                for constraint in conj.constraints {
                    let low = max(result.lower[k], ibp[r][k])
                    let margin = (low - constraint.rhs).nextDown
                    if margin > best { best = margin; bestRow = k }
                    k += 1
                }
                if optimize, best <= 0, bestRow >= 0, !deadline.hasPassed {
                    let optimizer = AlphaCROWN(graph: graph, options: alpha)
                    if optimizedBounds == nil {
                        var tightened = result.intermediate
                        if alpha.optimizeIntermediate { try optimizer.tightenIntermediate(&tightened, deadline: { deadline.hasPassed }) }
                        optimizedBounds = tightened
                    }
                    let (optimized, _) = try optimizer.lowerBound(of: rows[bestRow], intermediate: optimizedBounds!,
                                                                  deadline: { deadline.hasPassed })
                    let rhs = conj.constraints[bestRow - (k - conj.constraints.count)].rhs
                    best = max(best, (optimized - rhs).nextDown)
                }
                margins.append(best)
            }
            regionBounds.append(optimizedBounds)
            return margins
        }
        return (margins, regionBounds)
    }
}
