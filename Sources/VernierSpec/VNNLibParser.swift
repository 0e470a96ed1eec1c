/// Reads the VNN-LIB subset used by VNN-COMP into declarations, an atom table, and the
/// whole formula (the conjunction of all assertions) in disjunctive normal form.
///
/// The parser is a shift-reduce loop over tokens with an explicit stack of open lists: each
/// list is reduced to its value (a linear term or a DNF) the moment its `)` is read. There is
/// no recursion and no syntax tree, so nesting depth is limited only by memory, and a file is
/// read in one pass without building intermediate strings.
struct VNNLibParser {
    /// What a parenthesised list does, decided from its first token.
    enum Operator {
        case declareConst
        case assert
        case and
        case or
        case compare(Comparison)
        case add
        case subtract
        case multiply

        var isCommand: Bool {
            switch self {
            case .declareConst, .assert: return true
            default: return false
            }
        }

        var isBoolean: Bool {
            switch self {
            case .assert, .and, .or: return true
            default: return false
            }
        }
    }

    enum Comparison {
        case lessOrEqual, greaterOrEqual, less, greater, equal
    }

    /// The value of a token or reduced list, as seen by its enclosing list.
    enum Value {
        case formula(DisjunctiveNormalForm)
        case term(LinearExpression)
        case symbol(VNNLibToken)
    }

    /// An open list waiting for its `)`.
    struct Frame {
        var op: Operator
        var name: String
        var open: SourceLocation
        var values: [(value: Value, location: SourceLocation)] = []
    }

    /// A declared variable: where it was declared.
    typealias Declarations = [Int: SourceLocation]

    private var lexer: VNNLibLexer
    private let limits: DNFLimits

    private(set) var atoms: [VNNLibAtom] = []
    /// The conjunction of all assertions read so far.
    private(set) var formula = DisjunctiveNormalForm.true
    private(set) var inputs: Declarations = [:]
    private(set) var outputs: Declarations = [:]

    /// Commands that carry no meaning for verification and are skipped whole.
    private static let ignoredCommands: Set<String> = [
        "set-logic", "set-info", "set-option", "check-sat", "get-model", "exit",
    ]

    init(bytes: [UInt8], limits: DNFLimits) {
        lexer = VNNLibLexer(bytes: bytes)
        self.limits = limits
    }

    /// Reads the whole text. Errors carry a location but no source name (the caller adds it).
    mutating func parse() throws(VNNLibError) {
        var stack: [Frame] = []
        while true {
            let token = try lexer.next()
            switch token.kind {
            case .end:
                if let open = stack.last?.open {
                    throw VNNLibError(.unclosedParenthesis(openedAt: open), at: token.location)
                }
                return
            case .open:
                if let frame = try openList(at: token.location, outermost: stack.first?.open) {
                    stack.append(frame)
                }
            case .close:
                guard let frame = stack.popLast() else {
                    throw VNNLibError(.unmatchedCloseParenthesis, at: token.location)
                }
                if let value = try reduce(frame) {
                    // Only commands live at the top level and they reduce to nil,
                    // so a value always has an enclosing list.
                    try push(value, at: frame.open, into: &stack[stack.count - 1])
                }
            case .atom, .literal:
                guard !stack.isEmpty else {
                    throw VNNLibError(.expectedOpenParenthesis(found: lexer.text(of: token)), at: token.location)
                }
                let value = try atomValue(token, in: stack[stack.count - 1])
                stack[stack.count - 1].values.append((value, token.location))
            }
        }
    }

    // MARK: - Opening lists

