/// Why a VNN-LIB file could not be turned into a `Property`.
///
/// The description is always a single line of the form `file:line:column: message`
/// (the file and location are left out when unknown), so it can be printed as is by the
/// command-line tool and recognised by editors.
public struct VNNLibError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which side of an input variable's range is missing.
    public enum BoundSide: String, Sendable, Equatable {
        case lower
        case upper
    }

    public enum Kind: Sendable, Equatable {
        /// The file could not be read at all.
        case cannotRead(reason: String)
        /// End of file reached while a `(` opened at `openedAt` was still open.
        case unclosedParenthesis(openedAt: SourceLocation)
        /// A `)` with no `(` to close.
        case unmatchedCloseParenthesis
        /// A string literal (`"…"`) or quoted symbol (`|…|`) that never ends.
        case unterminatedLiteral(openedAt: SourceLocation)
        /// Something other than `(` where a command must start (top level).
        case expectedOpenParenthesis(found: String)
        /// A `(` not followed by an operator name.
        case expectedOperator(found: String)
        /// A top-level command this reader does not know (`declare-fun`, …).
        case unknownCommand(String)
        /// An operator this reader does not know inside a formula or term (`not`, `/`, …).
        case unknownOperator(String)
        /// A command (`assert`, `declare-const`, …) nested inside another command; usually a
        /// `)` is missing for the `(` at `enclosingOpenedAt`, the outermost open list.
        case misplacedCommand(String, enclosingOpenedAt: SourceLocation)
        /// A token that starts like a number but is not one (`1.2.3`, `1e`).
        case malformedNumber(String)
        /// A number too large for a Double (`1e400`).
        case numberOutOfRange(String)
        /// A declared name that is not `X_<i>` or `Y_<j>`.
        case invalidVariableName(String)
        /// A variable used without a `declare-const`.
        case undeclaredVariable(String)
        /// The same variable declared twice.
        case duplicateDeclaration(name: String, previous: SourceLocation)
        /// A declaration with a sort other than `Real`.
        case unsupportedSort(name: String, sort: String)
        /// An operator applied to the wrong number of arguments.
        case wrongArgumentCount(operator: String, expected: String, found: Int)
        /// A term (number, variable, arithmetic) where a true/false formula is needed.
        case expectedFormula(found: String)
        /// A formula or other non-term where a number, variable or arithmetic term is needed.
        case expectedTerm(found: String)
        /// A product of two non-constant factors (`(* X_0 X_1)`): not linear.
        case nonlinearProduct
        /// The arithmetic of a comparison overflowed to infinity (or NaN), e.g. `(* 1e300 1e300)`.
        case arithmeticOverflow
        /// A comparison mentioning both input (`X`) and output (`Y`) variables.
        case mixedInputOutputConstraint
        /// An input constraint that is not a bound of one variable against a constant.
        case unsupportedInputConstraint(String)
        /// The disjunctive normal form would have more disjuncts than the limit.
        case tooManyDisjuncts(limit: Int)
        /// The disjunctive normal form would hold more literals in total than the limit.
        case tooManyLiterals(limit: Int)
        /// No variable with this prefix (`X` or `Y`) was declared.
        case noVariables(prefix: String)
        /// Indices must run 0, 1, …, n-1: `missing` is absent although `highest` is declared.
        case indexGap(missing: String, highest: String)
        /// An input lacks a bound in some disjunct; `disjunct` is 1-based, nil when there is only one.
        case unboundedInput(name: String, side: BoundSide, disjunct: Int?)
        /// An input's bounds contradict each other (lower > upper) in some disjunct.
        case emptyInputBox(name: String, lower: Double, upper: Double, disjunct: Int?)
        /// Every disjunct is false by constant comparisons (e.g. `(<= 1 0)`): nothing to verify.
        case unsatisfiable
    }

    public var kind: Kind
    /// Where in the text the problem is; nil for whole-file problems.
    public var location: SourceLocation?
    /// The file name (or another label for the text) as given by the caller.
    public var source: String?

    public init(_ kind: Kind, at location: SourceLocation? = nil, source: String? = nil) {
        self.kind = kind
        self.location = location
        self.source = source
    }

    public var description: String {
        var prefix = ""
        if let source { prefix += source + ":" }
        if let location { prefix += "\(location):" }
        return prefix.isEmpty ? message : prefix + " " + message
    }

    /// The message without file and location.
    public var message: String {
        switch kind {
        case .cannotRead(let reason):
            return "cannot read VNN-LIB file: \(reason)"
        case .unclosedParenthesis(let openedAt):
            return "unbalanced parentheses: '(' opened at \(openedAt) is never closed"
        case .unmatchedCloseParenthesis:
            return "unbalanced parentheses: ')' has no matching '('"
        case .unterminatedLiteral(let openedAt):
            return "literal opened at \(openedAt) is never closed"
        case .expectedOpenParenthesis(let found):
            return "expected '(' to start a command, found '\(found)'"
        case .expectedOperator(let found):
            return "expected an operator name after '(', found \(found)"
        case .unknownCommand(let name):
            return "unknown command '\(name)' (expected declare-const or assert)"
        case .unknownOperator(let name):
            return "unknown operator '\(name)' (supported: and, or, <=, >=, <, >, =, +, -, *)"
        case .misplacedCommand(let name, let enclosing):
            return "'\(name)' is only allowed at the top level (is a ')' missing for the '(' opened at \(enclosing)?)"
        case .malformedNumber(let text):
            return "malformed number '\(text)'"
        case .numberOutOfRange(let text):
            return "number '\(text)' is out of the range of a Double"
        case .invalidVariableName(let name):
            return "invalid variable name '\(name)' (expected X_<index> for inputs or Y_<index> for outputs)"
        case .undeclaredVariable(let name):
            return "undeclared variable '\(name)'"
        case .duplicateDeclaration(let name, let previous):
            return "'\(name)' is declared twice (first at \(previous))"
        case .unsupportedSort(let name, let sort):
            return "'\(name)' has sort '\(sort)'; only Real is supported"
        case .wrongArgumentCount(let op, let expected, let found):
            return "'\(op)' expects \(expected), found \(found)"
        case .expectedFormula(let found):
            return "expected a formula (comparison, and, or), found \(found)"
        case .expectedTerm(let found):
            return "expected a number, variable or arithmetic term, found \(found)"
        case .nonlinearProduct:
            return "product of two non-constant terms is not linear"
        case .arithmeticOverflow:
            return "arithmetic in this comparison overflows the range of a Double"
        case .mixedInputOutputConstraint:
            return "unsupported constraint: it mixes input (X) and output (Y) variables"
        case .unsupportedInputConstraint(let what):
            return "unsupported input constraint: \(what); inputs may only be bounded by constants"
        case .tooManyDisjuncts(let limit):
            return "formula expands to more than \(limit) disjuncts in disjunctive normal form"
        case .tooManyLiterals(let limit):
            return "formula's disjunctive normal form would hold more than \(limit) constraints in total"
        case .noVariables(let prefix):
            return "no \(prefix == "X" ? "input" : "output") variables (\(prefix)_0, …) are declared"
        case .indexGap(let missing, let highest):
            return "'\(missing)' is not declared although '\(highest)' is (indices must have no gaps)"
        case .unboundedInput(let name, let side, let disjunct):
            return "input '\(name)' has no \(side.rawValue) bound" + Self.inDisjunct(disjunct)
        case .emptyInputBox(let name, let lower, let upper, let disjunct):
            return "input '\(name)' has an empty range: lower bound \(lower) > upper bound \(upper)" + Self.inDisjunct(disjunct)
        case .unsatisfiable:
            return "the formula is false in every disjunct (constant comparisons); there is nothing to verify"
        }
    }

    private static func inDisjunct(_ disjunct: Int?) -> String {
        disjunct.map { " (in disjunct \($0) of the formula's disjunctive normal form)" } ?? ""
    }
}
