import Testing
import VernierCore
import VernierTestSupport

private typealias H = NodeHarness

/// The operator of the last node of a built graph.
private func lastOp<T>(_ g: Graph, as type: T.Type) throws -> T {
    try #require(g.nodes.last?.op as? T, "last node is \(String(describing: g.nodes.last?.op.kind))")
}

/// Naive row-major matrix product of `a` (m×k) and `b` (k×n).
private func naiveMatMul(_ a: [Double], _ b: [Double], m: Int, k: Int, n: Int) -> [Double] {
    var c = [Double](repeating: 0, count: m * n)
    for i in 0..<m { for j in 0..<n { for p in 0..<k { c[i * n + j] += a[i * k + p] * b[p * n + j] } } }
    return c
}

private func transposed(_ a: [Double], rows: Int, cols: Int) -> [Double] {
    var t = [Double](repeating: 0, count: a.count)
    for i in 0..<rows { for j in 0..<cols { t[j * rows + i] = a[i * cols + j] } }
    return t
}

@Suite("Gemm lowering and evaluation")
struct GemmTests {
    @Test func transBWithColumnBiasIsLinear() throws {
        // W is [N=2, K=3]; y = x·Wᵀ + b.
        let g = try H.graph(inputShape: [1, 3], nodes: [H.node("Gemm", ["x", "W", "b"], attributes: ["transB": .int(1)])],
                            initializers: [H.floats("W", [2, 3], [1, 2, 3, -1, 0, 2]), H.floats("b", [2], [0.5, -1])])
        let op = try lastOp(g, as: Linear.self)
        #expect(op.inFeatures == 3 && op.outFeatures == 2)
        #expect(g.outputShape == [1, 2])
        let expected: [Double] = [14.5, 4]  // 1+4+9 + 0.5, −1+0+6 − 1
        #expect(g.evaluate([1, 2, 3]) == expected)
    }

    @Test func alphaBetaAndFullBias() throws {
        // A is variable [M=2, K=2], B constant [K=2, N=3], C [2, 3]; y = 2·A·B + 0.5·C.
        let b = [1.0, 0, -1, 2, 1, 0]
        let c = [2.0, 4, 6, 8, 10, 12]
        let g = try H.graph(inputShape: [2, 2], nodes: [H.node("Gemm", ["x", "B", "C"],
                                                               attributes: ["alpha": .float(2), "beta": .float(0.5)])],
                            initializers: [H.floats("B", [2, 3], b), H.floats("C", [2, 3], c)])
        #expect(g.nodes.last?.op is Linear)
        let x = [1.0, 2, 3, -1]
        let ab = naiveMatMul(x, b, m: 2, k: 2, n: 3)
        #expect(g.evaluate(x) == zip(ab, c).map { 2 * $0 + 0.5 * $1 })
    }

    @Test func biasBroadcastsFromColumnAndScalarShapes() throws {
        let b = [1.0, 2, 3, 4]  // [K=2, N=2]
        let x = [1.0, -1, 0.5, 2]  // [M=2, K=2]
        let ab = naiveMatMul(x, b, m: 2, k: 2, n: 2)
        for (shape, values, expected) in [([2, 1], [10.0, 20], [10.0, 10, 20, 20]), ([], [7.0], [7, 7, 7, 7]),
                                          ([1, 2], [1.0, -1], [1, -1, 1, -1])] {
            let g = try H.graph(inputShape: [2, 2], nodes: [H.node("Gemm", ["x", "B", "C"])],
                                initializers: [H.floats("B", [2, 2], b), H.floats("C", shape, values)])
            #expect(g.evaluate(x) == zip(ab, expected).map { $0 + $1 }, "C shape \(shape)")
        }
    }

    @Test func transposedVariableAUsesTheGeneralProduct() throws {
        // A variable stored [K=3, M=2], transA: y = Aᵀ·B, B constant [3, 2].
        let b = [1.0, 2, 3, 4, 5, 6]
        let g = try H.graph(inputShape: [3, 2], nodes: [H.node("Gemm", ["x", "B"], attributes: ["transA": .int(1)])],
                            initializers: [H.floats("B", [3, 2], b)])
        #expect(g.nodes.last?.op is BilinearMatMul)
        let a = [1.0, -2, 0.5, 3, 2, 1]
        #expect(g.evaluate(a) == naiveMatMul(transposed(a, rows: 3, cols: 2), b, m: 2, k: 3, n: 2))
    }