    /// Reads the operator after `(`; returns nil for an ignored command (already skipped).
    ///
    /// `outermost` is where the enclosing top-level command was opened (nil at top level).
    private mutating func openList(at open: SourceLocation, outermost: SourceLocation?) throws(VNNLibError) -> Frame? {
        let head = try lexer.next()
        switch head.kind {
        case .end:
            throw VNNLibError(.unclosedParenthesis(openedAt: open), at: head.location)
        case .open:
            throw VNNLibError(.expectedOperator(found: "'('"), at: head.location)
        case .close:
            throw VNNLibError(.expectedOperator(found: "')' (empty list)"), at: head.location)
        case .literal:
            throw VNNLibError(.expectedOperator(found: lexer.text(of: head)), at: head.location)
        case .atom:
            break
        }
        let name = lexer.text(of: head)
        let topLevel = outermost == nil
        let op: Operator
        switch name {
        case "declare-const": op = .declareConst
        case "assert": op = .assert
        case "and": op = .and
        case "or": op = .or
        case "<=": op = .compare(.lessOrEqual)
        case ">=": op = .compare(.greaterOrEqual)
        case "<": op = .compare(.less)
        case ">": op = .compare(.greater)
        case "=": op = .compare(.equal)
        case "+": op = .add
        case "-": op = .subtract
        case "*": op = .multiply
        default:
            if topLevel && Self.ignoredCommands.contains(name) {
                try skipToMatchingClose(openedAt: open)
                return nil
            }
            if topLevel {
                throw VNNLibError(.unknownCommand(name), at: head.location)
            }
            if let outermost, Self.ignoredCommands.contains(name) {
                throw VNNLibError(.misplacedCommand(name, enclosingOpenedAt: outermost), at: head.location)
            }
            throw VNNLibError(.unknownOperator(name), at: head.location)
        }
        if topLevel && !op.isCommand {
            throw VNNLibError(.unknownCommand(name), at: head.location)
        }
        if let outermost, op.isCommand {
            throw VNNLibError(.misplacedCommand(name, enclosingOpenedAt: outermost), at: head.location)
        }
        return Frame(op: op, name: name, open: open)
    }

    private mutating func skipToMatchingClose(openedAt open: SourceLocation) throws(VNNLibError) {
        var depth = 1
        while depth > 0 {
            let token = try lexer.next()
            switch token.kind {
            case .open: depth += 1
            case .close: depth -= 1
            case .end: throw VNNLibError(.unclosedParenthesis(openedAt: open), at: token.location)
            case .atom, .literal: break
            }
        }
    }

    // MARK: - Tokens inside lists

    private func atomValue(_ token: VNNLibToken, in frame: Frame) throws(VNNLibError) -> Value {
        switch frame.op {
        case .declareConst:
            return .symbol(token)
        case .assert, .and, .or:
            if token.kind == .atom && lexer.matches(token, "true") { return .formula(.true) }
            if token.kind == .atom && lexer.matches(token, "false") { return .formula(.false) }
            throw VNNLibError(.expectedFormula(found: describe(token)), at: token.location)
        case .compare, .add, .subtract, .multiply:
            return .term(try term(token))
        }
    }

    /// A number or a declared variable.
    private func term(_ token: VNNLibToken) throws(VNNLibError) -> LinearExpression {
        let bytes = lexer.bytes[token.start..<token.end]
        if token.kind == .atom {
            if DecimalNumber.isWellFormed(bytes) {
                guard let value = DecimalNumber.value(bytes), value.isFinite else {
                    throw VNNLibError(.numberOutOfRange(lexer.text(of: token)), at: token.location)
                }
                return LinearExpression(constant: value)
            }
            if DecimalNumber.looksNumeric(bytes) {
                throw VNNLibError(.malformedNumber(lexer.text(of: token)), at: token.location)
            }
            if let variable = Self.variable(named: bytes) {
                let declared: Bool
                switch variable {
                case .input(let i): declared = inputs[i] != nil
                case .output(let j): declared = outputs[j] != nil
                }
                if declared { return LinearExpression(variable: variable) }
            }
        }
        throw VNNLibError(.undeclaredVariable(lexer.text(of: token)), at: token.location)
    }

    private func describe(_ token: VNNLibToken) -> String {
        let text = lexer.text(of: token)
        if DecimalNumber.looksNumeric(lexer.bytes[token.start..<token.end]) { return "number '\(text)'" }
        return "'\(text)'"
    }

