import VernierCore
import VernierSpec
import VernierBounds
import VernierLP

/// The LP view of an activation-split domain, over the input variables only, solved with GLPK.
///
/// Every quantity the domain constrains is bounded by linear forms in the input that the backward
/// pass derives on the domain's own bounds: for a restricted neuron z ∈ [lo, hi],
/// `A_lo·x + o_lo ≤ z ≤ A_hi·x + o_hi`, and for each row of the open violation conjunction
/// `c·y ≥ A_c·x + o_c`. Any input of the domain that violates the conjunction therefore satisfies
///
///     A_lo·x ≤ hi − o_lo,   −A_hi·x ≤ o_hi − lo,   A_c·x ≤ rhs − o_c   (x in the box),
///
/// so if this system has no solution in the box, the conjunction is refuted on the domain. The
/// system is a relaxation in general and exact (up to rounding slack) when every activation the
/// forms pass through is linear on the domain — all ReLUs stable or split — which is what makes
/// activation splitting complete on piecewise-linear networks.
///
/// Deciding: GLPK minimises the common violation t of the system `a_i·x − t ≤ h_i`; its duals give
/// Farkas multipliers and `FarkasCertificate` checks them rigorously (GLPK's floating-point answer
/// is never trusted for a refutation). When t* ≈ 0, the LP's x is a candidate counterexample that
/// the caller re-checks with a forward pass. Solver trouble (time or iteration limit, failure) makes
/// the domain undecided, never refuted.
struct DomainLP {
    enum Verdict {
        /// Certified: no input of the domain violates the conjunction.
        case refuted
        /// The LP's best point (check it with a forward pass).
        case candidate([Double])
        case undecided(String)
    }

    let graph: Graph
    var timeLimit: Double = 1

    /// Decides `conjunction` on the domain with restrictions `restrictions`, given the domain's
    /// CROWN result (its intermediate bounds and relaxation lines).
    func decide(box: InputBox, conjunction: Conjunction, restrictions: BoundRestrictions,
                bounded result: CROWN.Result) -> Verdict {
        var rows = [[Double]](), rhs = [Double]()
        var violationRows = 0
        let pass = BackwardPass(graph: graph, bounds: result.intermediate, parameters: result.lines, concretizeCuts: false)
        do {
            // Violation rows first: c·y ≤ rhs with c·y ≥ A_c·x + o_c.
            let c = conjunction.constraints
            let spec = CoefficientMatrix(rows: c.count, columns: graph.outputCount, data: c.flatMap(\.coefficients))
            let out = try pass.lowerBounds(spec, at: graph.outputValue)
            for (i, constraint) in c.enumerated() {
                append(out, row: i, bound: constraint.rhs, to: &rows, &rhs)
            }
            violationRows = rows.count
            // Restrictions: z ≤ hi with z ≥ A·x + o; z ≥ lo with −z ≥ A'·x + o'.
            for (value, perElement) in restrictions.intervals.sorted(by: { $0.key < $1.key }) {
                let elements = perElement.keys.sorted()
                let n = Shape.count(graph.shape(of: value))
                var a = CoefficientMatrix.zeros(rows: 2 * elements.count, columns: n)
                for (r, j) in elements.enumerated() {
                    a.data[r * n + j] = 1
                    a.data[(elements.count + r) * n + j] = -1
                }
                let forms = try pass.lowerBounds(a, at: value)
                for (r, j) in elements.enumerated() {
                    let interval = perElement[j]!
                    if interval.upper.isFinite { append(forms, row: r, bound: interval.upper, to: &rows, &rhs) }
                    if interval.lower.isFinite { append(forms, row: elements.count + r, bound: -interval.lower, to: &rows, &rhs) }
                }
            }
        } catch {
            return .undecided("LP encoding failed: \(error)")
        }
        if rows.isEmpty { return .undecided("nothing to constrain") }
        return solve(rows: rows, rhs: rhs, violationRows: violationRows, box: box)
    }

    /// Appends `form_row·x ≤ bound − offset_row` (the offset subtracted upward: a weaker, sound row).
    private func append(_ form: BackwardPass.Result, row r: Int, bound: Double, to rows: inout [[Double]], _ rhs: inout [Double]) {
        let a = form.inputCoefficients
        let offset = form.offset[r]
        // A vacuous form (−∞ offset) constrains nothing.
        guard offset.isFinite else { return }
        rows.append(Array(a.data[(r * a.columns)..<((r + 1) * a.columns)]))
        rhs.append((bound - offset).nextUp)
    }