    @Test func constantFirstOperandIsLeftLinear() throws {
        // y = A·x + C with A constant [2, 3], x variable [3, 2], C [2] broadcast over rows.
        let a = [1.0, 0, 2, -1, 3, 1]
        let g = try H.graph(inputShape: [3, 2], nodes: [H.node("Gemm", ["A", "x", "C"])],
                            initializers: [H.floats("A", [2, 3], a), H.floats("C", [2], [100, 200])])
        #expect(g.nodes.last?.op is LeftLinear)
        let x = [1.0, 2, 3, 4, 5, 6]
        let expected = zip(naiveMatMul(a, x, m: 2, k: 3, n: 2), [100.0, 200, 100, 200]).map { $0 + $1 }
        #expect(g.evaluate(x) == expected)
        // With transB the constant-left form is the exact general product.
        let t = try H.graph(inputShape: [2, 3], nodes: [H.node("Gemm", ["A", "x"], attributes: ["transB": .int(1)])],
                            initializers: [H.floats("A", [2, 3], a)])
        #expect(t.nodes.last?.op is BilinearMatMul)
        #expect(t.evaluate([1, 3, 5, 2, 4, 6]) == naiveMatMul(a, x, m: 2, k: 3, n: 2))
    }

    @Test func shapeErrorsNameTheNode() {
        let inner = H.buildError(inputShape: [1, 3], nodes: [H.node("Gemm", ["x", "W"], name: "fc1")],
                                 initializers: [H.floats("W", [4, 2], Array(repeating: 1, count: 8))])
        #expect(inner?.contains("'fc1'") == true && inner?.contains("3") == true, "\(inner ?? "built")")
        let bias = H.buildError(inputShape: [1, 3], nodes: [H.node("Gemm", ["x", "W", "C"], name: "fc2")],
                                initializers: [H.floats("W", [3, 2], Array(repeating: 1, count: 6)),
                                               H.floats("C", [3], [1, 2, 3])])
        #expect(bias?.contains("'fc2'") == true && bias?.contains("C") == true, "\(bias ?? "built")")
        let rank = H.buildError(inputShape: [3], nodes: [H.node("Gemm", ["x", "W"], name: "fc3")],
                                initializers: [H.floats("W", [3, 2], Array(repeating: 1, count: 6))])
        #expect(rank?.contains("'fc3'") == true && rank?.contains("2-D") == true, "\(rank ?? "built")")
        let badAttribute = H.buildError(inputShape: [1, 3], nodes: [H.node("Gemm", ["x", "W"], name: "fc4",
                                                                           attributes: ["alpha": .string("big")])],
                                        initializers: [H.floats("W", [3, 2], Array(repeating: 1, count: 6))])
        #expect(badAttribute?.contains("'fc4'") == true && badAttribute?.contains("alpha") == true)
    }
}

@Suite("MatMul lowering and evaluation")
struct MatMulTests {
    @Test func constantRightOperandActsOnTheLastAxis() throws {
        let b = [1.0, 2, 3, 4, 5, 6]  // [3, 2]
        let g = try H.graph(inputShape: [2, 2, 3], nodes: [H.node("MatMul", ["x", "B"])],
                            initializers: [H.floats("B", [3, 2], b)])
        let op = try lastOp(g, as: Linear.self)
        #expect(op.bias == nil)
        #expect(g.outputShape == [2, 2, 2])
        let x = H.ramp(12)
        #expect(H.close(g.evaluate(x), naiveMatMul(x, b, m: 4, k: 3, n: 2)))
        // Leading unit dimensions of the constant do not change the result.
        let g1 = try H.graph(inputShape: [2, 2, 3], nodes: [H.node("MatMul", ["x", "B"])],
                             initializers: [H.floats("B", [1, 3, 2], b)])
        #expect(g1.nodes.last?.op is Linear)
        #expect(g1.evaluate(x) == g.evaluate(x))
    }

    @Test func oneDimensionalOperandsDropTheirAxis() throws {
        let v = try H.graph(inputShape: [2, 3], nodes: [H.node("MatMul", ["x", "v"])],
                            initializers: [H.floats("v", [3], [1, -1, 2])])
        #expect(v.outputShape == [2])
        #expect(v.evaluate([1, 2, 3, 4, 5, 6]) == [5, 11])
        let dot = try H.graph(inputShape: [3], nodes: [H.node("MatMul", ["x", "v"])],
                              initializers: [H.floats("v", [3], [1, -1, 2])])
        #expect(dot.outputShape == [])
        #expect(dot.evaluate([1, 2, 3]) == [5])
        let left = try H.graph(inputShape: [3, 2], nodes: [H.node("MatMul", ["v", "x"])],
                               initializers: [H.floats("v", [3], [1, -1, 2])])
        #expect(left.nodes.last?.op is LeftLinear)
        #expect(left.outputShape == [2])
        #expect(left.evaluate([1, 2, 3, 4, 5, 6]) == [8, 10])
    }

