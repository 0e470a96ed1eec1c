import Testing
@testable import VernierSpec

/// Each way a file can be wrong yields a typed error with the right location and a
/// one-line message.
@Suite struct VNNLibErrorTests {
    private let header = declarations(inputs: 1, outputs: 1)  // lines 1–2

    @Test func unclosedParenthesisNamesWhereItWasOpened() throws {
        let e = try #require(parseError(header + "(assert (>= X_0 0))\n(assert (<= X_0 1)\n"))
        #expect(e.kind == .unclosedParenthesis(openedAt: SourceLocation(line: 4, column: 1)))
        #expect(e.location == SourceLocation(line: 5, column: 1))
        #expect(e.description == "t.vnnlib:5:1: unbalanced parentheses: '(' opened at 4:1 is never closed")
        #expect(!e.description.contains("\n"))
    }

    @Test func missingCloseBeforeNextCommandPointsAtTheOpenList() throws {
        let e = try #require(parseError(header + "(assert (<= X_0 1)\n(assert (>= X_0 0))\n"))
        #expect(e.kind == .misplacedCommand("assert", enclosingOpenedAt: SourceLocation(line: 3, column: 1)))
        #expect(e.location == SourceLocation(line: 4, column: 2))
        #expect(e.description.contains("is a ')' missing for the '(' opened at 3:1?"))
    }

    @Test func unmatchedCloseParenthesis() throws {
        let e = try #require(parseError(header + "(assert (<= X_0 1)))\n"))
        #expect(e.kind == .unmatchedCloseParenthesis)
        #expect(e.location == SourceLocation(line: 3, column: 20))
    }

    @Test func undeclaredVariable() throws {
        let e = try #require(parseError(header + "  (assert (<= X_9 1))\n"))
        #expect(e.kind == .undeclaredVariable("X_9"))
        #expect(e.location == SourceLocation(line: 3, column: 15))
        #expect(e.description == "t.vnnlib:3:15: undeclared variable 'X_9'")
    }

    @Test func variableUsedBeforeDeclaration() throws {
        let e = try #require(parseError("(assert (<= X_0 1))\n(declare-const X_0 Real)\n"))
        #expect(e.kind == .undeclaredVariable("X_0"))
    }

    @Test func badNumbers() throws {
        let malformed = try #require(parseError(header + "(assert (<= X_0 1.2.3))"))
        #expect(malformed.kind == .malformedNumber("1.2.3"))
        #expect(malformed.location == SourceLocation(line: 3, column: 17))
        #expect(parseError(header + "(assert (<= X_0 1e))")?.kind == .malformedNumber("1e"))
        #expect(parseError(header + "(assert (<= X_0 1e400))")?.kind == .numberOutOfRange("1e400"))
        #expect(parseError(header + "(assert (<= X_0 inf))")?.kind == .undeclaredVariable("inf"))
    }

    @Test func emptyBox() throws {
        let e = try #require(parseError(header + "(assert (>= X_0 1))\n(assert (<= X_0 0.5))\n(assert (<= Y_0 0))"))
        #expect(e.kind == .emptyInputBox(name: "X_0", lower: 1, upper: 0.5, disjunct: nil))
        #expect(e.location == SourceLocation(line: 4, column: 9))
    }

    @Test func emptyBoxInOneDisjunctIsStillAnError() throws {
        let text = header + """
            (assert (or (and (>= X_0 0) (<= X_0 1)) (and (>= X_0 3) (<= X_0 2))))
            (assert (<= Y_0 0))
            """
        let e = try #require(parseError(text))
        #expect(e.kind == .emptyInputBox(name: "X_0", lower: 3, upper: 2, disjunct: 2))
    }

    @Test func unboundedInput() throws {
        let text = declarations(inputs: 2, outputs: 1) + "(assert (>= X_0 0)) (assert (<= X_0 1)) (assert (>= X_1 0)) (assert (<= Y_0 0))"
        let e = try #require(parseError(text))
        #expect(e.kind == .unboundedInput(name: "X_1", side: .upper, disjunct: nil))
        #expect(e.location == SourceLocation(line: 2, column: 16))  // the declaration of X_1
        #expect(e.description.contains("input 'X_1' has no upper bound"))
        let lowerMissing = try #require(parseError(header + "(assert (<= X_0 1)) (assert (<= Y_0 0))"))
        #expect(lowerMissing.kind == .unboundedInput(name: "X_0", side: .lower, disjunct: nil))
    }

    @Test func unboundedInOnlyOneDisjunct() throws {
        let text = header + "(assert (or (and (>= X_0 0) (<= X_0 1)) (>= X_0 5))) (assert (<= Y_0 0))"
        #expect(parseError(text)?.kind == .unboundedInput(name: "X_0", side: .upper, disjunct: 2))
    }

    @Test func indexGap() throws {
        let text = "(declare-const X_0 Real)\n(declare-const X_2 Real)\n(declare-const Y_0 Real)\n"
        let e = try #require(parseError(text))
        #expect(e.kind == .indexGap(missing: "X_1", highest: "X_2"))
        #expect(e.location == SourceLocation(line: 2, column: 16))
    }

    @Test func missingVariables() {
        #expect(parseError("")?.kind == .noVariables(prefix: "X"))
        #expect(parseError("(declare-const X_0 Real)")?.kind == .noVariables(prefix: "Y"))
    }