    func solve(rows: [[Double]], rhs: [Double], violationRows: Int, box: InputBox) -> Verdict {
        let n = box.lower.count
        do {
            // 1. Refute: minimise the common violation t ≥ 0 of all rows; certify with its duals.
            let (lp, _) = try program(rows: rows, rhs: rhs, box: box, slackRows: 0..<rows.count, tLower: 0)
            switch try lp.solve(timeLimit: timeLimit) {
            case .optimal:
                // Minimisation with ≤ rows: active rows have duals ≤ 0; ν = −dual.
                let nu = lp.rowDuals().map { max(0, -$0) }
                let margin = FarkasCertificate.margin(rows: rows, rhs: rhs, multipliers: nu, lower: box.lower, upper: box.upper)
                if margin > 0 { return .refuted }
            case .infeasible, .unbounded:
                // t ≥ 0 free above and x in a box: the LP is always feasible and bounded below.
                return .undecided("GLPK reported an impossible status for the violation LP")
            }
            // 2. A candidate deep inside the violation: keep the domain's rows hard and minimise
            //    the largest violation row (t free), so rounding and solver tolerances do not
            //    leave the point on the boundary c·y = rhs.
            let (deep, _) = try program(rows: rows, rhs: rhs, box: box, slackRows: 0..<violationRows, tLower: nil)
            if case .optimal(_, let solution) = try deep.solve(timeLimit: timeLimit) {
                return .candidate(Array(solution[0..<n]))
            }
            return .undecided("no LP candidate")
        } catch {
            return .undecided("\(error)")
        }
    }

    /// A certified lower bound on max_i (a_i·x − h_i) over the box, the LP's minimiser, and its
    /// dual multipliers (weights for `CombinedRow`).
    ///
    /// GLPK minimises t subject to a_i·x − t ≤ h_i; its duals ν ≥ 0 (Σν = 1 at an optimum) are
    /// only guesses, and the bound is evaluated rigorously: for any ν ≥ 0 with sum S,
    /// Σν_i(a_i·x − h_i) ≤ S·max_i(a_i·x − h_i), so with F the certified box minimum of the left
    /// side (`FarkasCertificate`), max_i(…) ≥ F / S everywhere in the box — positive when F is
    /// (the rows have no common solution; F itself is returned then, only its sign is used), and
    /// F divided by S rounded down when F ≤ 0. Solver trouble gives −∞ and no point.
    func combinedMargin(rows: [[Double]], rhs: [Double], box: InputBox) -> (margin: Double, point: [Double]?, multipliers: [Double]?) {
        let n = box.lower.count
        do {
            let (lp, _) = try program(rows: rows, rhs: rhs, box: box, slackRows: 0..<rows.count, tLower: nil)
            guard case .optimal(_, let solution) = try lp.solve(timeLimit: timeLimit) else { return (-.infinity, nil, nil) }
            let nu = lp.rowDuals().map { max(0, -$0) }
            let f = FarkasCertificate.margin(rows: rows, rhs: rhs, multipliers: nu, lower: box.lower, upper: box.upper)
            let point = Array(solution[0..<n])
            if f > 0 { return (f, point, nu) }
            var sum = 0.0
            for v in nu where v > 0 { sum = (sum + v).nextDown }
            guard sum > 0, f.isFinite else { return (-.infinity, point, nu) }
            return ((f / sum).nextDown, point, nu)
        } catch {
            return (-.infinity, nil, nil)
        }
    }

    /// min t over x in the box with `a_i·x − t ≤ h_i` for rows in `slackRows` and `a_i·x ≤ h_i`
    /// for the others.
    private func program(rows: [[Double]], rhs: [Double], box: InputBox, slackRows: Range<Int>,
                         tLower: Double?) throws -> (LinearProgram, Int) {
        let lp = LinearProgram(direction: .minimize)
        for d in 0..<box.lower.count {
            var (l, u) = (box.lower[d], box.upper[d])
            // GLPK refuses a range narrower than `minimumRelativeWidth`: the LP gets a slightly
            // wider one (a relaxation). Refutations are certified on the true box and candidates
            // are clamped to it, so this changes no answer's soundness.
            let minimum = 2 * LinearProgram.minimumRelativeWidth * max(1, abs(l), abs(u))
            if l < u, u - l <= minimum {
                let mid = 0.5 * l + 0.5 * u
                (l, u) = (mid - minimum, mid + minimum)
            }
            try lp.addVariable(lower: l, upper: u)
        }
        let t = try lp.addVariable(lower: tLower, upper: nil, objective: 1)
        for (i, (row, h)) in zip(rows, rhs).enumerated() {
            var terms = [(variable: Int, coefficient: Double)]()
            for (k, v) in row.enumerated() where v != 0 { terms.append((k, v)) }
            if slackRows.contains(i) { terms.append((t, -1)) }
            try lp.addConstraint(terms, lower: nil, upper: h)
        }
        return (lp, t)
    }
}