    @Test func constantLeftOperand() throws {
        let a = [1.0, 0, 2, -1, 3, 1]  // [2, 3]
        let g = try H.graph(inputShape: [2, 3, 2], nodes: [H.node("MatMul", ["A", "x"])],
                            initializers: [H.floats("A", [2, 3], a)])
        #expect(g.nodes.last?.op is LeftLinear)
        #expect(g.outputShape == [2, 2, 2])
        let x = H.ramp(12)
        let expected = naiveMatMul(a, Array(x[0..<6]), m: 2, k: 3, n: 2) + naiveMatMul(a, Array(x[6..<12]), m: 2, k: 3, n: 2)
        #expect(H.close(g.evaluate(x), expected))
        // A·b for a vector b is Linear with weights A.
        let v = try H.graph(inputShape: [3], nodes: [H.node("MatMul", ["A", "x"])],
                            initializers: [H.floats("A", [2, 3], a)])
        #expect(v.nodes.last?.op is Linear)
        #expect(v.evaluate([1, 2, 3]) == [7, 8])
    }

    @Test func twoVariableOperandsBroadcastLeadingAxes() throws {
        // MatMul(x, x) of a square per-sample matrix.
        let g = try H.graph(inputShape: [2, 2], nodes: [H.node("MatMul", ["x", "x"])])
        #expect(g.nodes.last?.op is BilinearMatMul)
        #expect(g.evaluate([1, 2, 3, 4]) == [7, 10, 15, 22])
        // Broadcasting: A [2, 1, 2, 3] × B [4, 3, 2] → [2, 4, 2, 2].
        let op = try BilinearMatMul(shapeA: [2, 1, 2, 3], shapeB: [4, 3, 2])
        #expect(op.resultShape == [2, 4, 2, 2])
        let a = H.ramp(12), b = H.ramp(24, start: -1.3, step: 0.17)
        let y = op.forward([Tensor(shape: [1, 2, 1, 2, 3], data: a), Tensor(shape: [1, 4, 3, 2], data: b)], batchSize: 1)
        var expected = [Double]()
        for i in 0..<2 {
            for j in 0..<4 {
                expected += naiveMatMul(Array(a[(i * 6)..<(i * 6 + 6)]), Array(b[(j * 6)..<(j * 6 + 6)]), m: 2, k: 3, n: 2)
            }
        }
        #expect(H.close(y.data, expected))
        #expect(throws: ShapeError.self) { try BilinearMatMul(shapeA: [2, 2, 3], shapeB: [3, 3, 2]) }
    }

    @Test func allConstantProductFolds() throws {
        // (A·B) folds to a constant; x·(A·B) is then a Linear.
        let g = try H.graph(inputShape: [1, 2], nodes: [H.node("MatMul", ["A", "B"], "AB"), H.node("MatMul", ["x", "AB"])],
                            initializers: [H.floats("A", [2, 2], [1, 2, 3, 4]), H.floats("B", [2, 2], [0, 1, 1, 0])])
        #expect(g.nodes.count == 1)
        #expect(g.nodes[0].op is Linear)
        #expect(g.evaluate([1, 1]) == [6, 4])
    }

    @Test func mismatchedInnerDimensionNamesTheNode() {
        let e = H.buildError(inputShape: [2, 3], nodes: [H.node("MatMul", ["x", "B"], name: "proj")],
                             initializers: [H.floats("B", [4, 2], Array(repeating: 1, count: 8))])
        #expect(e?.contains("'proj'") == true, "\(e ?? "built")")
        let v = H.buildError(inputShape: [2, 3], nodes: [H.node("MatMul", ["x", "x"], name: "square")])
        #expect(v?.contains("'square'") == true, "\(v ?? "built")")
    }

