import Testing
import VernierCore
import VernierTestSupport

private typealias H = NodeHarness

/// Builds `y = op(x, c)` (or `op(c, x)` when `constantFirst`) and returns the graph.
private func constantModel(_ opType: String, inputShape: [Int], constantShape: [Int], constant: [Double],
                           constantFirst: Bool = false) throws -> Graph {
    let inputs = constantFirst ? ["c", "x"] : ["x", "c"]
    return try H.graph(inputShape: inputShape, nodes: [H.node(opType, inputs)],
                       initializers: [H.floats("c", constantShape, constant)])
}

@Suite("Elementwise arithmetic with a constant operand")
struct ElementwiseConstantTests {
    @Test func addConstantBroadcastsAlongTrailingAxis() throws {
        let g = try constantModel("Add", inputShape: [1, 2, 3], constantShape: [3], constant: [10, 20, 30])
        #expect(g.nodes.count == 1)
        let op = try #require(g.nodes[0].op as? ConstantBinary)
        #expect(op.operation == .add)
        #expect(g.evaluate([1, 2, 3, 4, 5, 6]) == [11, 22, 33, 14, 25, 36])
    }

    @Test func constantLargerThanVariableGivesBroadcastShape() throws {
        let g = try constantModel("Mul", inputShape: [3], constantShape: [2, 3], constant: [1, 2, 3, -1, -2, -3])
        #expect(g.outputShape == [2, 3])
        #expect(g.evaluate([2, 3, 4]) == [2, 6, 12, -2, -6, -12])
        let gl = try constantModel("Mul", inputShape: [3], constantShape: [2, 3], constant: [1, 2, 3, -1, -2, -3],
                                   constantFirst: true)
        #expect(gl.evaluate([2, 3, 4]) == [2, 6, 12, -2, -6, -12])
    }

    @Test func subtractionBothSides() throws {
        let right = try constantModel("Sub", inputShape: [1, 3], constantShape: [], constant: [1.5])
        #expect(right.evaluate([1, 2, 3]) == [-0.5, 0.5, 1.5])
        let left = try constantModel("Sub", inputShape: [1, 3], constantShape: [1, 3], constant: [10, 20, 30],
                                     constantFirst: true)
        #expect((left.nodes[0].op as? ConstantBinary)?.operation == .reverseSubtract)
        #expect(left.evaluate([1, 2, 3]) == [9, 18, 27])
    }

    @Test func divisionBothSides() throws {
        let right = try constantModel("Div", inputShape: [1, 3], constantShape: [3], constant: [2, 4, -8])
        #expect(right.evaluate([1, 2, 3]) == [0.5, 0.5, -0.375])
        // x / c is a true division, as ONNX runtimes compute it (not x · (1/c)).
        let third = try constantModel("Div", inputShape: [1], constantShape: [], constant: [3])
        #expect(third.evaluate([1]) == [1.0 / 3.0])
        let left = try constantModel("Div", inputShape: [1, 3], constantShape: [], constant: [6], constantFirst: true)
        #expect(left.nodes[0].op is ScaledReciprocal)
        #expect(left.evaluate([1, 2, -3]) == [6, 3, -2])
    }

    @Test func divisionByConstantZeroNamesTheNode() {
        let message = H.buildError(inputShape: [1, 2], nodes: [H.node("Div", ["x", "c"], name: "scale")],
                                   initializers: [H.floats("c", [2], [1, 0])])
        #expect(message?.contains("'scale'") == true)
        #expect(message?.contains("zero") == true)
    }

    @Test func incompatibleConstantShapeNamesTheNode() {
        let message = H.buildError(inputShape: [1, 3], nodes: [H.node("Add", ["x", "c"], name: "bias")],
                                   initializers: [H.floats("c", [2], [1, 2])])
        #expect(message?.contains("'bias'") == true)
        #expect(message?.contains("broadcast") == true)
    }

    @Test func batchEvaluation() throws {
        let g = try constantModel("Mul", inputShape: [1, 2], constantShape: [2], constant: [2, -1])
        #expect(g.evaluate(batch: [[1, 2], [3, 4], [5, 6]]) == [[2, -2], [6, -4], [10, -6]])
    }

