import VernierCore

/// Planes bounding the maximum (or minimum) of a set of candidates: variables x_j ∈ [l_j, u_j]
/// (operand scalars) and at most one constant c. Shared by `MaxPool`, `Reduction` (max, min)
/// and `ElementwiseExtremum`.
///
/// For z = max(x_1, …, x_n, c):
///
/// **Lower plane** z ≥ x_k for one candidate k (or z ≥ c): valid for *every* choice, since the
/// maximum is at least each of its arguments — exact, slope 1 and intercept 0, no rounding. The
/// candidate with the largest value at the box centre ((l_j + u_j)/2; ties: larger l_j) is taken:
/// the area criterion, which for max(x, 0) is CROWN's adaptive ReLU lower bound (x when u > −l, else
/// 0). When one candidate's lower bound dominates every other's upper bound it is also the one with
/// the largest centre, and z = x_k exactly.
///
/// **Upper plane**, the better at the box centre of:
/// - the constant U = max_j u_j (and c): z ≤ U, valid because max is non-decreasing in each
///   argument;
/// - the plane z ≤ Σ_j s_j·x_j + I with s_j = (u_j − L)⁺/(u_j − l_j), L = max of the lower bounds (and
///   c) — the generalised ReLU triangle: it equals z at the all-lower vertex and is exactly z = x_k
///   when candidate k dominates (s_k = 1, all other s_j = 0). The slopes are only a heuristic: the
///   intercept is computed rigorously for the computed slopes, as
///
///       I ≥ max_{x ∈ box} (max_j x_j − Σ_j s_j x_j) = max_k [ max_{x_k}(x_k − s_k x_k) + Σ_{j≠k} max_{x_j}(−s_j x_j) ]
///
///   (for s_j ≥ 0, max(−s_j x_j) = −s_j l_j; the constant contributes c + Σ_j (−s_j l_j)). The
///   identity holds because max_x max_k g_k(x) = max_k max_x g_k(x) and each g_k is separable in the
///   coordinates. Each term is computed rounded up: M = Σ_j up(−s_j l_j) ≥ the exact sum, and
///   Σ_{j≠k} = M − (−s_k l_k) is bounded above by up(M − down(−s_k l_k)); the per-candidate maximum of
///   the linear x_k − s_k·x_k is at an end, each bounded above with `DirectedRounding`.
///
/// **Minimum.** min(x, c) = −max(−x, −c), and negation is exact: the planes of the maximum of the
/// negated candidates (bounds [−u_j, −l_j]) with slopes kept and intercepts negated, lower and upper
/// swapped (if −z ≤ Σ s_j (−x_j) + I then z ≥ Σ s_j x_j − I).
enum ExtremumPlanes {
    /// Reusable scratch space (one relaxation per output element, no per-element allocation).
    struct Scratch {
        var lower: [Double] = []
        var upper: [Double] = []
        var upperTerms: [(Int, Double)] = []
    }

    /// Appends to `planes` the planes of the maximum (`minimum: false`) or minimum of the
    /// candidates at `columns` (distinct) with bounds `lower`/`upper` (same order), and the
    /// constant when given.
    static func append(to planes: inout OutputPlanes, columns: [Int], lower: [Double], upper: [Double],
                       constant: Double?, minimum: Bool, scratch: inout Scratch) {
        let n = columns.count
        // Work on the maximum: negate the candidates of a minimum.
        scratch.lower.removeAll(keepingCapacity: true)
        scratch.upper.removeAll(keepingCapacity: true)
        for j in 0..<n {
            scratch.lower.append(minimum ? -upper[j] : lower[j])
            scratch.upper.append(minimum ? -lower[j] : upper[j])
        }
        let c = constant.map { minimum ? -$0 : $0 }
        let l = scratch.lower, u = scratch.upper

        // Lower plane of the maximum: one candidate (index into columns, or nil for the constant).
        var chosen: Int? = nil
        var bestCentre = c ?? -.infinity, bestLower = c ?? -.infinity
        for j in 0..<n {
            var centre = 0.5 * l[j] + 0.5 * u[j]
            if centre.isNaN { centre = -.infinity }
            if chosen == nil && c == nil && j == 0 || centre > bestCentre || (centre == bestCentre && l[j] > bestLower) {
                chosen = j
                bestCentre = centre
                bestLower = l[j]
            }
        }
        let lowerTerm: [(Int, Double)] = chosen.map { [(columns[$0], 1.0)] } ?? []
        let lowerIntercept = chosen == nil ? (c ?? -.infinity) : 0

        // Upper plane of the maximum.
        var bigL = c ?? -.infinity, bigU = c ?? -.infinity
        for j in 0..<n {
            bigL = max(bigL, l[j])
            bigU = max(bigU, u[j])
        }
        var upperIntercept = bigU  // the constant plane
        var upperCentre = bigU
        scratch.upperTerms.removeAll(keepingCapacity: true)
        if bigL.isFinite, let (intercept, centre) = trianglePlane(l, u, c, bigL, columns, &scratch.upperTerms),
           centre < upperCentre || !upperCentre.isFinite {
            upperIntercept = intercept
            upperCentre = centre
        } else {
            scratch.upperTerms.removeAll(keepingCapacity: true)
        }

        if minimum {
            // z = −max: lower ← −(upper plane of the max), upper ← −(lower plane of the max).
            planes.append(lowerTerms: scratch.upperTerms, lowerIntercept: -upperIntercept,
                          upperTerms: lowerTerm, upperIntercept: -lowerIntercept)
        } else {
            planes.append(lowerTerms: lowerTerm, lowerIntercept: lowerIntercept,
                          upperTerms: scratch.upperTerms, upperIntercept: upperIntercept)
        }
    }

    /// The generalised triangle plane of max(x, c) (see the type's documentation): writes its
    /// terms and returns its rigorous intercept and (heuristic) value at the box centre, or nil
    /// when a candidate that can be the maximum is unbounded.
    private static func trianglePlane(_ l: [Double], _ u: [Double], _ c: Double?, _ bigL: Double,
                                      _ columns: [Int], _ terms: inout [(Int, Double)]) -> (Double, Double)? {
        typealias R = DirectedRounding
        let n = l.count
        var slopes = [Double](repeating: 0, count: n)
        var centre = 0.0
        // M ≥ Σ_j (−s_j·l_j).
        var bigM = 0.0
        for j in 0..<n where u[j] > bigL {
            guard l[j].isFinite, u[j].isFinite else { return nil }
            let s = (u[j] - bigL) / (u[j] - l[j])
            guard s.isFinite, s > 0 else { continue }
            slopes[j] = s
            terms.append((columns[j], s))
            bigM = R.addUp(bigM, -R.mulDown(s, l[j]))
            centre += s * (0.5 * l[j] + 0.5 * u[j])
        }
        var intercept = c.map { R.addUp($0, bigM) } ?? -.infinity
        for j in 0..<n {
            let s = slopes[j]
            let term: Double
            if s == 0 {
                // max x_j + Σ_{i≠j} max(−s_i x_i) = u_j + M.
                term = R.addUp(u[j], bigM)
            } else {
                // max over the ends of x − s·x, plus M − (−s·l_j) rounded up.
                let atEnds = max(R.addUp(l[j], -R.mulDown(s, l[j])), R.addUp(u[j], -R.mulDown(s, u[j])))
                term = R.addUp(atEnds, R.addUp(bigM, R.mulUp(s, l[j])))
            }
            intercept = max(intercept, term)
        }
        guard intercept.isFinite else { return nil }
        return (intercept, centre + intercept)
    }
}
