import VernierCore

/// The backward linear-bound (CROWN) capability of an operator.
///
/// Contract of `backward`: given coefficients `A` (m rows over the operator's output y) and
/// bounds on every operand, return operand coefficients `A_k`, a `bias` and a non-negative
/// `slack` such that for every operand value x_k inside its bounds
///
///     A·y(x) ≥ Σ_k A_k·x_k + bias − slack          (row by row, in exact real arithmetic).
///
/// Only lower bounds are propagated; an upper bound of `c·y` is minus the lower bound of `−c·y`,
/// so engines stack `[C; −C]`. `slack` covers every floating-point rounding committed while
/// computing `A_k` and `bias` (so the inequality holds for the *computed* `A_k` and `bias`).
/// Operand bounds are per sample (batch axis of size 1) and may be infinite.
public protocol LinearBoundPropagating: Operator {
    /// Whether the relaxation depends on operand bounds beyond rounding slack (true for
    /// nonlinear operators; the engine then tightens those bounds with CROWN first).
    var needsOperandBounds: Bool { get }

    func backward(_ a: CoefficientMatrix, operandBounds: [IntervalTensor],
                  parameters: RelaxationParameters?) -> BackwardStep
}

extension LinearBoundPropagating {
    public var needsOperandBounds: Bool { true }
}

/// The result of one operator's backward step.
public struct BackwardStep: Sendable {
    /// Coefficients per operand (nil: the operand does not influence the bound).
    public var operandCoefficients: [CoefficientMatrix?]
    /// Per row; may be −∞ (the bound is vacuous), never NaN.
    public var bias: [Double]
    /// Per row, ≥ 0.
    public var slack: [Double]

    public init(operandCoefficients: [CoefficientMatrix?], bias: [Double], slack: [Double]) {
        self.operandCoefficients = operandCoefficients
        self.bias = bias
        self.slack = slack
    }
}

/// Optimisable relaxation parameters of one operator (α-CROWN). Values are passed in and never
/// stored by the operator; every value gives a sound bound (intercepts are always computed
/// rigorously for the given slope), the optimiser only seeks tighter ones.
public struct RelaxationParameters: Sendable, Equatable {
    /// One slope per element for the lower and the upper line; NaN means "choose heuristically".
    public var lowerSlope: [Double]
    public var upperSlope: [Double]
    /// Precomputed relaxation lines, one per element (an engine caches them once the operand
    /// bounds are final, instead of recomputing them in every backward pass). They must have been
    /// computed by the operator's own relaxation for the current operand bounds.
    public var lines: [LinearRelaxation]?

    public init(lowerSlope: [Double], upperSlope: [Double]) {
        self.lowerSlope = lowerSlope
        self.upperSlope = upperSlope
        self.lines = nil
    }

    /// Lines chosen per specification row (α-CROWN optimises every row's slopes separately):
    /// when set and its row count matches the coefficients', it overrides everything above.
    public var rowLines: RowLines?

    public init(lines: [LinearRelaxation]) {
        self.lowerSlope = []
        self.upperSlope = []
        self.lines = lines
    }

    public init(rowLines: RowLines) {
        self.lowerSlope = []
        self.upperSlope = []
        self.lines = nil
        self.rowLines = rowLines
    }
}

/// Relaxation lines per (row, element), row-major `rows × elements`: row r of a backward pass uses
/// line (r, j) for element j. Each line must be valid on the element's operand bounds (intercepts
/// computed rigorously, as `ScalarRelaxation` does), so every row's inequality holds by itself.
public struct RowLines: Sendable, Equatable {
    public var rows: Int
    public var lowerSlope: [Double]
    public var lowerIntercept: [Double]
    public var upperSlope: [Double]
    public var upperIntercept: [Double]

    public init(rows: Int, lowerSlope: [Double], lowerIntercept: [Double], upperSlope: [Double], upperIntercept: [Double]) {
        precondition(lowerSlope.count == lowerIntercept.count && upperSlope.count == upperIntercept.count
                     && lowerSlope.count == upperSlope.count && rows > 0 && lowerSlope.count % rows == 0)
        self.rows = rows
        self.lowerSlope = lowerSlope
        self.lowerIntercept = lowerIntercept
        self.upperSlope = upperSlope
        self.upperIntercept = upperIntercept
    }
}
