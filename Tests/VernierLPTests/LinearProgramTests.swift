import Testing
@testable import VernierLP

@Suite struct LinearProgramTests {
    @Test func testOptimum_ofTinyLP() throws {
        // maximise 3x + 2y  s.t. x + y <= 4, x + 3y <= 6, 0 <= x <= 3, y >= 0  → x = 3, y = 1, obj = 11
        let lp = LinearProgram(direction: .maximize)
        let x = try lp.addVariable(lower: 0, upper: 3, objective: 3)
        let y = try lp.addVariable(lower: 0, upper: nil, objective: 2)
        try lp.addConstraint([(x, 1), (y, 1)], lower: nil, upper: 4)
        try lp.addConstraint([(x, 1), (y, 3)], lower: nil, upper: 6)
        guard case let .optimal(objective, solution) = try lp.solve() else {
            Issue.record("expected an optimum"); return
        }
        #expect(abs(objective - 11) < 1e-9)
        #expect(abs(solution[0] - 3) < 1e-9 && abs(solution[1] - 1) < 1e-9)
    }

    @Test func testInfeasible_isReported() throws {
        let lp = LinearProgram()
        let x = try lp.addVariable(lower: 0, upper: 1, objective: 1)
        try lp.addConstraint([(x, 1)], lower: 2, upper: nil)
        #expect(try lp.solve() == .infeasible)
    }

    @Test func testUnbounded_isReported() throws {
        let lp = LinearProgram(direction: .maximize)
        let x = try lp.addVariable(lower: 0, upper: nil, objective: 1)
        let y = try lp.addVariable(lower: 0, upper: nil, objective: 0)
        try lp.addConstraint([(x, 1), (y, -1)], lower: nil, upper: 1)
        #expect(try lp.solve() == .unbounded)
    }

    @Test func testInvalidInput_throwsInsteadOfAborting() throws {
        let lp = LinearProgram()
        _ = try lp.addVariable(lower: 0, upper: 1)
        #expect(throws: LPError.self) { try lp.addConstraint([(5, 1)], lower: 0, upper: 1) }
        #expect(throws: LPError.self) { try lp.addVariable(lower: 2, upper: 1) }
        #expect(throws: LPError.self) { try lp.addVariable(lower: .nan, upper: 1) }
    }

    /// A double-bounded range narrower than `minimumRelativeWidth` is refused with an error:
    /// GLPK's simplex would abort the whole process on it (assertion `l[k] != u[k]` after
    /// scaling), which is how a 1-ulp-wide input box once killed a verification run.
    @Test func testNarrowRange_throwsInsteadOfAborting() throws {
        let lp = LinearProgram()
        let l = 0.6398901960819434
        #expect(throws: LPError.self) { try lp.addVariable(lower: l, upper: l.nextUp) }
        #expect(throws: LPError.self) { try lp.addConstraint([], lower: -1e-15, upper: 1e-15) }
        // A fixed variable (equal bounds) and a range at the minimum width still work.
        let x = try lp.addVariable(lower: l, upper: l, objective: 1)
        let y = try lp.addVariable(lower: 0, upper: 4 * LinearProgram.minimumRelativeWidth, objective: -1)
        guard case .optimal(let value, let solution) = try lp.solve() else { Issue.record("expected an optimum"); return }
        #expect(solution[x] == l)
        #expect(abs(solution[y] - 4 * LinearProgram.minimumRelativeWidth) < 1e-15)
        #expect(abs(value - (l - 4 * LinearProgram.minimumRelativeWidth)) < 1e-12)
    }
}