    @Test func allConstantOperandsFold() throws {
        let g = try H.graph(inputShape: [1, 2], nodes: [
            H.node("Mul", ["a", "b"], "ab"),
            H.node("Add", ["x", "ab"]),
        ], initializers: [H.floats("a", [2], [2, 3]), H.floats("b", [1], [4])])
        #expect(g.nodes.count == 1)
        #expect((g.nodes[0].op as? ConstantBinary)?.constant.data == [8, 12])
        #expect(g.evaluate([1, 1]) == [9, 13])
    }

    @Test func gradientsMatchFiniteDifferences() throws {
        var rng = SeededGenerator(seed: 11)
        let c = Tensor(shape: [2, 1, 3], data: [1.5, -2, 0.75, 3, -0.5, 1.25])
        for operation in ConstantBinary.Operation.allCases {
            // x smaller than c: gradients are summed over the broadcast copies.
            let op = try ConstantBinary(operation, constant: c, inputShape: [4, 3])
            let x = Tensor(shape: [2, 4, 3], data: rng.uniformArray(24, -2...2))
            #expect(try op.outputShape(for: [[4, 3]]) == [2, 4, 3])
            #expect(OperatorChecks.gradientError(op, inputs: [x]) < 1e-5, "\(operation)")
        }
        let reciprocal = try ScaledReciprocal(numerator: Tensor(shape: [3], data: [2, -1, 0.5]), inputShape: [2, 3])
        let x = Tensor(shape: [2, 2, 3], data: rng.uniformArray(12, 0.5...2))
        #expect(OperatorChecks.gradientError(reciprocal, inputs: [x]) < 1e-5)
    }
}

@Suite("Elementwise arithmetic of two variables")
struct ElementwiseVariableTests {
    /// `y = op(x, x[..., 0:1])`: the second operand is a slice of the first, shape [1, 2, 1].
    private func sliced(_ opType: String) throws -> Graph {
        try H.graph(inputShape: [1, 2, 3], nodes: [
            H.node("Slice", ["x", "s", "e", "a"], "col"),
            H.node(opType, ["x", "col"]),
        ], initializers: [H.ints("s", [0]), H.ints("e", [1]), H.ints("a", [2])])
    }

    @Test func broadcastingBetweenVariables() throws {
        let x: [Double] = [1, 2, 3, 4, 5, 6]
        #expect(try sliced("Add").evaluate(x) == [2, 3, 4, 8, 9, 10])
        #expect(try sliced("Sub").evaluate(x) == [0, 1, 2, 0, 1, 2])
        #expect(try sliced("Mul").evaluate(x) == [1, 2, 3, 16, 20, 24])
        #expect(try sliced("Div").evaluate(x) == [1, 2, 3, 1, 1.25, 1.5])
        let g = try sliced("Mul")
        #expect(g.nodes.last?.op is Mul)
    }

    @Test func divisionByZeroFollowsIEEE() throws {
        let op = try Div(shapes: [2], [2])
        let y = op.forward([Tensor(shape: [1, 2], data: [1, 0]), Tensor(shape: [1, 2], data: [0, 0])], batchSize: 1)
        #expect(y.data[0] == .infinity)
        #expect(y.data[1].isNaN)
    }

    @Test func incompatibleVariableShapesNameTheNode() {
        let message = H.buildError(inputShape: [1, 2, 3], nodes: [
            H.node("Flatten", ["x"], "flat"),
            H.node("Add", ["x", "flat"], name: "join"),
        ])
        #expect(message?.contains("'join'") == true)
        #expect(message?.contains("[1, 2, 3]") == true)
    }

