/// Turns a parsed VNN-LIB formula (DNF over atoms) into a `Property`: one input box per
/// distinct set of input bounds, each with the output conjunctions that share it.
enum VNNLibAssembler {
    static func assemble(_ parser: VNNLibParser) throws(VNNLibError) -> Property {
        let inputCount = try variableCount(parser.inputs, prefix: "X")
        let outputCount = try variableCount(parser.outputs, prefix: "Y")
        let terms = parser.formula.terms
        if terms.isEmpty { throw VNNLibError(.unsatisfiable) }

        let numbered = terms.count > 1
        var boxByInputLiterals: [[Int32]: InputBox] = [:]
        var regionByBox: [InputBox: Int] = [:]
        var regions: [Region] = []

        for (t, term) in terms.enumerated() {
            var inputLiterals: [Int32] = []
            var rows: [OutputConstraint] = []
            for literal in term {
                switch parser.atoms[Int(literal)] {
                case .inputBound:
                    inputLiterals.append(literal)
                case .output(let sparse, let rhs):
                    var coefficients = [Double](repeating: 0, count: outputCount)
                    for (j, c) in sparse { coefficients[j] += c }
                    rows.append(OutputConstraint(coefficients: coefficients, rhs: rhs))
                }
            }
            // Disjuncts of a DNF usually share their input part verbatim (all of them in
            // mnist-style files), so the box is built once per distinct literal list.
            let box: InputBox
            if let cached = boxByInputLiterals[inputLiterals] {
                box = cached
            } else {
                box = try makeBox(inputLiterals, parser: parser, inputCount: inputCount,
                                  disjunct: numbered ? t + 1 : nil)
                boxByInputLiterals[inputLiterals] = box
            }
            let conjunction = Conjunction(constraints: rows)
            if let r = regionByBox[box] {
                regions[r].violation.append(conjunction)
            } else {
                regionByBox[box] = regions.count
                regions.append(Region(box: box, violation: [conjunction]))
            }
        }
        return Property(inputCount: inputCount, outputCount: outputCount, regions: regions)
    }

    /// The number of declared variables with this prefix, after checking indices are 0..<n.
    private static func variableCount(_ declared: VNNLibParser.Declarations, prefix: String) throws(VNNLibError) -> Int {
        guard let highest = declared.keys.max() else { throw VNNLibError(.noVariables(prefix: prefix)) }
        if declared.count != highest + 1 {
            let missing = (0..<highest).first { declared[$0] == nil } ?? 0
            throw VNNLibError(.indexGap(missing: "\(prefix)_\(missing)", highest: "\(prefix)_\(highest)"), at: declared[highest])
        }
        return highest + 1
    }

    /// Intersects the bounds of one disjunct; every input must end up with a non-empty,
    /// finite range.
    private static func makeBox(_ literals: [Int32], parser: VNNLibParser, inputCount: Int,
                                disjunct: Int?) throws(VNNLibError) -> InputBox {
        var lower = [Double](repeating: -.infinity, count: inputCount)
        var upper = [Double](repeating: .infinity, count: inputCount)
        for literal in literals {
            guard case .inputBound(let i, let isUpper, let value, let location) = parser.atoms[Int(literal)] else { continue }
            if isUpper { upper[i] = min(upper[i], value) } else { lower[i] = max(lower[i], value) }
            if lower[i] > upper[i] {
                // Reported rather than dropped: an empty box is almost always a typo, and
                // silently ignoring that disjunct would verify less than the author meant.
                throw VNNLibError(.emptyInputBox(name: "X_\(i)", lower: lower[i], upper: upper[i], disjunct: disjunct), at: location)
            }
        }
        for i in 0..<inputCount {
            if !lower[i].isFinite {
                throw VNNLibError(.unboundedInput(name: "X_\(i)", side: .lower, disjunct: disjunct), at: parser.inputs[i])
            }
            if !upper[i].isFinite {
                throw VNNLibError(.unboundedInput(name: "X_\(i)", side: .upper, disjunct: disjunct), at: parser.inputs[i])
            }
        }
        return InputBox(lower: lower, upper: upper)
    }
}
