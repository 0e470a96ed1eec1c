/// One normalised comparison of a VNN-LIB formula, the literal of the disjunctive normal form.
///
/// Every comparison is rewritten as `expression <= 0` (an equality becomes two atoms) and
/// then classified: a bound on a single input, or a linear constraint on outputs. Anything
/// else is rejected when the atom is built, with the location of the comparison.
enum VNNLibAtom {
    /// `X_index <= value` (`isUpper`) or `X_index >= value`.
    case inputBound(index: Int, isUpper: Bool, value: Double, location: SourceLocation)
    /// `Σ coefficient·Y_index <= rhs`, sparse.
    case output(terms: [(index: Int, coefficient: Double)], rhs: Double)

    /// The result of classifying `expression <= 0`.
    enum Classification {
        case constant(Bool)
        case atom(VNNLibAtom)
    }

    /// Classifies `expression <= 0`; `location` is the comparison's, for errors.
    static func classify(_ expression: LinearExpression, at location: SourceLocation) throws(VNNLibError) -> Classification {
        var e = expression
        if !e.constant.isFinite || e.terms.contains(where: { !$0.coefficient.isFinite }) {
            throw VNNLibError(.arithmeticOverflow, at: location)
        }
        e.dropZeroTerms()
        if e.terms.isEmpty { return .constant(e.constant <= 0) }

        var inputs: [(index: Int, coefficient: Double)] = []
        var outputs: [(index: Int, coefficient: Double)] = []
        for (variable, coefficient) in e.terms {
            switch variable {
            case .input(let i): inputs.append((i, coefficient))
            case .output(let j): outputs.append((j, coefficient))
            }
        }
        if !inputs.isEmpty && !outputs.isEmpty {
            throw VNNLibError(.mixedInputOutputConstraint, at: location)
        }
        if inputs.count > 1 {
            let names = inputs.map { "X_\($0.index)" }.joined(separator: ", ")
            throw VNNLibError(.unsupportedInputConstraint("it relates several inputs (\(names))"), at: location)
        }
        if let (index, a) = inputs.first {
            // a·x + k <= 0  ⇔  x <= -k/a (a > 0)  or  x >= -k/a (a < 0).
            var value = -e.constant / a
            let isUpper = a > 0
            // The division may round. `k + value·a` evaluated with one rounding (fused) is zero
            // exactly when it did not (barring underflow, excluded by the magnitude test);
            // otherwise widening by one ulp keeps the box a superset of the written one,
            // which is the sound direction for verification.
            let k = e.constant
            let exact = a == 1 || a == -1 || k == 0
                || (abs(k) > 0x1p-900 && abs(a) > 0x1p-100 && k.addingProduct(value, a) == 0)
            if !exact {
                value = isUpper ? value.nextUp : value.nextDown
            }
            if !value.isFinite { throw VNNLibError(.arithmeticOverflow, at: location) }
            return .atom(.inputBound(index: index, isUpper: isUpper, value: value, location: location))
        }
        return .atom(.output(terms: outputs, rhs: -e.constant))
    }
}