    @Test func gradientsWithBroadcasting() throws {
        var rng = SeededGenerator(seed: 5)
        let a = Tensor(shape: [2, 2, 3], data: rng.uniformArray(12, 0.5...2))
        let b = Tensor(shape: [2, 3], data: rng.uniformArray(6, 0.5...2))
        // Each operator with the larger operand first and, swapped, second.
        let pairs: [(any Operator, any Operator)] = [
            (try Add(shapes: [2, 3], [3]), try Add(shapes: [3], [2, 3])),
            (try Sub(shapes: [2, 3], [3]), try Sub(shapes: [3], [2, 3])),
            (try Mul(shapes: [2, 3], [3]), try Mul(shapes: [3], [2, 3])),
            (try Div(shapes: [2, 3], [3]), try Div(shapes: [3], [2, 3])),
        ]
        for (op, swapped) in pairs {
            #expect(try op.outputShape(for: [[2, 3], [3]]) == [2, 3])
            #expect(OperatorChecks.gradientError(op, inputs: [a, b]) < 1e-5, "\(op.kind)")
            #expect(OperatorChecks.gradientError(swapped, inputs: [b, a]) < 1e-5, "\(op.kind) swapped")
        }
    }

    @Test func operandShapeMismatchIsAShapeError() throws {
        let op = try Add(shapes: [2, 3], [3])
        #expect(throws: ShapeError.self) { try op.outputShape(for: [[2, 3], [2]]) }
    }
}

@Suite("Neg, Pow, PRelu, Max, Min")
struct ElementwiseUnaryTests {
    @Test func neg() throws {
        let g = try H.graph(inputShape: [1, 3], nodes: [H.node("Neg", ["x"])])
        #expect(g.evaluate([1, -2, 0.5]) == [-1, 2, -0.5])
        #expect(OperatorChecks.gradientError(Neg(), inputs: [Tensor(shape: [2, 3], data: H.ramp(6))]) < 1e-5)
    }

    private func pow(_ exponent: Double, _ x: [Double]) throws -> [Double] {
        try H.graph(inputShape: [1, x.count], nodes: [H.node("Pow", ["x", "p"])],
                    initializers: [H.floats("p", [], [exponent])]).evaluate(x)
    }

    @Test func powWithConstantExponent() throws {
        #expect(try pow(2, [-3, 0.5, 2]) == [9, 0.25, 4])
        #expect(try pow(3, [-2, 0.5, 1]) == [-8, 0.125, 1])
        #expect(try pow(0.5, [4, 0.25, 0]) == [2, 0.5, 0])
        #expect(try pow(0, [-3, 0, 7]) == [1, 1, 1])
        #expect(try pow(-1, [-4, 0.5, 2]) == [-0.25, 2, 0.5])
        #expect(try pow(-2, [-2, 0.5]) == [0.25, 4])
        // A negative base with a fractional exponent is NaN, as in C pow and ONNX runtimes.
        #expect(try pow(0.5, [-4])[0].isNaN)
    }

    @Test func powWithPerElementExponent() throws {
        let g = try H.graph(inputShape: [2, 2], nodes: [H.node("Pow", ["x", "p"])],
                            initializers: [H.floats("p", [2], [2, 3])])
        #expect(g.evaluate([3, 2, -1, 0.5]) == [9, 8, 1, 0.125])
    }

    @Test func powWithVariableExponentIsUnsupported() {
        let variable = H.buildError(inputShape: [1, 2], nodes: [H.node("Neg", ["x"], "n"), H.node("Pow", ["x", "n"], name: "power")])
        #expect(variable?.contains("'power'") == true)
        #expect(variable?.contains("exponent") == true)
        let constantBase = H.buildError(inputShape: [1, 2], nodes: [H.node("Pow", ["b", "x"], name: "exp2")],
                                        initializers: [H.floats("b", [], [2])])
        #expect(constantBase?.contains("'exp2'") == true)
        #expect(constantBase?.contains("constant base") == true)
    }

