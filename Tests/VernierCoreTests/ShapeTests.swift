import Testing
import VernierCore
import VernierTestSupport

private typealias H = NodeHarness

/// `y = op(x, …)` for a single shape node; `x` holds 0, 1, 2, … so values name their source index.
private func run(_ opType: String, inputShape: [Int], inputs: [String] = ["x"], initializers: [TensorData] = [],
                 attributes: [String: AttributeValue] = [:], opset: Int = 17) throws -> (shape: [Int], values: [Double]) {
    let g = try H.graph(inputShape: inputShape, nodes: [H.node(opType, inputs, attributes: attributes)],
                        initializers: initializers, opset: opset)
    let x = (0..<Shape.count(inputShape)).map(Double.init)
    return (g.outputShape, g.evaluate(x))
}

private func error(_ opType: String, inputShape: [Int], inputs: [String] = ["x"], initializers: [TensorData] = [],
                   attributes: [String: AttributeValue] = [:], opset: Int = 17) -> String? {
    H.buildError(inputShape: inputShape, nodes: [H.node(opType, inputs, name: "shaper", attributes: attributes)],
                 initializers: initializers, opset: opset)
}

private let int64Max: Int64 = .max
private let int64Min: Int64 = .min

@Suite("Order-keeping shape ops: Flatten, Reshape, Squeeze, Unsqueeze")
struct ShapeViewTests {
    @Test(arguments: [(0, [1, 24]), (1, [1, 24]), (2, [2, 12]), (-1, [6, 4]), (4, [24, 1])])
    func flatten(axis: Int, expected: [Int]) throws {
        let r = try run("Flatten", inputShape: [1, 2, 3, 4], attributes: ["axis": .int(Int64(axis))])
        #expect(r.shape == expected)
        #expect(r.values == (0..<24).map(Double.init))
    }

    @Test func flattenDefaultAndBadAxis() throws {
        #expect(try run("Flatten", inputShape: [1, 2, 3]).shape == [1, 6])
        let message = error("Flatten", inputShape: [1, 2, 3], attributes: ["axis": .int(4)])
        #expect(message?.contains("'shaper'") == true)
        #expect(message?.contains("axis 4") == true)
    }

    @Test func reshapeZeroAndMinusOne() throws {
        #expect(try run("Reshape", inputShape: [1, 2, 3, 4], inputs: ["x", "s"], initializers: [H.ints("s", [0, -1])]).shape == [1, 24])
        #expect(try run("Reshape", inputShape: [1, 2, 3, 4], inputs: ["x", "s"], initializers: [H.ints("s", [-1, 4, 0])]).shape == [2, 4, 3])
        let explicit = try run("Reshape", inputShape: [1, 6], inputs: ["x", "s"], initializers: [H.ints("s", [3, 2])])
        #expect(explicit.shape == [3, 2])
        #expect(explicit.values == [0, 1, 2, 3, 4, 5])
        // Before opset 5 the shape is an attribute.
        #expect(try run("Reshape", inputShape: [1, 6], attributes: ["shape": .ints([2, -1])], opset: 4).shape == [2, 3])
    }

    @Test func reshapeErrorsNameTheNode() {
        let twoInferred = error("Reshape", inputShape: [1, 6], inputs: ["x", "s"], initializers: [H.ints("s", [-1, -1])])
        #expect(twoInferred?.contains("'shaper'") == true)
        #expect(twoInferred?.contains("more than one") == true)
        let count = error("Reshape", inputShape: [1, 6], inputs: ["x", "s"], initializers: [H.ints("s", [4, 2])])
        #expect(count?.contains("'shaper'") == true)
        #expect(count?.contains("6 elements") == true)
        let indivisible = error("Reshape", inputShape: [1, 6], inputs: ["x", "s"], initializers: [H.ints("s", [4, -1])])
        #expect(indivisible?.contains("inferred") == true)
        // allowzero = 1: a 0 is a real zero-size dimension, so [0, 6] no longer matches 6 elements.
        let allowZero = error("Reshape", inputShape: [1, 6], inputs: ["x", "s"], initializers: [H.ints("s", [0, 6])],
                              attributes: ["allowzero": .int(1)])
        #expect(allowZero?.contains("'shaper'") == true)
        let variableShape = H.buildError(inputShape: [1, 2], nodes: [H.node("Reshape", ["x", "x"], name: "shaper")])
        #expect(variableShape?.contains("must be a constant") == true)
    }

