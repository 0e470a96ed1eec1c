import VernierCore

/// β-CROWN's Lagrangian terms for the split constraints of a branch-and-bound domain.
///
/// A domain D restricts some activation inputs z_j (value v, element j) to intervals. CROWN uses a
/// restriction only where z_j's own relaxation is built; the layers *below* z_j never learn that
/// z_j ≥ 0 (say), so the bound can be attained by an input that violates the split. β-CROWN adds,
/// per bounded row and split element, a multiplier t_j and the term
///
///     t_j·z_j − max(t_j·l_j, t_j·u_j)  ≤ 0   for every x ∈ D,
///
/// where [l_j, u_j] are z_j's bounds on D (they hold there; they include the split). Adding a
/// term that is ≤ 0 on D to the bounded quantity only lowers it, so any certified lower bound of
/// the sum is one of the row on D — for *every* t, whatever the optimiser does. The backward pass
/// carries t_j·z_j back through the layers below (`BackwardPass.lowerBounds(injected:)`), which is
/// where the split starts to matter. (t < 0 on a lower end is the usual β ≥ 0 on "z ≥ l"; t > 0
/// on an upper end is β on "z ≤ u"; one signed multiplier covers both ends.)
///
/// Rounding: t is used exactly as stored (it is the injected coefficient), and the constant
/// −max(t·l, t·u) is rounded down (the product rounded up by one ulp, `nextUp`, then negated, and
/// every sum rounded down), so the injected term is ≤ 0 in exact arithmetic too.
///
/// Gradient: with the relaxation lines fixed the bound is linear in the injected coefficients, and
/// ∂L/∂t_j = ẑ_j − (t_j > 0 ? u_j : l_j), where ẑ_j is z_j's relaxed value at the concretising
/// input (see `AlphaCROWN.relaxedValues`); at t_j = 0 the one-sided derivative that increases L.
struct SplitMultipliers: Sendable {
    struct Element: Sendable {
        var value: Int
        var element: Int
        var lower: Double
        var upper: Double
    }

    let elements: [Element]

    /// The split elements of `restrictions` on values before `target`, with their bounds on the
    /// domain (`bounds`, already intersected with the restrictions). Elements without a finite end
    /// are left out (their multiplier would be pinned at 0).
    init(restrictions: BoundRestrictions, bounds: [IntervalTensor], before target: Int) {
        var out = [Element]()
        for v in restrictions.intervals.keys.sorted() where v < target {
            for j in restrictions.intervals[v]!.keys.sorted() {
                let l = bounds[v].lower.data[j], u = bounds[v].upper.data[j]
                guard l.isFinite || u.isFinite, l <= u else { continue }
                out.append(Element(value: v, element: j, lower: l, upper: u))
            }
        }
        elements = out
    }

    var isEmpty: Bool { elements.isEmpty }

    /// The multipliers' box per element (index k·m + r for element k and row r): t may be negative
    /// only with a finite lower end, positive only with a finite upper end.
    func limits(rows m: Int) -> (lower: [Double], upper: [Double]) {
        var lo = [Double](), hi = [Double]()
        for e in elements {
            lo += repeatElement(e.lower.isFinite ? -.infinity : 0, count: m)
            hi += repeatElement(e.upper.isFinite ? .infinity : 0, count: m)
        }
        return (lo, hi)
    }

    /// The injected coefficients (per value, rows × elements) and the constant per row, for
    /// multipliers `t` (index k·m + r).
    func injection(_ t: [Double], rows m: Int, graph: Graph) -> ([Int: CoefficientMatrix], [Double]) {
        var coefficients = [Int: CoefficientMatrix]()
        var bias = [Double](repeating: 0, count: m)
        for (k, e) in elements.enumerated() {
            let n = Shape.count(graph.shape(of: e.value))
            var matrix = coefficients[e.value] ?? .zeros(rows: m, columns: n)
            for r in 0..<m {
                let tk = t[k * m + r]
                guard tk != 0 else { continue }
                // Each (value, element) occurs once in `elements`, so the entry is t itself.
                matrix.data[r * n + e.element] = tk
                let end = tk > 0 ? e.upper : e.lower
                let constant = -(tk * end).nextUp
                bias[r] = (bias[r] + constant).nextDown
                if bias[r].isNaN { bias[r] = -.infinity }
            }
            coefficients[e.value] = matrix
        }
        return (coefficients, bias)
    }

    /// ∂L/∂t for every multiplier, from the relaxed values of the traced pass.
    func gradient(_ t: [Double], relaxed: [[Double]], rows m: Int) -> [Double] {
        var g = [Double](repeating: 0, count: elements.count * m)
        for (k, e) in elements.enumerated() {
            let values = relaxed[e.value]
            guard !values.isEmpty else { continue }
            let n = values.count / m
            for r in 0..<m {
                let z = values[r * n + e.element], tk = t[k * m + r]
                if tk > 0 {
                    g[k * m + r] = z - e.upper
                } else if tk < 0 {
                    g[k * m + r] = z - e.lower
                } else if e.upper.isFinite, z > e.upper {
                    g[k * m + r] = z - e.upper
                } else if e.lower.isFinite, z < e.lower {
                    g[k * m + r] = z - e.lower
                }
            }
        }
        return g
    }
}
