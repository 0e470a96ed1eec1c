import Testing
import VernierBounds
import VernierCore
import VernierTestSupport

/// End to end: CROWN on networks with the newly relaxed operators is sound by sampling and
/// tighter than the same CROWN with those operators concretised by their interval bounds (the
/// fallback they used before) and than IBP.
@Suite struct NetworkRelaxationTests {
    /// An operator seen through its interval bound only: CROWN then uses the interval fallback.
    struct IntervalOnly: IntervalPropagating {
        let base: any IntervalPropagating
        var kind: String { base.kind }
        func outputShape(for inputShapes: [[Int]]) throws -> [Int] { try base.outputShape(for: inputShapes) }
        func forward(_ inputs: [Tensor], batchSize: Int) -> Tensor { base.forward(inputs, batchSize: batchSize) }
        func backward(_ inputs: [Tensor], output: Tensor, outputGradient: Tensor) -> [Tensor] {
            base.backward(inputs, output: output, outputGradient: outputGradient)
        }
        func interval(_ inputs: [IntervalTensor]) -> IntervalTensor { base.interval(inputs) }
    }

    /// The operators this work relaxed.
    static func isNewlyRelaxed(_ op: any Operator) -> Bool {
        op is Mul || op is BilinearMatMul || op is MaxPool || op is Reduction || op is ElementwiseExtremum
            || op is PRelu || op is Pow || op is Div || op is ScaledReciprocal || op is Softmax || op is LogSoftmax
    }

    /// The graph with every newly relaxed operator replaced by its interval-only view.
    static func withFallback(_ graph: Graph) -> Graph {
        var g = graph
        for i in g.nodes.indices where isNewlyRelaxed(g.nodes[i].op) {
            g.nodes[i].op = IntervalOnly(base: g.nodes[i].op as! any IntervalPropagating)
        }
        return g
    }

    struct Widths {
        var relaxed: Double
        var fallback: Double
        var ibp: Double
    }

    /// CROWN bounds of every output over a box of `radius` around a random centre: checks them by
    /// sampling and returns the total widths of CROWN, CROWN with the fallback, and IBP.
    static func check(_ doc: ModelDocument, radius: Double, seed: UInt64) throws -> Widths {
        let graph = try GraphBuilder().build(doc)
        #expect(graph.nodes.contains { isNewlyRelaxed($0.op) }, "\(doc.name) has no newly relaxed operator")
        var rng = SeededGenerator(seed: seed)
        let center = rng.uniformArray(graph.inputCount, -1...1)
        let lower = center.map { $0 - radius }, upper = center.map { $0 + radius }
        let n = graph.outputCount
        var eye = CoefficientMatrix.zeros(rows: n, columns: n)
        for i in 0..<n { eye.data[i * n + i] = 1 }
        let relaxed = try CROWN(graph: graph).bounds(lower: lower, upper: upper, specification: eye)
        let fallback = try CROWN(graph: withFallback(graph)).bounds(lower: lower, upper: upper, specification: eye)
        let box = IntervalTensor(lower: Tensor(shape: [1] + graph.inputShape, data: lower),
                                 upper: Tensor(shape: [1] + graph.inputShape, data: upper))
        let ibp = try IntervalBoundPropagation.outputBounds(graph, input: box)
        let bad = GraphSampling.violations(graph, lower: lower, upper: upper, boundLower: relaxed.lower,
                                           boundUpper: relaxed.upper, samples: 2000, seed: seed &+ 1)
        #expect(bad.isEmpty, "\(doc.name) radius \(radius): \(bad)")
        func width(_ lo: [Double], _ hi: [Double]) -> Double { zip(lo, hi).reduce(0) { $0 + ($1.1 - $1.0) } }
        return Widths(relaxed: width(relaxed.lower, relaxed.upper), fallback: width(fallback.lower, fallback.upper),
                      ibp: width(ibp.lower.data, ibp.upper.data))
    }

    /// x[1, 4] → Gemm → h[1, 6] → `middle` (reads h, and h2 = a second Gemm of x; writes g[1, 6])
    /// → Gemm → y[1, 3].
    static func chain(_ name: String, middle: [NodeDocument], initializers: [TensorData] = [], seed: UInt64) -> ModelDocument {
        var rng = SeededGenerator(seed: seed)
        let inits = [
            TensorData(name: "W0", shape: [6, 4], doubles: rng.uniformArray(24, -0.8...0.8)),
            TensorData(name: "b0", shape: [6], doubles: rng.uniformArray(6, -0.3...0.3)),
            TensorData(name: "W2", shape: [6, 4], doubles: rng.uniformArray(24, -0.8...0.8)),
            TensorData(name: "W1", shape: [3, 6], doubles: rng.uniformArray(18, -0.8...0.8)),
        ] + initializers
        let nodes = [
            NodeDocument(name: "fc0", opType: "Gemm", inputs: ["x", "W0", "b0"], outputs: ["h"], attributes: ["transB": .int(1)]),
            NodeDocument(name: "fc2", opType: "Gemm", inputs: ["x", "W2"], outputs: ["h2"], attributes: ["transB": .int(1)]),
        ] + middle + [
            NodeDocument(name: "fc1", opType: "Gemm", inputs: ["g", "W1"], outputs: ["y"], attributes: ["transB": .int(1)]),
        ]
        return ModelDocument(name: name, inputs: [ValueInfo(name: "x", shape: [.fixed(1), .fixed(4)])],
                             outputs: [ValueInfo(name: "y")], initializers: inits, nodes: nodes, opsets: ["": 20])
    }