    @Test func declarationProblems() {
        #expect(parseError("(declare-const X_0 Int)")?.kind == .unsupportedSort(name: "X_0", sort: "Int"))
        #expect(parseError("(declare-const Z_0 Real)")?.kind == .invalidVariableName("Z_0"))
        #expect(parseError("(declare-const X_01 Real)")?.kind == .invalidVariableName("X_01"))
        #expect(parseError("(declare-const X_0 Real)\n(declare-const X_0 Real)")?.kind
            == .duplicateDeclaration(name: "X_0", previous: SourceLocation(line: 1, column: 16)))
        #expect(parseError("(declare-const X_0)")?.kind
            == .wrongArgumentCount(operator: "declare-const", expected: "a name and a sort", found: 1))
    }

    @Test func unknownOperatorsAndCommands() {
        let e = parseError(header + "(assert (not (<= X_0 1)))")
        #expect(e?.kind == .unknownOperator("not"))
        #expect(e?.location == SourceLocation(line: 3, column: 10))
        #expect(parseError("(declare-fun f () Real)")?.kind == .unknownCommand("declare-fun"))
        #expect(parseError("(<= X_0 1)")?.kind == .unknownCommand("<="))
        #expect(parseError(header + "(assert (and (assert true)))")?.kind
            == .misplacedCommand("assert", enclosingOpenedAt: SourceLocation(line: 3, column: 1)))
        #expect(parseError("X_0")?.kind == .expectedOpenParenthesis(found: "X_0"))
        #expect(parseError("(assert ())")?.kind == .expectedOperator(found: "')' (empty list)"))
    }

    @Test func typeMistakes() {
        #expect(parseError(header + "(assert X_0)")?.kind == .expectedFormula(found: "'X_0'"))
        #expect(parseError(header + "(assert (+ X_0 1))")?.kind == .expectedFormula(found: "an arithmetic term"))
        #expect(parseError(header + "(assert (<= (and) 1))")?.kind == .expectedTerm(found: "a formula"))
        #expect(parseError(header + "(assert (<= X_0))")?.kind
            == .wrongArgumentCount(operator: "<=", expected: "at least two arguments", found: 1))
        #expect(parseError(header + "(assert (<= X_0 1) (<= X_0 2))")?.kind
            == .wrongArgumentCount(operator: "assert", expected: "one formula", found: 2))
    }

    @Test func unsupportedConstraints() {
        let twoInputs = declarations(inputs: 2, outputs: 1)
        let e = parseError(twoInputs + "(assert (<= X_0 X_1))")
        #expect(e?.kind == .unsupportedInputConstraint("it relates several inputs (X_0, X_1)"))
        #expect(e?.location == SourceLocation(line: 4, column: 9))
        #expect(parseError(header + "(assert (<= X_0 Y_0))")?.kind == .mixedInputOutputConstraint)
        #expect(parseError(header + "(assert (<= (* Y_0 Y_0) 1))")?.kind == .nonlinearProduct)
        #expect(parseError(header + "(assert (<= (* 1e300 1e300 Y_0) 1))")?.kind == .arithmeticOverflow)
        #expect(parseError(header + "(assert (<= (* 1e-300 X_0) 1e300))")?.kind == .arithmeticOverflow)
    }

    @Test func disjunctCap() {
        // (a or b)^12 has 4096 > 1000 disjuncts.
        let clause = "(assert (or (<= Y_0 0) (<= Y_0 1)))\n"
        let text = header + unitBox(inputs: 1) + String(repeating: clause, count: 12)
        let e = parseError(text, limits: DNFLimits(maxDisjuncts: 1000))
        #expect(e?.kind == .tooManyDisjuncts(limit: 1000))
        #expect(e?.location?.line == 3 + 2 + 9)  // the 10th clause crosses 1000
        #expect(parseError(text, limits: DNFLimits(maxDisjuncts: 4096)) == nil)
    }

    @Test func literalCap() {
        let text = header + unitBox(inputs: 1) + "(assert (<= Y_0 0))"
        #expect(parseError(text, limits: DNFLimits(maxLiterals: 2))?.kind == .tooManyLiterals(limit: 2))
    }

    @Test func allDisjunctsFalse() {
        #expect(parseError(header + unitBox(inputs: 1) + "(assert (<= 1 0))")?.kind == .unsatisfiable)
    }

    @Test func unterminatedString() {
        let e = parseError("(set-info :source \"never closed)")
        #expect(e?.kind == .unterminatedLiteral(openedAt: SourceLocation(line: 1, column: 19)))
    }

    @Test func loadReportsUnreadableFile() {
        do {
            _ = try VNNLib.load(path: "/nonexistent/prop.vnnlib")
            Issue.record("expected an error")
        } catch {
            guard case .cannotRead = error.kind else { Issue.record("wrong kind \(error.kind)"); return }
            #expect(error.description.hasPrefix("/nonexistent/prop.vnnlib: cannot read VNN-LIB file"))
        }
    }

    @Test func descriptionWithoutSourceOrLocation() {
        #expect(VNNLibError(.unsatisfiable).description.hasPrefix("the formula is false"))
        #expect(VNNLibError(.nonlinearProduct, at: SourceLocation(line: 2, column: 3)).description
            == "2:3: product of two non-constant terms is not linear")
    }
}