    @Test func powGradients() throws {
        var rng = SeededGenerator(seed: 3)
        let positive = Tensor(shape: [2, 4], data: rng.uniformArray(8, 0.5...2))
        let mixed = Tensor(shape: [2, 4], data: [-1.5, 0.7, 1.2, -0.4, 0.9, -2.1, 1.7, -0.8])
        for p in [2.0, 3, -1, -2, 4] {
            let op = try Pow(exponent: Tensor(scalar: p), inputShape: [4])
            #expect(OperatorChecks.gradientError(op, inputs: [mixed]) < 1e-5, "p = \(p)")
        }
        for p in [0.5, 1.5, -0.5, 0] {
            let op = try Pow(exponent: Tensor(scalar: p), inputShape: [4])
            #expect(OperatorChecks.gradientError(op, inputs: [positive]) < 1e-5, "p = \(p)")
        }
        let perElement = try Pow(exponent: Tensor(shape: [4], data: [2, 0.5, 3, -1]), inputShape: [4])
        #expect(OperatorChecks.gradientError(perElement, inputs: [positive]) < 1e-5)
        // No infinite derivative leaks out at 0.
        let sqrt = try Pow(exponent: Tensor(scalar: 0.5), inputShape: [1])
        let g = sqrt.backward([Tensor(shape: [1, 1], data: [0])], output: Tensor(shape: [1, 1], data: [0]),
                              outputGradient: Tensor(shape: [1, 1], data: [1]))
        #expect(g[0].data == [0])
    }

    @Test func preluPerChannel() throws {
        let g = try H.graph(inputShape: [1, 2, 1, 2], nodes: [H.node("PRelu", ["x", "s"])],
                            initializers: [H.floats("s", [2, 1, 1], [0.1, -2])])
        #expect(g.evaluate([-1, 2, -3, 4]) == [-0.1, 2, 6, 4])
        let scalar = try H.graph(inputShape: [1, 3], nodes: [H.node("PRelu", ["x", "s"])],
                                 initializers: [H.floats("s", [1], [0.25])])
        #expect(scalar.evaluate([-4, 0, 4]) == [-1, 0, 4])
        let op = try PRelu(slope: Tensor(shape: [2, 1], data: [0.3, -0.7]), inputShape: [2, 3])
        let x = Tensor(shape: [2, 2, 3], data: H.ramp(12))
        #expect(OperatorChecks.gradientError(op, inputs: [x]) < 1e-5)
    }

    @Test func preluSlopeErrorsNameTheNode() {
        let wide = H.buildError(inputShape: [1, 2], nodes: [H.node("PRelu", ["x", "s"], name: "act")],
                                initializers: [H.floats("s", [3, 2], Array(repeating: 0.1, count: 6))])
        #expect(wide?.contains("'act'") == true)
        #expect(wide?.contains("slope") == true)
        let variable = H.buildError(inputShape: [1, 2], nodes: [H.node("Neg", ["x"], "n"), H.node("PRelu", ["x", "n"], name: "act")])
        #expect(variable?.contains("'act'") == true)
        #expect(variable?.contains("slope") == true)
    }

    @Test func maxAndMinOfVariables() throws {
        let abs = try H.graph(inputShape: [1, 3], nodes: [H.node("Neg", ["x"], "n"), H.node("Max", ["x", "n"])])
        #expect(abs.evaluate([-2, 3, -0.5]) == [2, 3, 0.5])
        let clipped = try H.graph(inputShape: [1, 3], nodes: [
            H.node("Neg", ["x"], "n"), H.node("Min", ["x", "c", "n", "d"]),
        ], initializers: [H.floats("c", [3], [1, 1, -5]), H.floats("d", [], [0.75])])
        #expect(clipped.evaluate([-2, 3, 0.5]) == [-2, -3, -5])
        let op = try #require(clipped.nodes.last?.op as? ElementwiseExtremum)
        #expect(op.operandCount == 2)
        #expect(op.constant?.data == [0.75, 0.75, -5])
        // A single operand is the identity.
        let single = try H.graph(inputShape: [1, 2], nodes: [H.node("Max", ["x"], "m"), H.node("Neg", ["m"])])
        #expect(single.nodes.count == 1)
    }

    @Test func maxMinGradients() throws {
        var rng = SeededGenerator(seed: 9)
        let a = Tensor(shape: [2, 2, 3], data: rng.uniformArray(12, -2...2))
        let b = Tensor(shape: [2, 3], data: rng.uniformArray(6, -2...2))
        for selection in [ElementwiseExtremum.Selection.maximum, .minimum] {
            let op = try ElementwiseExtremum(selection, operandShapes: [[2, 3], [3]],
                                             constant: Tensor(shape: [3], data: [-0.3, 0.2, 10]))
            #expect(OperatorChecks.gradientError(op, inputs: [a, b]) < 1e-5, "\(selection)")
        }
    }
}