    @Test func squeezeForms() throws {
        #expect(try run("Squeeze", inputShape: [1, 3, 1, 4]).shape == [3, 4])
        #expect(try run("Squeeze", inputShape: [1, 3, 1, 4], attributes: ["axes": .ints([2])], opset: 11).shape == [1, 3, 4])
        #expect(try run("Squeeze", inputShape: [1, 3, 1, 4], inputs: ["x", "a"], initializers: [H.ints("a", [-2, 0])]).shape == [3, 4])
        let message = error("Squeeze", inputShape: [1, 3, 1, 4], inputs: ["x", "a"], initializers: [H.ints("a", [1])])
        #expect(message?.contains("'shaper'") == true)
        #expect(message?.contains("size 3") == true)
    }

    @Test func unsqueezeForms() throws {
        #expect(try run("Unsqueeze", inputShape: [1, 3], attributes: ["axes": .ints([1])], opset: 11).shape == [1, 1, 3])
        #expect(try run("Unsqueeze", inputShape: [1, 3], inputs: ["x", "a"], initializers: [H.ints("a", [-1])]).shape == [1, 3, 1])
        #expect(try run("Unsqueeze", inputShape: [1, 3], inputs: ["x", "a"], initializers: [H.ints("a", [0, 3])]).shape == [1, 1, 3, 1])
        let repeated = error("Unsqueeze", inputShape: [1, 3], inputs: ["x", "a"], initializers: [H.ints("a", [1, -3])])
        #expect(repeated?.contains("'shaper'") == true)
        #expect(repeated?.contains("repeated") == true)
        let missing = error("Unsqueeze", inputShape: [1, 3])
        #expect(missing?.contains("axes") == true)
    }

    @Test func reshapeGradientIsTheRelabelledGradient() throws {
        let op = try Reshape(inputShape: [2, 3], resultShape: [3, 2])
        #expect(OperatorChecks.gradientError(op, inputs: [Tensor(shape: [2, 2, 3], data: H.ramp(12))]) < 1e-5)
        #expect(throws: ShapeError.self) { try Reshape(inputShape: [2, 3], resultShape: [4]) }
    }
}

@Suite("Index-map shape ops: Transpose, Slice, Gather, Expand")
struct ShapeIndexMapTests {
    @Test func transposeDefaultReversesAxes() throws {
        let r = try run("Transpose", inputShape: [1, 2, 3])
        #expect(r.shape == [3, 2, 1])
        #expect(r.values == [0, 3, 1, 4, 2, 5])
    }

    @Test func transposeNHWC() throws {
        let r = try run("Transpose", inputShape: [1, 2, 2, 3], attributes: ["perm": .ints([0, 2, 3, 1])])
        #expect(r.shape == [1, 2, 3, 2])
        // y[0, h, w, c] = x[0, c, h, w] = 6c + 3h + w.
        #expect(r.values == [0, 6, 1, 7, 2, 8, 3, 9, 4, 10, 5, 11])
        let bad = error("Transpose", inputShape: [1, 2, 3], attributes: ["perm": .ints([0, 0, 1])])
        #expect(bad?.contains("'shaper'") == true)
        #expect(bad?.contains("permutation") == true)
    }

    @Test func sliceBasicAndNegative() throws {
        let basic = try run("Slice", inputShape: [1, 3, 4], inputs: ["x", "s", "e", "a"],
                            initializers: [H.ints("s", [1, 0]), H.ints("e", [3, 2]), H.ints("a", [1, 2])])
        #expect(basic.shape == [1, 2, 2])
        #expect(basic.values == [4, 5, 8, 9])
        let negative = try run("Slice", inputShape: [1, 3, 4], inputs: ["x", "s", "e", "a"],
                               initializers: [H.ints("s", [-3]), H.ints("e", [-1]), H.ints("a", [-1])])
        #expect(negative.shape == [1, 3, 2])
        #expect(negative.values == [1, 2, 5, 6, 9, 10])
    }

    @Test func sliceClampsHugeEndsAndSteps() throws {
        // No axes: starts/ends apply to the leading axes; INT64_MAX ends clamp to the size.
        let clamped = try run("Slice", inputShape: [1, 3, 4], inputs: ["x", "s", "e"],
                              initializers: [H.ints("s", [0, 1]), H.ints("e", [int64Max, int64Max])])
        #expect(clamped.shape == [1, 2, 4])
        #expect(clamped.values == Array(4..<12).map(Double.init))
        let stepped = try run("Slice", inputShape: [1, 7], inputs: ["x", "s", "e", "a", "t"],
                              initializers: [H.ints("s", [1]), H.ints("e", [100]), H.ints("a", [1]), H.ints("t", [2])])
        #expect(stepped.values == [1, 3, 5])
    }

