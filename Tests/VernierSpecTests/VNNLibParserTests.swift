import Testing
@testable import VernierSpec

/// The reader on hand-written texts covering the accepted syntax.
@Suite struct VNNLibParserTests {
    @Test func numbersInAllForms() throws {
        let text = declarations(inputs: 3, outputs: 1) + """
            (assert (>= X_0 -1.5e-3)) (assert (<= X_0 .5))
            (assert (>= X_1 -2)) (assert (<= X_1 +3.))
            (assert (>= X_2 0.1)) (assert (<= X_2 1E2))
            (assert (<= Y_0 0.30000000000000004))
            """
        let p = try VNNLib.parse(text)
        #expect(p.regions[0].box.lower == [-0.0015, -2, 0.1])
        #expect(p.regions[0].box.lower[2].bitPattern == 0x3FB9_9999_9999_999A)  // nearest Double to 0.1
        #expect(p.regions[0].box.upper == [0.5, 3, 100])
        #expect(p.regions[0].violation[0].constraints[0].rhs == 0.30000000000000004)
        #expect(p.regions[0].violation[0].constraints[0].rhs != 0.3)
    }

    @Test func constantMayBeOnEitherSide() throws {
        let text = declarations(inputs: 1, outputs: 2) + """
            (assert (<= -1 X_0))     ; X_0 >= -1
            (assert (>= 2 X_0))      ; X_0 <= 2
            (assert (<= 3 Y_1))      ; -y1 <= -3
            (assert (>= Y_0 Y_1))    ; y1 - y0 <= 0
            """
        let p = try VNNLib.parse(text)
        #expect(p.regions[0].box == InputBox(lower: [-1], upper: [2]))
        #expect(p.regions[0].violation[0].constraints == [row(2, [1: -1], rhs: -3), row(2, [0: -1, 1: 1], rhs: 0)])
    }