    @Test func gradientsMatchFiniteDifferences() throws {
        var rng = SeededGenerator(seed: 11)
        let linear = Linear(weights: rng.uniformArray(12, -1...1), outFeatures: 3, inFeatures: 4,
                            bias: PeriodicBias([0.5, -0.25, 1]))
        #expect(OperatorChecks.gradientError(linear, inputs: [Tensor(shape: [2, 2, 4], data: rng.uniformArray(16, -2...2))]) < 1e-5)
        let left = LeftLinear(weights: rng.uniformArray(6, -1...1), rows: 2, inner: 3, bias: PeriodicBias([1, 2, 3, 4]))
        #expect(OperatorChecks.gradientError(left, inputs: [Tensor(shape: [3, 3, 2], data: rng.uniformArray(18, -2...2))]) < 1e-5)
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            let sa = ta ? [3, 2] : [2, 3], sb = tb ? [4, 3] : [3, 4]
            let op = try BilinearMatMul(shapeA: sa, shapeB: sb, transposeA: ta, transposeB: tb, alpha: -1.5,
                                        bias: PeriodicBias([0.1, 0.2, 0.3, 0.4]))
            let err = OperatorChecks.gradientError(op, inputs: [Tensor(shape: [2] + sa, data: rng.uniformArray(12, -2...2)),
                                                                Tensor(shape: [2] + sb, data: rng.uniformArray(24, -2...2))])
            #expect(err < 1e-5, "transA \(ta) transB \(tb)")
        }
        let broadcast = try BilinearMatMul(shapeA: [2, 1, 2, 3], shapeB: [3, 3])
        #expect(OperatorChecks.gradientError(broadcast, inputs: [Tensor(shape: [2, 2, 1, 2, 3], data: rng.uniformArray(24, -2...2)),
                                                                 Tensor(shape: [2, 3, 3], data: rng.uniformArray(18, -2...2))]) < 1e-5)
        let vectors = try BilinearMatMul(shapeA: [3], shapeB: [2, 3, 2])
        #expect(vectors.resultShape == [2, 2])
        #expect(OperatorChecks.gradientError(vectors, inputs: [Tensor(shape: [1, 3], data: rng.uniformArray(3, -2...2)),
                                                               Tensor(shape: [1, 2, 3, 2], data: rng.uniformArray(12, -2...2))]) < 1e-5)
    }
}

@Suite("BatchNormalization")
struct BatchNormalizationTests {
    private static let parameters = [H.floats("s", [2], [2, -1]), H.floats("b", [2], [0.5, 1]),
                                     H.floats("m", [2], [1, -2]), H.floats("v", [2], [4, 0.25])]

    @Test func inferenceModeIsAPerChannelAffineMap() throws {
        let g = try H.graph(inputShape: [1, 2, 2], nodes: [H.node("BatchNormalization", ["x", "s", "b", "m", "v"],
                                                                  attributes: ["epsilon": .float(0)])],
                            initializers: Self.parameters)
        let op = try lastOp(g, as: ChannelAffine.self)
        #expect(op.scale == [1, -2])
        #expect(op.shift == [-0.5, -3])
        // Channel 0: 2·(x − 1)/2 + 0.5; channel 1: −(x + 2)/0.5 + 1.
        #expect(g.evaluate([3, 5, 0, 1]) == [2.5, 4.5, -3, -5])
        #expect(OperatorChecks.gradientError(op, inputs: [Tensor(shape: [2, 1, 2, 2], data: H.ramp(8))]) < 1e-5)
    }

    @Test func epsilonIsAddedToTheVariance() throws {
        let g = try H.graph(inputShape: [1, 2], nodes: [H.node("BatchNormalization", ["x", "s", "b", "m", "v"],
                                                               attributes: ["epsilon": .float(0.75)])],
                            initializers: Self.parameters)
        let a0: Double = 2 / (4.75).squareRoot()
        let expected: [Double] = [2 * a0 + 0.5, -1]  // channel 1: variance 0.25 + 0.75 = 1, −(0 + 2) + 1
        #expect(H.close(g.evaluate([3, 0]), expected))
    }

    @Test func unsupportedAndMalformedNodesNameTheNode() {
        let training = H.buildError(inputShape: [1, 2], nodes: [H.node("BatchNormalization", ["x", "s", "b", "m", "v"],
                                                                       name: "bn1", attributes: ["training_mode": .int(1)])],
                                    initializers: Self.parameters)
        #expect(training?.contains("'bn1'") == true && training?.contains("training") == true, "\(training ?? "built")")
        var withStats = H.node("BatchNormalization", ["x", "s", "b", "m", "v"], name: "bn2")
        withStats.outputs = ["y", "running_mean", "running_var"]
        let stats = H.buildError(inputShape: [1, 2], nodes: [withStats], initializers: Self.parameters)
        #expect(stats?.contains("'bn2'") == true && stats?.contains("training") == true, "\(stats ?? "built")")
        let count = H.buildError(inputShape: [1, 3], nodes: [H.node("BatchNormalization", ["x", "s", "b", "m", "v"], name: "bn3")],
                                 initializers: Self.parameters)
        #expect(count?.contains("'bn3'") == true, "\(count ?? "built")")
        let negative = H.buildError(inputShape: [1, 2], nodes: [H.node("BatchNormalization", ["x", "s", "b", "m", "v"], name: "bn4")],
                                    initializers: Array(Self.parameters.dropLast()) + [H.floats("v", [2], [1, -1])])
        #expect(negative?.contains("'bn4'") == true && negative?.contains("input_var") == true, "\(negative ?? "built")")
    }
}
