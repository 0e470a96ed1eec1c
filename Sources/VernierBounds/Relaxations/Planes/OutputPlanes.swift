import VernierCore

/// A linear relaxation of an operator given output element by output element: for every output
/// y_o a lower and an upper *plane*, each an affine function of a few operand scalars,
///
///     Σ_t s_t·x_{c_t} + I_lo  ≤  y_o(x)  ≤  Σ_t s′_t·x_{c′_t} + I_up
///
/// holding in exact arithmetic for every operand value inside the operand bounds the planes were
/// built for. This is the shape of every non-affine relaxation here: elementwise products and
/// quotients (two terms), extrema (one term below, the candidates above), matrix products of two
/// variables (2k terms), softmax (one term).
///
/// Columns number the scalars of all operands of one sample: element i of operand k is column
/// `columnOffsets[k] + i`. Invariants, established by `append` (which is the only way in):
/// - slopes are finite and nonzero (zero terms are dropped);
/// - within one plane a column occurs at most once;
/// - an intercept is finite, or the plane is *vacuous* (no terms; the lower intercept −∞ or the
///   upper +∞): nothing is claimed on that side.
/// `backward` (in `OutputPlanes+Backward.swift`) turns the planes into a CROWN step.
struct OutputPlanes {
    /// One side (all lower or all upper planes), in compressed-row form.
    struct Side {
        /// Plane o has the terms `start[o] ..< start[o + 1]`.
        var start: [Int] = [0]
        var column: [Int] = []
        var slope: [Double] = []
        var intercept: [Double] = []
    }

    let columnOffsets: [Int]
    var lower = Side()
    var upper = Side()

    /// Planes over operands with `operandCounts` scalars per sample each.
    init(operandCounts: [Int], reservingOutputs outputs: Int = 0) {
        var offsets = [0]
        for c in operandCounts { offsets.append(offsets.last! + c) }
        columnOffsets = offsets
        lower.start.reserveCapacity(outputs + 1)
        upper.start.reserveCapacity(outputs + 1)
        lower.intercept.reserveCapacity(outputs)
        upper.intercept.reserveCapacity(outputs)
    }

    var columnCount: Int { columnOffsets.last! }
    var outputCount: Int { lower.intercept.count }

    /// The column of element `i` of operand `k`.
    @inline(__always)
    func column(operand k: Int, _ i: Int) -> Int { columnOffsets[k] + i }

    /// Appends the planes of the next output element. `lowerTerms`/`upperTerms` are
    /// (column, slope) pairs, each column at most once per plane (the caller's duty; all callers
    /// relax a product, quotient or selection whose arguments are distinct scalars). A NaN or
    /// infinite intercept or slope makes that plane vacuous, so a caller can pass whatever its
    /// arithmetic produced on unbounded operands.
    mutating func append(lowerTerms: some Sequence<(Int, Double)>, lowerIntercept: Double,
                         upperTerms: some Sequence<(Int, Double)>, upperIntercept: Double) {
        Self.append(&lower, lowerTerms, lowerIntercept, vacuous: -.infinity)
        Self.append(&upper, upperTerms, upperIntercept, vacuous: .infinity)
    }

    /// Appends one-term planes `slope·x_column + intercept` (an elementwise relaxation).
    mutating func append(column: Int, _ relaxation: LinearRelaxation) {
        append(lowerTerms: CollectionOfOne((column, relaxation.lower.slope)), lowerIntercept: relaxation.lower.intercept,
               upperTerms: CollectionOfOne((column, relaxation.upper.slope)), upperIntercept: relaxation.upper.intercept)
    }

    /// Appends vacuous planes (nothing known about this output).
    mutating func appendVacuous() {
        append(lowerTerms: EmptyCollection(), lowerIntercept: -.infinity,
               upperTerms: EmptyCollection(), upperIntercept: .infinity)
    }

    private static func append(_ side: inout Side, _ terms: some Sequence<(Int, Double)>, _ intercept: Double,
                               vacuous: Double) {
        let first = side.column.count
        var valid = intercept.isFinite
        if valid {
            for (c, s) in terms where s != 0 {
                guard s.isFinite else { valid = false; break }
                side.column.append(c)
                side.slope.append(s)
            }
        }
        if !valid {
            side.column.removeSubrange(first...)
            side.slope.removeSubrange(first...)
        }
        side.intercept.append(valid ? intercept : vacuous)
        side.start.append(side.column.count)
    }
}