    @Test func strictAndEqualityComparisons() throws {
        let text = declarations(inputs: 2, outputs: 2) + """
            (assert (> X_0 0)) (assert (< X_0 1))
            (assert (= X_1 0.25))
            (assert (< Y_0 Y_1))
            (assert (= Y_0 2))
            """
        let p = try VNNLib.parse(text)
        // Strict read as non-strict; equality as two inequalities.
        #expect(p.regions[0].box == InputBox(lower: [0, 0.25], upper: [1, 0.25]))
        #expect(p.regions[0].violation[0].constraints == [
            row(2, [0: 1, 1: -1], rhs: 0), row(2, [0: 1], rhs: 2), row(2, [0: -1], rhs: -2),
        ])
    }

    @Test func linearTerms() throws {
        let text = declarations(inputs: 2, outputs: 3) + """
            (assert (<= (* 2 X_0) 1.5))       ; X_0 <= 0.75 (the division is exact)
            (assert (>= (- X_0) -0.5))        ; X_0 <= 0.5
            (assert (>= X_0 0)) (assert (>= X_1 0)) (assert (<= (+ X_1 1) 2))
            (assert (<= (+ Y_0 (* -1 Y_1) (* 0.5 (- Y_2 1))) (- 3 1)))
            """
        let p = try VNNLib.parse(text)
        #expect(p.regions[0].box.upper[0] == 0.5)
        #expect(p.regions[0].box.upper[1] == 1)
        // Exact divisions are not widened.
        let exact = try VNNLib.parse(declarations(inputs: 1, outputs: 1)
            + "(assert (<= (* 2 X_0) 1.5)) (assert (>= (* 4 X_0) -1)) (assert (<= Y_0 0))")
        #expect(exact.regions[0].box == InputBox(lower: [-0.25], upper: [0.75]))
        // y0 - y1 + 0.5 y2 - 0.5 <= 2  →  y0 - y1 + 0.5 y2 <= 2.5
        #expect(p.regions[0].violation[0].constraints == [row(3, [0: 1, 1: -1, 2: 0.5], rhs: 2.5)])
    }

    @Test func nonUnitInputCoefficientWidensOutward() throws {
        let text = declarations(inputs: 1, outputs: 1) + """
            (assert (<= (* 3 X_0) 1)) (assert (>= (* 3 X_0) -1)) (assert (<= Y_0 0))
            """
        let box = try VNNLib.parse(text).regions[0].box
        #expect(box.upper[0] >= 1.0 / 3 && box.upper[0] == (1.0 / 3).nextUp)
        #expect(box.lower[0] == (-1.0 / 3).nextDown)
    }

    @Test func cancellingTermsAndConstantComparisons() throws {
        let text = declarations(inputs: 1, outputs: 2) + unitBox(inputs: 1) + """
            (assert (<= (- Y_0 Y_0) 0))           ; always true: dropped
            (assert (or (<= 1 0) (<= Y_1 5)))     ; first disjunct false: dropped
            (assert true)
            """
        let p = try VNNLib.parse(text)
        #expect(p.regions.count == 1)
        #expect(p.regions[0].violation == [Conjunction(constraints: [row(2, [1: 1], rhs: 5)])])
    }

    @Test func nestedAndOrToDNFGroupedByBox() throws {
        // (A or B) and (C or (D and E)) with A, B input boxes: 2 regions × 2 conjunctions.
        let text = declarations(inputs: 1, outputs: 2) + """
            (assert (or (and (>= X_0 0) (<= X_0 1))
                        (and (>= X_0 2) (<= X_0 3))))
            (assert (or (and (or (<= Y_0 0)))
                        (and (<= Y_1 1) (and (>= Y_1 -1)))))
            """
        let p = try VNNLib.parse(text)
        try #require(p.regions.count == 2)
        #expect(p.regions[0].box == InputBox(lower: [0], upper: [1]))
        #expect(p.regions[1].box == InputBox(lower: [2], upper: [3]))
        let expected = [
            Conjunction(constraints: [row(2, [0: 1], rhs: 0)]),
            Conjunction(constraints: [row(2, [1: 1], rhs: 1), row(2, [1: -1], rhs: 1)]),
        ]
        #expect(p.regions[0].violation == expected)
        #expect(p.regions[1].violation == expected)
    }

    @Test func disjunctsWithEqualBoxesShareARegion() throws {
        // Input bounds written in a different order in each disjunct still form one region.
        let text = declarations(inputs: 1, outputs: 1) + """
            (assert (or (and (>= X_0 0) (<= X_0 1) (<= Y_0 0))
                        (and (<= X_0 1) (>= X_0 0) (>= Y_0 5))))
            """
        let p = try VNNLib.parse(text)
        #expect(p.regions.count == 1)
        #expect(p.regions[0].violation.count == 2)
    }

    @Test func deepNestingNeedsNoRecursion() throws {
        let depth = 20_000
        let text = declarations(inputs: 1, outputs: 1) + unitBox(inputs: 1)
            + "(assert " + String(repeating: "(and ", count: depth) + "(<= Y_0 0)"
            + String(repeating: ")", count: depth) + ")"
        let p = try VNNLib.parse(text)
        #expect(p.regions[0].violation == [Conjunction(constraints: [row(1, [0: 1], rhs: 0)])])
    }

    @Test func commentsChainsAndIgnoredCommands() throws {
        let text = """
            ; header comment (with parentheses that must not count
            (set-logic QF_LRA)
            (set-info :source "a string with ) and ; inside")
            (declare-const X_0 Real) ; trailing comment
            (declare-const Y_0 Real)
            (assert (<= -1 X_0 1))   ; chained comparison: -1 <= X_0 <= 1
            (assert (<= Y_0 0))
            (check-sat)
            (exit)
            """
        let p = try VNNLib.parse(text)
        #expect(p.regions[0].box == InputBox(lower: [-1], upper: [1]))
    }

    @Test func sourceIsRecorded() throws {
        let p = try VNNLib.parse(declarations(inputs: 1, outputs: 1) + unitBox(inputs: 1) + "(assert (<= Y_0 0))",
                                 source: "mine.vnnlib")
        #expect(p.source == "mine.vnnlib")
    }

    @Test func outputOnlyBoxFromInputDisjunctionCrossProduct() throws {
        // Two disjunctive input assertions multiply: (a or b) and (c or d) → 4 boxes.
        let text = declarations(inputs: 2, outputs: 1) + """
            (assert (or (and (>= X_0 0) (<= X_0 1)) (and (>= X_0 2) (<= X_0 3))))
            (assert (or (and (>= X_1 0) (<= X_1 1)) (and (>= X_1 2) (<= X_1 3))))
            (assert (<= Y_0 0))
            """
        let p = try VNNLib.parse(text)
        #expect(p.regions.map(\.box.lower) == [[0, 0], [0, 2], [2, 0], [2, 2]])
    }
}