    @Test func sliceNegativeStepReverses() throws {
        let reversed = try run("Slice", inputShape: [1, 5], inputs: ["x", "s", "e", "a", "t"],
                               initializers: [H.ints("s", [-1]), H.ints("e", [int64Min]), H.ints("a", [1]), H.ints("t", [-1])])
        #expect(reversed.values == [4, 3, 2, 1, 0])
        let everyOther = try run("Slice", inputShape: [1, 5], inputs: ["x", "s", "e", "a", "t"],
                                 initializers: [H.ints("s", [10]), H.ints("e", [0]), H.ints("a", [1]), H.ints("t", [-2])])
        #expect(everyOther.values == [4, 2])
        let empty = try run("Slice", inputShape: [1, 5], inputs: ["x", "s", "e", "a"],
                            initializers: [H.ints("s", [3]), H.ints("e", [1]), H.ints("a", [1])])
        #expect(empty.shape == [1, 0])
    }

    @Test func sliceAttributeFormBeforeOpset10() throws {
        let r = try run("Slice", inputShape: [1, 5],
                        attributes: ["starts": .ints([1]), "ends": .ints([-1]), "axes": .ints([1])], opset: 9)
        #expect(r.values == [1, 2, 3])
    }

    @Test func sliceErrorsNameTheNode() {
        let zeroStep = error("Slice", inputShape: [1, 5], inputs: ["x", "s", "e", "a", "t"],
                             initializers: [H.ints("s", [0]), H.ints("e", [3]), H.ints("a", [1]), H.ints("t", [0])])
        #expect(zeroStep?.contains("'shaper'") == true)
        #expect(zeroStep?.contains("step") == true)
        let badAxis = error("Slice", inputShape: [1, 5], inputs: ["x", "s", "e", "a"],
                            initializers: [H.ints("s", [0]), H.ints("e", [3]), H.ints("a", [2])])
        #expect(badAxis?.contains("axis 2") == true)
    }

    @Test func gatherAxes() throws {
        let axis0 = try run("Gather", inputShape: [3, 2], inputs: ["x", "i"], initializers: [H.ints("i", [2, 0, 2])])
        #expect(axis0.shape == [3, 2])
        #expect(axis0.values == [4, 5, 0, 1, 4, 5])
        let axis1 = try run("Gather", inputShape: [1, 4], inputs: ["x", "i"], initializers: [H.ints("i", [3, -4])],
                            attributes: ["axis": .int(1)])
        #expect(axis1.values == [3, 0])
        // A scalar index drops the axis.
        let scalar = try run("Gather", inputShape: [1, 2, 3], inputs: ["x", "i"],
                             initializers: [TensorData(name: "i", shape: [], int64s: [-1])], attributes: ["axis": .int(1)])
        #expect(scalar.shape == [1, 3])
        #expect(scalar.values == [3, 4, 5])
        // 2-D indices replace the axis by their shape.
        let matrix = try run("Gather", inputShape: [1, 2, 3], inputs: ["x", "i"],
                             initializers: [TensorData(name: "i", shape: [2, 2], int64s: [0, 2, 1, 1])],
                             attributes: ["axis": .int(2)])
        #expect(matrix.shape == [1, 2, 2, 2])
        #expect(matrix.values == [0, 2, 1, 1, 3, 5, 4, 4])
    }

    @Test func gatherErrorsNameTheNode() {
        let range = error("Gather", inputShape: [1, 4], inputs: ["x", "i"], initializers: [H.ints("i", [4])],
                          attributes: ["axis": .int(1)])
        #expect(range?.contains("'shaper'") == true)
        #expect(range?.contains("index 4") == true)
        let variable = H.buildError(inputShape: [1, 2], nodes: [H.node("Gather", ["x", "x"], name: "shaper")])
        #expect(variable?.contains("'shaper'") == true)
        #expect(variable?.contains("indices") == true)
    }

    @Test func expandBothWays() throws {
        let r = try run("Expand", inputShape: [1, 3], inputs: ["x", "s"], initializers: [H.ints("s", [2, 1, 3])])
        #expect(r.shape == [2, 1, 3])
        #expect(r.values == [0, 1, 2, 0, 1, 2])
        // The given shape may be smaller than the input: broadcasting is bidirectional.
        let bidirectional = try run("Expand", inputShape: [1, 3, 1], inputs: ["x", "s"], initializers: [H.ints("s", [1, 2])])
        #expect(bidirectional.shape == [1, 3, 2])
        #expect(bidirectional.values == [0, 0, 1, 1, 2, 2])
        let bad = error("Expand", inputShape: [1, 3], inputs: ["x", "s"], initializers: [H.ints("s", [2])])
        #expect(bad?.contains("'shaper'") == true)
    }