    static func node(_ op: String, _ inputs: [String], _ output: String, _ attributes: [String: AttributeValue] = [:]) -> NodeDocument {
        NodeDocument(name: output, opType: op, inputs: inputs, outputs: [output], attributes: attributes)
    }

    /// One small network per newly relaxed operator.
    static let networks: [(String, @Sendable (UInt64) -> ModelDocument)] = [
        ("Mul", { chain("mul", middle: [node("Tanh", ["h2"], "t"), node("Mul", ["h", "t"], "g")], seed: $0) }),
        ("MatMul", { chain("matmul", middle: [
            node("Reshape", ["h", "s23"], "q"), node("Reshape", ["h2", "s32"], "k"),
            node("MatMul", ["q", "k"], "qk"), node("Reshape", ["qk", "s14"], "qk1"),
            node("Concat", ["qk1", "h"], "cat", ["axis": .int(1)]), node("Slice", ["cat", "st", "en", "ax"], "g"),
        ], initializers: [NodeHarness.ints("s23", [2, 3]), NodeHarness.ints("s32", [3, 2]), NodeHarness.ints("s14", [1, 4]),
                          NodeHarness.ints("st", [0]), NodeHarness.ints("en", [6]), NodeHarness.ints("ax", [1])], seed: $0) }),
        ("MaxPool", { RandomNetworks.cnn(activation: "Relu", pool: "MaxPool", seed: $0) }),
        ("ReduceMax", { chain("reducemax", middle: [
            node("Reshape", ["h", "s"], "r"), node("ReduceMax", ["r", "axes"], "m", ["keepdims": .int(1)]),
            node("Add", ["r", "m"], "a"), node("Reshape", ["a", "back"], "g"),
        ], initializers: [NodeHarness.ints("s", [1, 2, 3]), NodeHarness.ints("axes", [2]), NodeHarness.ints("back", [1, 6])],
        seed: $0) }),
        ("Max", { chain("max", middle: [node("Max", ["h", "h2", "c"], "g")],
                        initializers: [NodeHarness.floats("c", [6], [0, -0.2, 0.1, -1, 0.3, 0])], seed: $0) }),
        ("Min", { chain("min", middle: [node("Min", ["h", "h2"], "g")], seed: $0) }),
        ("PRelu", { chain("prelu", middle: [node("PRelu", ["h", "slope"], "g")],
                          initializers: [NodeHarness.floats("slope", [6], [0.1, -0.3, 0.5, 1.5, 0, 0.2])], seed: $0) }),
        ("Pow", { chain("pow", middle: [node("Pow", ["h", "two"], "g")], initializers: [NodeHarness.floats("two", [], [2])], seed: $0) }),
        ("Div", { chain("div", middle: [node("Sigmoid", ["h2"], "s"), node("Add", ["s", "half"], "d"), node("Div", ["h", "d"], "g")],
                        initializers: [NodeHarness.floats("half", [], [0.5])], seed: $0) }),
        ("Reciprocal", { chain("reciprocal", middle: [node("Sigmoid", ["h2"], "s"), node("Add", ["s", "half"], "d"),
                                                      node("Div", ["two", "d"], "g")],
                               initializers: [NodeHarness.floats("half", [], [0.5]), NodeHarness.floats("two", [], [2])], seed: $0) }),
        ("Softmax", { chain("softmax", middle: [node("Softmax", ["h"], "g", ["axis": .int(-1)])], seed: $0) }),
        ("LogSoftmax", { chain("logsoftmax", middle: [node("LogSoftmax", ["h"], "g", ["axis": .int(-1)])], seed: $0) }),
    ]

    @Test(arguments: networks.indices)
    func testCROWN_withTheRelaxation_isSoundAndTighterThanTheFallback(_ k: Int) throws {
        let (name, make) = Self.networks[k]
        var strictlyTighter = false
        for (i, radius) in [0.02, 0.1, 0.4].enumerated() {
            for seed in UInt64(0)..<3 {
                let w = try Self.check(make(seed + 100 * UInt64(k)), radius: radius, seed: seed &+ UInt64(i))
                #expect(w.relaxed <= w.ibp * (1 + 1e-9), "\(name) radius \(radius) seed \(seed): CROWN \(w.relaxed) > IBP \(w.ibp)")
                if w.relaxed < w.fallback * (1 - 1e-6) { strictlyTighter = true }
            }
        }
        #expect(strictlyTighter, "\(name): the relaxation never beat the interval fallback")
    }

    @Test func testCROWN_onResidualProductAndMaxPoolCNN_isSoundAndTighter() throws {
        var totals = (relaxed: 0.0, fallback: 0.0, ibp: 0.0)
        for seed in UInt64(0)..<4 {
            for (doc, radius) in [(RandomNetworks.residualProduct(seed: seed), 0.3),
                                  (RandomNetworks.cnn(activation: ["Relu", "Sigmoid", "Tanh", "Relu"][Int(seed)], pool: "MaxPool", seed: 80 + seed), 0.1)] {
                let w = try Self.check(doc, radius: radius, seed: seed)
                totals.relaxed += w.relaxed
                totals.fallback += w.fallback
                totals.ibp += w.ibp
            }
        }
        #expect(totals.relaxed < totals.fallback && totals.relaxed < totals.ibp,
                "widths: relaxed \(totals.relaxed), fallback \(totals.fallback), IBP \(totals.ibp)")
    }
}
