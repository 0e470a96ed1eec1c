import Testing
import VernierCore
import VernierBounds
import VernierTestSupport

/// CROWN by sampling: relaxations of every activation on random intervals, and whole random
/// networks; plus exactness on linear networks and "never looser than IBP".
@Suite struct CROWNSoundnessTests {
    static let activations: [(String, [String: AttributeValue])] = RandomNetworkIntervalTests.activations
        + [("Exp", [:]), ("Erf", [:])]

    /// The activation behind an ONNX op type, through the real lowering.
    static func activation(_ op: String, _ attrs: [String: AttributeValue]) throws -> any ScalarActivation {
        let doc = ModelDocument(inputs: [ValueInfo(name: "x", shape: [.fixed(1), .fixed(1)])], outputs: [ValueInfo(name: "y")],
                                nodes: [NodeDocument(name: "a", opType: op, inputs: ["x"], outputs: ["y"], attributes: attrs)],
                                opsets: ["": 20])
        let g = try GraphBuilder().build(doc)
        return try #require(g.nodes.last?.op as? any ActivationOperator).scalarActivation
    }

    @Test(arguments: activations.indices)
    func testScalarRelaxation_boundsTheFunction(_ k: Int) throws {
        let (op, attrs) = Self.activations[k]
        let f = try Self.activation(op, attrs)
        var rng = SeededGenerator(seed: UInt64(1000 + k))
        var buffer = [CriticalPoint]()
        for trial in 0..<400 {
            let c = rng.uniform(-6...6)
            let w = [1e-6, 0.01, 0.5, 2, 8, 30][trial % 6] * rng.uniform(0...1)
            let l = c - w / 2, u = c + w / 2
            // Every third trial: arbitrary slopes (as an optimiser might pick), which must stay sound.
            let slopes: (Double?, Double?) = trial % 3 == 0 ? (rng.uniform(-2...2), rng.uniform(-2...2)) : (nil, nil)
            let r = ScalarRelaxation.relax(f, l, u, lowerSlope: slopes.0, upperSlope: slopes.1, buffer: &buffer)
            for s in 0..<60 {
                let x = s == 0 ? l : (s == 1 ? u : l + (u - l) * rng.uniform(0...1))
                let y = f.value(x)
                guard y.isFinite else { continue }
                #expect(r.lower.slope * x + r.lower.intercept <= y + 1e-12 * max(1, abs(y)),
                        "\(op) lower line above f at \(x) on [\(l), \(u)]: \(r.lower) vs \(y)")
                #expect(y <= r.upper.slope * x + r.upper.intercept + 1e-12 * max(1, abs(y)),
                        "\(op) upper line below f at \(x) on [\(l), \(u)]: \(r.upper) vs \(y)")
            }
        }
    }

    /// Around the inflection of an S-shaped function the least-area lines are either tangents at
    /// the midpoint or tangents through the opposite end point ((l, f(l)) for the upper line,
    /// (u, f(u)) for the lower one). The relaxation must be at least as tight at the midpoint as
    /// the end-point tangents, found here independently on a fine grid.
    @Test(arguments: ["Sigmoid", "Tanh"])
    func testSShapedRelaxation_isNoLooserThanEndPointTangents(_ op: String) throws {
        let f = try Self.activation(op, [:])
        var buffer = [CriticalPoint]()
        var throughEndPoint = 0
        for (l, u) in [(-4.0, 1.0), (-2.5, 0.5), (-1.0, 3.0), (-0.3, 6.0), (-6.0, 0.2), (-3.0, 3.5), (-0.5, 0.7), (-3.0, 3.0), (-4.0, 2.5)] {
            let r = ScalarRelaxation.relax(f, l, u, buffer: &buffer)
            let mid = 0.5 * (l + u)
            let grid = (0...4000).map { l + (u - l) * Double($0) / 4000 }
            // Steepest secants from each end: the flattest valid lines through that end point (the grid
            // maximum is within ~1e-6 of the true one at the midpoint, hence the tolerance below).
            let upperSlope = grid.dropFirst().map { (f.value($0) - f.value(l)) / ($0 - l) }.max()!
            let lowerSlope = grid.dropLast().map { (f.value(u) - f.value($0)) / (u - $0) }.max()!
            let upperAtMid = f.value(l) + upperSlope * (mid - l)
            let lowerAtMid = f.value(u) + lowerSlope * (mid - u)
            let chosenUpper = r.upper.slope * mid + r.upper.intercept
            let chosenLower = r.lower.slope * mid + r.lower.intercept
            #expect(chosenUpper <= upperAtMid + 1e-5, "\(op) upper on [\(l), \(u)]: \(chosenUpper) > \(upperAtMid)")
            #expect(chosenLower >= lowerAtMid - 1e-5, "\(op) lower on [\(l), \(u)]: \(chosenLower) < \(lowerAtMid)")
            if abs(r.upper.slope * l + r.upper.intercept - f.value(l)) < 1e-6, abs(r.upper.slope - f.derivative(l)) > 1e-3 { throughEndPoint += 1 }
            if abs(r.lower.slope * u + r.lower.intercept - f.value(u)) < 1e-6, abs(r.lower.slope - f.derivative(u)) > 1e-3 { throughEndPoint += 1 }
        }
        #expect(throughEndPoint >= 2, "some intervals should pick a tangent through an end point")
    }

    static func crownViolations(_ doc: ModelDocument, radius: Double, seed: UInt64) throws -> (bad: [String], crownWidth: Double, ibpWidth: Double) {
        let graph = try GraphBuilder().build(doc)
        var rng = SeededGenerator(seed: seed)
        let center = rng.uniformArray(graph.inputCount, -1...1)
        let lower = center.map { $0 - radius }, upper = center.map { $0 + radius }
        let n = graph.outputCount
        var eye = CoefficientMatrix.zeros(rows: n, columns: n)
        for i in 0..<n { eye.data[i * n + i] = 1 }
        let r = try CROWN(graph: graph).bounds(lower: lower, upper: upper, specification: eye)
        let box = IntervalTensor(lower: Tensor(shape: [1] + graph.inputShape, data: lower),
                                 upper: Tensor(shape: [1] + graph.inputShape, data: upper))
        let ibp = try IntervalBoundPropagation.outputBounds(graph, input: box)
        let bad = GraphSampling.violations(graph, lower: lower, upper: upper, boundLower: r.lower, boundUpper: r.upper,
                                           samples: 2000, seed: seed &+ 1)
        let cw = zip(r.lower, r.upper).reduce(0) { $0 + ($1.1 - $1.0) }
        let iw = zip(ibp.lower.data, ibp.upper.data).reduce(0) { $0 + ($1.1 - $1.0) }
        return (bad, cw, iw)
    }

    @Test(arguments: RandomNetworkIntervalTests.activations.indices)
    func testCROWN_onRandomMLPs_isSoundAndNoLooserThanIBP(_ k: Int) throws {
        let (act, attrs) = RandomNetworkIntervalTests.activations[k]
        for (i, radius) in [1e-4, 0.05, 0.3].enumerated() {
            let doc = RandomNetworks.mlp(inputs: 3, widths: [10, 8], outputs: 3, activation: act, attributes: attrs,
                                         seed: UInt64(500 + 10 * k + i))
            let (bad, cw, iw) = try Self.crownViolations(doc, radius: radius, seed: UInt64(k * 13 + i))
            #expect(bad.isEmpty, "\(act) radius \(radius): \(bad)")
            #expect(cw <= iw * (1 + 1e-9), "\(act) radius \(radius): CROWN width \(cw) > IBP width \(iw)")
        }
    }

    @Test func testCROWN_onCNNAndResidualProduct_isSound() throws {
        for (i, act) in ["Relu", "Sigmoid", "Tanh"].enumerated() {
            let (bad, _, _) = try Self.crownViolations(RandomNetworks.cnn(activation: act, pool: "AveragePool", seed: UInt64(70 + i)),
                                                       radius: 0.1, seed: UInt64(i))
            #expect(bad.isEmpty, "\(act): \(bad)")
            let (bad2, _, _) = try Self.crownViolations(RandomNetworks.cnn(activation: act, pool: "MaxPool", seed: UInt64(80 + i)),
                                                        radius: 0.1, seed: UInt64(i))
            #expect(bad2.isEmpty, "\(act)/MaxPool: \(bad2)")
        }
        for seed in UInt64(0)..<4 {
            let (bad, _, _) = try Self.crownViolations(RandomNetworks.residualProduct(seed: seed), radius: 0.3, seed: seed)
            #expect(bad.isEmpty, "\(bad)")
        }
    }

    /// Intermediate values bounded in chunks of rows give the bounds of one pass (each row's
    /// bound depends on its own row only; BLAS may reorder sums, hence the tolerance).
    @Test func testCROWN_rowChunksGiveTheSameBounds() throws {
        let graph = try GraphBuilder().build(RandomNetworks.mlp(inputs: 4, widths: [20, 20], outputs: 3, activation: "Sigmoid", seed: 909))
        var rng = SeededGenerator(seed: 5)
        let lower = (0..<4).map { _ in rng.uniform(-1...0) }, upper = lower.map { $0 + 0.6 }
        var eye = CoefficientMatrix.zeros(rows: 3, columns: 3)
        for i in 0..<3 { eye.data[i * 3 + i] = 1 }
        let whole = try CROWN(graph: graph).bounds(lower: lower, upper: upper, specification: eye)
        let chunked = try CROWN(graph: graph, options: .init(rowChunk: 3)).bounds(lower: lower, upper: upper, specification: eye)
        for j in 0..<3 {
            #expect(abs(whole.lower[j] - chunked.lower[j]) <= 1e-12 * (1 + abs(whole.lower[j])))
            #expect(abs(whole.upper[j] - chunked.upper[j]) <= 1e-12 * (1 + abs(whole.upper[j])))
        }
        for v in whole.intermediate.indices {
            for e in 0..<whole.intermediate[v].count {
                #expect(abs(whole.intermediate[v].lower.data[e] - chunked.intermediate[v].lower.data[e]) <= 1e-12 * (1 + abs(whole.intermediate[v].lower.data[e])))
            }
        }
    }

    @Test func testCROWN_onLinearNetwork_isExact() throws {
        // Two Gemm layers without activation: the lower bound of each output is attained at a box vertex.
        var doc = RandomNetworks.mlp(inputs: 4, widths: [6], outputs: 3, activation: "Identity", seed: 42)
        doc.nodes.removeAll { $0.opType == "Identity" }
        doc.nodes[1].inputs[0] = "z0"
        let graph = try GraphBuilder().build(doc)
        let lower = [-0.5, 0.1, -1, 0.3], upper = [0.5, 0.4, -0.2, 0.9]
        var eye = CoefficientMatrix.zeros(rows: 3, columns: 3)
        for i in 0..<3 { eye.data[i * 3 + i] = 1 }
        let r = try CROWN(graph: graph).bounds(lower: lower, upper: upper, specification: eye)
        // Exact extremes by enumerating the 16 vertices.
        var lo = [Double](repeating: .infinity, count: 3), hi = [Double](repeating: -.infinity, count: 3)
        for mask in 0..<16 {
            let x = (0..<4).map { (mask >> $0) & 1 == 1 ? upper[$0] : lower[$0] }
            let y = graph.evaluate(x)
            for j in 0..<3 { lo[j] = min(lo[j], y[j]); hi[j] = max(hi[j], y[j]) }
        }
        for j in 0..<3 {
            #expect(r.lower[j] <= lo[j] && lo[j] - r.lower[j] < 1e-12, "lower \(r.lower[j]) vs exact \(lo[j])")
            #expect(r.upper[j] >= hi[j] && r.upper[j] - hi[j] < 1e-12, "upper \(r.upper[j]) vs exact \(hi[j])")
        }
    }
}
