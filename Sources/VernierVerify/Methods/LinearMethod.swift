import VernierCore
import VernierBounds
import VernierSpec

/// Decides a property with CROWN bounds on every violation row (kept no looser than IBP's).
public enum LinearMethod {
    /// Per region and conjunction, the certified margin `max_rows (lower(c·y) − rhs)`.
    public static func margins(_ graph: Graph, property: Property, options: CROWN.Options = .init()) throws -> [[Double]] {
        let ibp = try IntervalMethod.rowLowerBounds(graph, property: property)
        let crown = CROWN(graph: graph, options: options)
        return try property.regions.enumerated().map { r, region in
            let rows = region.violation.flatMap { $0.constraints.map(\.coefficients) }
            let c = CoefficientMatrix(rows: rows.count, columns: graph.outputCount, data: rows.flatMap { $0 })
            let result = try crown.bounds(lower: region.box.lower, upper: region.box.upper, specification: c)
            var k = 0
            return region.violation.map { conj in
                conj.constraints.map { constraint -> Double in
                    defer { k += 1 }
                    let low = max(result.lower[k], ibp[r][k])
                    return (low - constraint.rhs).nextDown
                }.max() ?? -.infinity
            }
        }
    }
}