    @Test func gradientsScatterAdd() throws {
        // Expand and repeated Gather indices copy an element several times: gradients add up.
        let expand = IndexSelect(kind: "Expand", inputShape: [3, 1], resultShape: [3, 2],
                                 sourceIndex: Shape.broadcastIndices(from: [3, 1], to: [3, 2]))
        #expect(OperatorChecks.gradientError(expand, inputs: [Tensor(shape: [2, 3, 1], data: H.ramp(6))]) < 1e-5)
        let gather = IndexSelect(kind: "Gather", inputShape: [4], resultShape: [5], sourceIndex: [3, 0, 3, 3, 1])
        #expect(OperatorChecks.gradientError(gather, inputs: [Tensor(shape: [3, 4], data: H.ramp(12))]) < 1e-5)
        let g = gather.backward([Tensor(shape: [1, 4], data: [0, 0, 0, 0])], output: Tensor(shape: [1, 5], repeating: 0),
                                outputGradient: Tensor(shape: [1, 5], data: [1, 2, 3, 4, 5]))
        #expect(g[0].data == [2, 5, 0, 8])
    }
}

@Suite("Concat")
struct ShapeConcatTests {
    @Test func variableWithConstantPieces() throws {
        let g = try H.graph(inputShape: [1, 2, 2], nodes: [H.node("Concat", ["c", "x", "d"], attributes: ["axis": .int(2)])],
                            initializers: [H.floats("c", [1, 2, 1], [-1, -2]), H.floats("d", [1, 2, 2], [7, 8, 9, 10])])
        #expect(g.nodes.count == 1)  // constants are baked in, not Constant nodes
        let op = try #require(g.nodes[0].op as? Concat)
        #expect(op.operandShapes == [[1, 2, 2]])
        #expect(g.outputShape == [1, 2, 5])
        #expect(g.evaluate([1, 2, 3, 4]) == [-1, 1, 2, 7, 8, -2, 3, 4, 9, 10])
        #expect(g.evaluate(batch: [[1, 2, 3, 4], [5, 6, 7, 8]])[1] == [-1, 5, 6, 7, 8, -2, 7, 8, 9, 10])
    }

    @Test func twoVariablesAlongAxis1() throws {
        let g = try H.graph(inputShape: [1, 2], nodes: [
            H.node("Neg", ["x"], "n"), H.node("Concat", ["x", "n", "x"], attributes: ["axis": .int(-1)]),
        ])
        #expect(g.outputShape == [1, 6])
        #expect(g.evaluate([1, 2]) == [1, 2, -1, -2, 1, 2])
    }

    @Test func mismatchNamesTheNode() {
        let message = H.buildError(inputShape: [1, 2], nodes: [H.node("Concat", ["x", "c"], name: "join", attributes: ["axis": .int(1)])],
                                   initializers: [H.floats("c", [2, 2], [1, 2, 3, 4])])
        #expect(message?.contains("'join'") == true)
        #expect(message?.contains("concatenate") == true)
        let noAxis = H.buildError(inputShape: [1, 2], nodes: [H.node("Concat", ["x", "x"], name: "join")])
        #expect(noAxis?.contains("'axis'") == true)
    }

    @Test func gradientSplitsBlocks() throws {
        let op = try Concat(axis: 1, pieces: [.operand(shape: [2, 1, 3]), .constant(Tensor(shape: [2, 2, 3], repeating: 5)),
                                              .operand(shape: [2, 3, 3])])
        let a = Tensor(shape: [2, 2, 1, 3], data: H.ramp(12))
        let b = Tensor(shape: [2, 2, 3, 3], data: H.ramp(36, start: -8.3, step: 0.45))
        #expect(try op.outputShape(for: [[2, 1, 3], [2, 3, 3]]) == [2, 6, 3])
        #expect(OperatorChecks.gradientError(op, inputs: [a, b]) < 1e-5)
    }
}

@Suite("Identity, Dropout, Constant, Shape, Cast, ConstantOfShape")
struct ShapeValueTests {
    @Test func identityAndDropoutAreAliases() throws {
        let g = try H.graph(inputShape: [1, 2], nodes: [
            H.node("Identity", ["x"], "i"), H.node("Dropout", ["i"], "d"), H.node("Neg", ["d"]),
        ])
        #expect(g.nodes.count == 1)
        #expect(g.evaluate([1, -2]) == [-1, 2])
    }

