import CGLPK

/// A linear program owned by Swift, solved with GLPK's simplex method.
///
/// Variables (columns) have optional lower/upper bounds; constraints (rows) are sparse linear forms
/// with optional lower/upper bounds. The problem is freed in `deinit`. All indices are validated
/// in Swift before they reach GLPK, whose own error handling aborts the process.
public final class LinearProgram {
    private let problem: OpaquePointer
    public private(set) var variableCount = 0
    public private(set) var constraintCount = 0

    public enum Direction: Sendable { case minimize, maximize }

    public init(direction: Direction = .minimize) {
        // GLPK prints progress (e.g. "Scaling...") to stdout unless told not to; stdout is ours.
        glp_term_out(GLP_OFF)
        problem = glp_create_prob()
        glp_set_obj_dir(problem, direction == .minimize ? GLP_MIN : GLP_MAX)
    }

    deinit { glp_delete_prob(problem) }

    /// Adds a variable `lower <= x <= upper` (nil = unbounded on that side); returns its index.
    @discardableResult
    public func addVariable(lower: Double?, upper: Double?, objective: Double = 0) throws -> Int {
        try Self.checkBounds(lower, upper, what: "variable \(variableCount)")
        let j = glp_add_cols(problem, 1)
        Self.setBounds(lower, upper) { glp_set_col_bnds(problem, j, $0, $1, $2) }
        glp_set_obj_coef(problem, j, objective)
        variableCount += 1
        return variableCount - 1
    }

    /// Sets the objective coefficient of a variable and the constant term.
    public func setObjective(_ coefficients: [Int: Double], constant: Double = 0) throws {
        for j in 0..<variableCount { glp_set_obj_coef(problem, Int32(j + 1), 0) }
        for (j, c) in coefficients {
            guard (0..<variableCount).contains(j), c.isFinite else { throw LPError.invalidModel("objective coefficient \(c) for variable \(j)") }
            glp_set_obj_coef(problem, Int32(j + 1), c)
        }
        guard constant.isFinite else { throw LPError.invalidModel("objective constant \(constant)") }
        glp_set_obj_coef(problem, 0, constant)
    }

    /// Adds `lower <= Σ coefficients[j]·x_j <= upper`; returns the row index.
    @discardableResult
    public func addConstraint(_ terms: [(variable: Int, coefficient: Double)], lower: Double?, upper: Double?) throws -> Int {
        try Self.checkBounds(lower, upper, what: "constraint \(constraintCount)")
        var seen = Set<Int>()
        for t in terms {
            guard (0..<variableCount).contains(t.variable) else { throw LPError.invalidModel("constraint uses unknown variable \(t.variable)") }
            guard t.coefficient.isFinite else { throw LPError.invalidModel("constraint coefficient \(t.coefficient) is not finite") }
            guard seen.insert(t.variable).inserted else { throw LPError.invalidModel("variable \(t.variable) appears twice in one constraint") }
        }
        let i = glp_add_rows(problem, 1)
        Self.setBounds(lower, upper) { glp_set_row_bnds(problem, i, $0, $1, $2) }
        // GLPK arrays are 1-based: element 0 is ignored.
        var indices: [Int32] = [0] + terms.map { Int32($0.variable + 1) }
        var values: [Double] = [0] + terms.map(\.coefficient)
        glp_set_mat_row(problem, i, Int32(terms.count), &indices, &values)
        constraintCount += 1
        return constraintCount - 1
    }

    /// Solves with the primal simplex (after a scaling pass), within `timeLimit` seconds.
    public func solve(timeLimit: Double? = nil) throws -> LPOutcome {
        var params = glp_smcp()
        glp_init_smcp(&params)
        params.msg_lev = GLP_MSG_OFF
        params.presolve = GLP_OFF
        if let t = timeLimit { params.tm_lim = Int32(clamping: Int(max(1, t * 1000))) }
        glp_scale_prob(problem, GLP_SF_AUTO)
        let rc = glp_simplex(problem, &params)
        switch rc {
        case 0: break
        case GLP_ETMLIM: throw LPError.timeLimit
        case GLP_EITLIM: throw LPError.iterationLimit
        case GLP_ENOPFS: return .infeasible
        case GLP_ENODFS: return .unbounded
        default: throw LPError.solverFailure(code: Int(rc))
        }
        switch glp_get_status(problem) {
        case GLP_OPT:
            let x = (0..<variableCount).map { glp_get_col_prim(problem, Int32($0 + 1)) }
            return .optimal(objective: glp_get_obj_val(problem), solution: x)
        case GLP_NOFEAS: return .infeasible
        case GLP_UNBND: return .unbounded
        case let s: throw LPError.solverFailure(code: Int(s))
        }
    }

    /// Row duals (Lagrange multipliers) of the last solve, one per constraint, in GLPK's sign
    /// convention for the problem's direction. Only meaningful after `.optimal`; callers that
    /// derive a certified bound from them must treat them as mere guesses (any multipliers give a
    /// valid bound by weak duality when it is evaluated rigorously).
    public func rowDuals() -> [Double] {
        (0..<constraintCount).map { glp_get_row_dual(problem, Int32($0 + 1)) }
    }

    /// Double-bounded ranges must be at least this wide, relative to max(1, |bound|).
    public static let minimumRelativeWidth = 1e-11

    // MARK: Helpers

    private static func checkBounds(_ lower: Double?, _ upper: Double?, what: String) throws {
        if let l = lower, !l.isFinite { throw LPError.invalidModel("\(what): lower bound \(l) is not finite (use nil)") }
        if let u = upper, !u.isFinite { throw LPError.invalidModel("\(what): upper bound \(u) is not finite (use nil)") }
        if let l = lower, let u = upper, l > u { throw LPError.invalidModel("\(what): lower bound \(l) exceeds upper bound \(u)") }
        // GLPK's simplex asserts (aborting the process) when scaling maps a double-bounded range
        // to a point; a range this narrow is refused instead, and the caller fixes or widens it.
        if let l = lower, let u = upper, l < u, u - l <= minimumRelativeWidth * max(1, abs(l), abs(u)) {
            throw LPError.invalidModel("\(what): range [\(l), \(u)] is too narrow for the solver (fix the variable or widen it)")
        }
    }

    private static func setBounds(_ lower: Double?, _ upper: Double?, _ set: (Int32, Double, Double) -> Void) {
        switch (lower, upper) {
        case (nil, nil): set(GLP_FR, 0, 0)
        case let (l?, nil): set(GLP_LO, l, 0)
        case let (nil, u?): set(GLP_UP, 0, u)
        case let (l?, u?): set(l == u ? GLP_FX : GLP_DB, l, u)
        }
    }
}

/// The result of a solve. Solver trouble is a thrown `LPError`, never an outcome: a caller may
/// treat `.infeasible` as "this domain is empty" only because trouble cannot masquerade as it.
public enum LPOutcome: Sendable, Equatable {
    case optimal(objective: Double, solution: [Double])
    case infeasible
    case unbounded
}

public enum LPError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidModel(String)
    case timeLimit
    case iterationLimit
    case solverFailure(code: Int)

    public var description: String {
        switch self {
        case .invalidModel(let m): "invalid LP: \(m)"
        case .timeLimit: "LP time limit reached"
        case .iterationLimit: "LP iteration limit reached"
        case .solverFailure(let c): "GLPK failed (code \(c))"
        }
    }
}