    /// Parses `X_<i>` / `Y_<j>` with a canonical decimal index (no sign, no leading zeros,
    /// so `X_01` cannot silently alias `X_1`).
    static func variable(named bytes: ArraySlice<UInt8>) -> VariableReference? {
        guard bytes.count >= 3 else { return nil }
        let s = bytes.startIndex
        let isInput: Bool
        switch bytes[s] {
        case UInt8(ascii: "X"): isInput = true
        case UInt8(ascii: "Y"): isInput = false
        default: return nil
        }
        guard bytes[s + 1] == UInt8(ascii: "_") else { return nil }
        let digits = bytes[(s + 2)...]
        if digits.count > 1 && digits.first == UInt8(ascii: "0") { return nil }
        guard digits.count <= 9 else { return nil }  // keeps the index well inside Int
        var index = 0
        for b in digits {
            guard DecimalNumber.isDigit(b) else { return nil }
            index = index * 10 + Int(b - UInt8(ascii: "0"))
        }
        return isInput ? .input(index) : .output(index)
    }

    // MARK: - Closing lists

    /// Checks that a reduced list fits where it appears and records it.
    private func push(_ value: Value, at location: SourceLocation, into parent: inout Frame) throws(VNNLibError) {
        switch (parent.op, value) {
        case (.declareConst, _):
            throw VNNLibError(.invalidVariableName("(…)"), at: location)
        case (.assert, .term), (.and, .term), (.or, .term):
            throw VNNLibError(.expectedFormula(found: "an arithmetic term"), at: location)
        case (.compare, .formula), (.add, .formula), (.subtract, .formula), (.multiply, .formula):
            throw VNNLibError(.expectedTerm(found: "a formula"), at: location)
        default:
            parent.values.append((value, location))
        }
    }

    /// Evaluates a complete list. Commands take effect here and yield nil.
    private mutating func reduce(_ frame: Frame) throws(VNNLibError) -> Value? {
        switch frame.op {
        case .declareConst:
            try declare(frame)
            return nil
        case .assert:
            guard frame.values.count == 1, case .formula(let f) = frame.values[0].value else {
                throw VNNLibError(.wrongArgumentCount(operator: "assert", expected: "one formula", found: frame.values.count), at: frame.open)
            }
            try formula.conjoin(f, limits: limits, at: frame.open)
            return nil
        case .and:
            var result = DisjunctiveNormalForm.true
            for (value, _) in frame.values {
                if case .formula(let f) = value { try result.conjoin(f, limits: limits, at: frame.open) }
            }
            return .formula(result)
        case .or:
            var result = DisjunctiveNormalForm.false
            for (value, _) in frame.values {
                if case .formula(let f) = value { try result.disjoin(f, limits: limits, at: frame.open) }
            }
            return .formula(result)
        case .compare(let comparison):
            let terms = self.terms(of: frame)
            guard terms.count >= 2 else {
                throw VNNLibError(.wrongArgumentCount(operator: frame.name, expected: "at least two arguments", found: terms.count), at: frame.open)
            }
            // SMT-LIB chains: (<= a b c) means a <= b and b <= c.
            var result = DisjunctiveNormalForm.true
            for k in 0..<(terms.count - 1) {
                let f = try compare(terms[k], comparison, terms[k + 1], at: frame.open)
                try result.conjoin(f, limits: limits, at: frame.open)
            }
            return .formula(result)
        case .add:
            let terms = self.terms(of: frame)
            guard var sum = terms.first else {
                throw VNNLibError(.wrongArgumentCount(operator: "+", expected: "at least one argument", found: 0), at: frame.open)
            }
            for t in terms.dropFirst() { sum.add(t) }
            return .term(sum)
        case .subtract:
            let terms = self.terms(of: frame)
            guard var difference = terms.first else {
                throw VNNLibError(.wrongArgumentCount(operator: "-", expected: "at least one argument", found: 0), at: frame.open)
            }
            if terms.count == 1 {
                difference.scale(by: -1)
            } else {
                for t in terms.dropFirst() { difference.add(t, scaledBy: -1) }
            }
            return .term(difference)
        case .multiply:
            let terms = self.terms(of: frame)
            guard var product = terms.first else {
                throw VNNLibError(.wrongArgumentCount(operator: "*", expected: "at least one argument", found: 0), at: frame.open)
            }
            for t in terms.dropFirst() {
                if t.isConstant {
                    product.scale(by: t.constant)
                } else if product.isConstant {
                    var scaled = t
                    scaled.scale(by: product.constant)
                    product = scaled
                } else {
                    throw VNNLibError(.nonlinearProduct, at: frame.open)
                }
            }
            return .term(product)
        }
    }

