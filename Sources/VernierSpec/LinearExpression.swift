/// A VNN-LIB variable after name resolution: input `X_i` or output `Y_j`.
enum VariableReference: Hashable {
    case input(Int)
    case output(Int)

    var name: String {
        switch self {
        case .input(let i): return "X_\(i)"
        case .output(let j): return "Y_\(j)"
        }
    }
}

/// A linear term `Σ coefficient·variable + constant`, the value of every arithmetic
/// sub-expression of a VNN-LIB comparison.
///
/// Terms are kept sparse and in first-mention order: VNN-COMP comparisons mention one or two
/// variables, so a small array beats a dictionary. Arithmetic is plain Double arithmetic;
/// the forms used in VNN-COMP (variable vs. constant, variable vs. variable) need only
/// negation, which is exact, so their constraints are reproduced bit for bit.
struct LinearExpression {
    var terms: [(variable: VariableReference, coefficient: Double)] = []
    var constant: Double = 0

    init(constant: Double) {
        self.constant = constant
    }

    init(variable: VariableReference) {
        terms = [(variable, 1)]
    }

    var isConstant: Bool { terms.isEmpty }

    mutating func add(_ other: LinearExpression, scaledBy factor: Double = 1) {
        constant += factor * other.constant
        for (variable, coefficient) in other.terms {
            if let k = terms.firstIndex(where: { $0.variable == variable }) {
                terms[k].coefficient += factor * coefficient
            } else {
                terms.append((variable, factor * coefficient))
            }
        }
    }

    mutating func scale(by factor: Double) {
        constant *= factor
        for k in terms.indices { terms[k].coefficient *= factor }
    }

    /// Removes variables whose coefficients cancelled out (`Y_0 - Y_0`), so that such a
    /// comparison is recognised as a constant one.
    mutating func dropZeroTerms() {
        terms.removeAll { $0.coefficient == 0 }
    }
}