    @Test(arguments: [
        (AttributeValue.tensor(TensorData(name: "v", shape: [2], doubles: [1, 2])), "value", [1.0, 2]),
        (.float(0.5), "value_float", [0.5]),
        (.floats([3, 4]), "value_floats", [3, 4]),
        (.int(7), "value_int", [7]),
        (.ints([-1, 5]), "value_ints", [-1, 5]),
    ])
    func constantForms(value: AttributeValue, name: String, expected: [Double]) throws {
        let g = try H.graph(inputShape: [1, expected.count], nodes: [
            H.node("Constant", [], "c", attributes: [name: value]), H.node("Add", ["x", "c"]),
        ])
        #expect(g.evaluate(Array(repeating: 0, count: expected.count)) == expected)
    }

    @Test func constantNeedsExactlyOneValue() {
        let none = H.buildError(inputShape: [1], nodes: [H.node("Constant", [], "c", name: "k"), H.node("Add", ["x", "c"])])
        #expect(none?.contains("'k'") == true)
        let two = H.buildError(inputShape: [1], nodes: [
            H.node("Constant", [], "c", name: "k", attributes: ["value_float": .float(1), "value_int": .int(1)]),
            H.node("Add", ["x", "c"]),
        ])
        #expect(two?.contains("several") == true)
    }

    @Test func shapeIsTheModelsOwnShape() throws {
        // Shape of x [1, 2, 3] with start/end, added to a variable of shape [k].
        func shapeOf(_ attributes: [String: AttributeValue], width: Int) throws -> [Double] {
            let g = try H.graph(inputShape: [1, 2, 3], nodes: [
                H.node("Shape", ["x"], "s", attributes: attributes),
                H.node("Reshape", ["x", "flat"], "f"),
                H.node("Slice", ["f", "z", "w"], "v"),
                H.node("Add", ["v", "s"]),
            ], initializers: [H.ints("flat", [-1]), H.ints("z", [0]), H.ints("w", [Int64(width)])])
            return g.evaluate(Array(repeating: 0, count: 6))
        }
        #expect(try shapeOf([:], width: 3) == [1, 2, 3])
        #expect(try shapeOf(["start": .int(1)], width: 2) == [2, 3])
        #expect(try shapeOf(["start": .int(-2), "end": .int(-1)], width: 1) == [2])
    }

    @Test func castFolding() throws {
        func castAdd(to: Int64, _ values: [Double]) throws -> [Double] {
            try H.graph(inputShape: [1, values.count], nodes: [
                H.node("Cast", ["c"], "k", attributes: ["to": .int(to)]), H.node("Add", ["x", "k"]),
            ], initializers: [H.floats("c", [values.count], values)]).evaluate(Array(repeating: 0, count: values.count))
        }
        #expect(try castAdd(to: 7, [1.7, -1.7, 3]) == [1, -1, 3])
        #expect(try castAdd(to: 9, [0.2, 0, -3]) == [1, 0, 1])
        #expect(try castAdd(to: 11, [0.1]) == [0.1])
        #expect(try castAdd(to: 1, [0.1]) == [Double(Float(0.1))])
        // Float casts of variables are aliases.
        let alias = try H.graph(inputShape: [1, 2], nodes: [H.node("Cast", ["x"], "k", attributes: ["to": .int(1)]), H.node("Neg", ["k"])])
        #expect(alias.nodes.count == 1)
        let integer = H.buildError(inputShape: [1, 2], nodes: [H.node("Cast", ["x"], "k", name: "round", attributes: ["to": .int(7)]),
                                                              H.node("Neg", ["k"])])
        #expect(integer?.contains("'round'") == true)
        #expect(integer?.contains("int64") == true)
    }

    @Test func constantOfShape() throws {
        let g = try H.graph(inputShape: [2, 3], nodes: [
            H.node("ConstantOfShape", ["s"], "c", attributes: ["value": .tensor(TensorData(name: "v", shape: [1], doubles: [5]))]),
            H.node("Add", ["x", "c"]),
        ], initializers: [H.ints("s", [2, 3])])
        #expect(g.evaluate(Array(repeating: 1, count: 6)) == Array(repeating: 6, count: 6))
        let zeros = try H.graph(inputShape: [1, 2], nodes: [
            H.node("Shape", ["x"], "s"), H.node("ConstantOfShape", ["s"], "c"), H.node("Sub", ["c", "x"]),
        ])
        #expect(zeros.evaluate([1, 2]) == [-1, -2])
    }
}