    private func terms(of frame: Frame) -> [LinearExpression] {
        frame.values.compactMap { entry in
            if case .term(let t) = entry.value { return t }
            return nil
        }
    }

    private mutating func declare(_ frame: Frame) throws(VNNLibError) {
        guard frame.values.count == 2,
              case .symbol(let nameToken) = frame.values[0].value,
              case .symbol(let sortToken) = frame.values[1].value
        else {
            throw VNNLibError(.wrongArgumentCount(operator: "declare-const", expected: "a name and a sort", found: frame.values.count), at: frame.open)
        }
        let name = lexer.text(of: nameToken)
        guard nameToken.kind == .atom, let variable = Self.variable(named: lexer.bytes[nameToken.start..<nameToken.end]) else {
            throw VNNLibError(.invalidVariableName(name), at: nameToken.location)
        }
        guard sortToken.kind == .atom, lexer.matches(sortToken, "Real") else {
            throw VNNLibError(.unsupportedSort(name: name, sort: lexer.text(of: sortToken)), at: sortToken.location)
        }
        switch variable {
        case .input(let i):
            if let previous = inputs[i] {
                throw VNNLibError(.duplicateDeclaration(name: name, previous: previous), at: nameToken.location)
            }
            inputs[i] = nameToken.location
        case .output(let j):
            if let previous = outputs[j] {
                throw VNNLibError(.duplicateDeclaration(name: name, previous: previous), at: nameToken.location)
            }
            outputs[j] = nameToken.location
        }
    }

    /// `lhs comparison rhs` as a DNF over new atoms.
    ///
    /// Strict comparisons are read as non-strict. For the *violation* condition a VNN-LIB file
    /// states, that can only enlarge the set of counterexamples (and the input region), so a
    /// property proved for the relaxed form also holds for the strict one.
    private mutating func compare(_ lhs: LinearExpression, _ comparison: Comparison, _ rhs: LinearExpression,
                                  at location: SourceLocation) throws(VNNLibError) -> DisjunctiveNormalForm {
        func difference(_ a: LinearExpression, _ b: LinearExpression) -> LinearExpression {
            var d = a
            d.add(b, scaledBy: -1)
            return d
        }
        switch comparison {
        case .lessOrEqual, .less:
            return try atom(difference(lhs, rhs), at: location)
        case .greaterOrEqual, .greater:
            return try atom(difference(rhs, lhs), at: location)
        case .equal:
            var both = try atom(difference(lhs, rhs), at: location)
            try both.conjoin(try atom(difference(rhs, lhs), at: location), limits: limits, at: location)
            return both
        }
    }

    private mutating func atom(_ expression: LinearExpression, at location: SourceLocation) throws(VNNLibError) -> DisjunctiveNormalForm {
        switch try VNNLibAtom.classify(expression, at: location) {
        case .constant(let holds):
            return holds ? .true : .false
        case .atom(let atom):
            guard atoms.count < Int(Int32.max) else {
                throw VNNLibError(.tooManyLiterals(limit: Int(Int32.max)), at: location)
            }
            atoms.append(atom)
            return DisjunctiveNormalForm(atom: Int32(atoms.count - 1))
        }
    }
}
