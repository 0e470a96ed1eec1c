import Testing
@testable import VernierBounds
import VernierCore
import VernierTestSupport

/// α-CROWN: the hand-derived gradient against finite differences, never looser than CROWN, sound.
@Suite struct AlphaCROWNTests {
    static func setup(_ activation: String, seed: UInt64, radius: Double = 0.4)
        throws -> (AlphaCROWN, [IntervalTensor], [AlphaCROWN.Slot], CoefficientMatrix, Graph) {
        let graph = try GraphBuilder().build(RandomNetworks.mlp(inputs: 3, widths: [6, 5], outputs: 2, activation: activation, seed: seed))
        let lower = [-radius, 0.1 - radius, 0.2 - radius], upper = [radius, 0.1 + radius, 0.2 + radius]
        let inter = try CROWN(graph: graph).intermediateBounds(lower: lower, upper: upper)
        let alpha = AlphaCROWN(graph: graph)
        let slots = alpha.slots(before: graph.outputValue, bounds: inter)
        // Two rows: each has its own slopes, and the gradient of one row must not leak into the other.
        return (alpha, inter, slots, CoefficientMatrix(rows: 2, columns: 2, data: [1, -0.7, -0.3, 1]), graph)
    }

    @Test(arguments: ["Relu", "Sigmoid", "Tanh", "Gelu"])
    func testGradient_matchesFiniteDifferences(_ activation: String) throws {
        let (alpha, inter, slots, a, graph) = try Self.setup(activation, seed: 3)
        let m = a.rows
        var rng = SeededGenerator(seed: 9)
        let slopes = slots.map { s in
            AlphaCROWN.Slopes(lower: (0..<m).flatMap { _ in s.slopeRange.map { r in r.map { rng.uniform($0) } ?? .nan } },
                              upper: (0..<m).flatMap { _ in s.slopeRange.map { r in r.map { rng.uniform($0) } ?? .nan } })
        }
        let target = graph.outputValue
        let (_, grads, _) = try alpha.valueAndGradient(a, at: target, slots: slots, slopes: slopes, bounds: inter)
        var checked = 0
        for (k, s) in slots.enumerated() {
            let n = s.slopeRange.count
            for e in 0..<(m * n) where s.slopeRange[e % n] != nil {
                for side in 0..<2 {
                    let g = side == 0 ? grads[k].lower[e] : grads[k].upper[e]
                    let h = 1e-6
                    var plus = slopes, minus = slopes
                    if side == 0 { plus[k].lower[e] += h; minus[k].lower[e] -= h } else { plus[k].upper[e] += h; minus[k].upper[e] -= h }
                    let (vp, _, _) = try alpha.valueAndGradient(a, at: target, slots: slots, slopes: plus, bounds: inter)
                    let (vm, _, _) = try alpha.valueAndGradient(a, at: target, slots: slots, slopes: minus, bounds: inter)
                    // Row r depends on its own slopes only.
                    let r = e / n
                    for other in 0..<m where other != r { #expect(vp[other] == vm[other], "row \(other) moved with row \(r)'s slope") }
                    let fd = (vp[r] - vm[r]) / (2 * h)
                    guard g != 0 || abs(fd) > 1e-9 else { continue }
                    #expect(abs(fd - g) <= 1e-3 * max(1, abs(fd)), "\(activation) node \(s.node) row \(r) element \(e % n) side \(side): analytic \(g), finite difference \(fd)")
                    checked += 1
                }
            }
        }
        #expect(checked >= 4)
    }

    /// Stage 1 (intermediate bounds optimised as rows): the tightened bounds are inside CROWN's and
    /// contain every sampled value.
    @Test(arguments: ["Relu", "Sigmoid", "Gelu"])
    func testTightenedIntermediateBounds_areSoundAndInsideCROWN(_ activation: String) throws {
        let graph = try GraphBuilder().build(RandomNetworks.mlp(inputs: 3, widths: [8, 8, 8], outputs: 2, activation: activation, seed: 44))
        let lower = [-0.6, -0.5, -0.4], upper = [0.6, 0.7, 0.8]
        let crown = try CROWN(graph: graph).intermediateBounds(lower: lower, upper: upper)
        var tight = crown
        try AlphaCROWN(graph: graph).tightenIntermediate(&tight)
        var narrower = 0
        for v in crown.indices {
            for j in 0..<crown[v].count {
                #expect(tight[v].lower.data[j] >= crown[v].lower.data[j] && tight[v].upper.data[j] <= crown[v].upper.data[j])
                if tight[v].upper.data[j] - tight[v].lower.data[j] < crown[v].upper.data[j] - crown[v].lower.data[j] - 1e-9 { narrower += 1 }
            }
        }
        #expect(narrower > 0, "\(activation): optimisation tightened nothing")
        var rng = SeededGenerator(seed: 45)
        var samples = [[Double]]()
        for k in 0..<2000 {
            var x = [Double]()
            for i in 0..<3 {
                // The 8 vertices first, then uniform points.
                let vertex: Double = (k >> i) & 1 == 0 ? lower[i] : upper[i]
                x.append(k < 8 ? vertex : rng.uniform(lower[i]...upper[i]))
            }
            samples.append(x)
        }
        let values = graph.forwardAll(Tensor(shape: [samples.count, 3], data: samples.flatMap { $0 }))
        for v in tight.indices {
            let n = tight[v].count
            for (e, y) in values[v].data.enumerated() {
                #expect(tight[v].lower.data[e % n] <= y && y <= tight[v].upper.data[e % n], "value \(v) element \(e % n): \(y) outside")
            }
        }
    }

    @Test(arguments: ["Relu", "Sigmoid", "Tanh", "Silu"])
    func testOptimisedBounds_areSoundAndNoLooserThanCROWN(_ activation: String) throws {
        for seed in UInt64(1)...3 {
            let (_, _, _, _, graph) = try Self.setup(activation, seed: seed)
            let lower = [-0.5, -0.4, -0.3], upper = [0.5, 0.6, 0.7]
            let c = CoefficientMatrix(rows: 2, columns: 2, data: [1, -1, 0.5, 1])
            let r = try AlphaCROWN(graph: graph).bounds(lower: lower, upper: upper, specification: c)
            for i in 0..<2 {
                #expect(r.lower[i] >= r.crownLower[i] && r.upper[i] <= r.crownUpper[i])
            }
            var rng = SeededGenerator(seed: seed)
            for _ in 0..<3000 {
                let x = (0..<3).map { rng.uniform(lower[$0]...upper[$0]) }
                let y = graph.evaluate(x)
                let v = [y[0] - y[1], 0.5 * y[0] + y[1]]
                for i in 0..<2 { #expect(r.lower[i] <= v[i] && v[i] <= r.upper[i]) }
            }
        }
    }

    @Test func testOptimisation_improvesAReluBound() throws {
        // Wide box: many unstable ReLUs, where the lower-slope choice matters.
        let graph = try GraphBuilder().build(RandomNetworks.mlp(inputs: 4, widths: [16, 16], outputs: 3, activation: "Relu", seed: 21))
        let lower = [Double](repeating: -1, count: 4), upper = [Double](repeating: 1, count: 4)
        let c = CoefficientMatrix(rows: 3, columns: 3, data: [1, -1, 0, 0, 1, -1, -1, 0, 1])
        let r = try AlphaCROWN(graph: graph).bounds(lower: lower, upper: upper, specification: c)
        let gain = zip(r.lower, r.crownLower).reduce(0) { $0 + ($1.0 - $1.1) }
        #expect(gain > 1e-3, "α-CROWN gained only \(gain) over CROWN")
    }
}

/// α-CROWN's cached relaxed values through a dense layer: an update from a few changed inputs agrees with
/// the layer's own forward pass, and many changes recompute it.
@Suite struct RelaxedValueCacheTests {
    @Test func testIncrementalUpdates_matchTheForwardPass() {
        let (n, k, m) = (7, 40, 3)
        var rng = SeededGenerator(seed: 12)
        let linear = Linear(weights: (0..<(n * k)).map { _ in rng.uniform(-1...1) }, outFeatures: n, inFeatures: k,
                            bias: PeriodicBias((0..<n).map { _ in rng.uniform(-1...1) }))
        func full(_ x: [Double]) -> [Double] { linear.forward([Tensor(shape: [m, k], data: x)], batchSize: m).data }
        var cache = RelaxedValueCache()
        var x = (0..<(m * k)).map { _ in rng.uniform(-1...1) }
        var fullCalls = 0
        for step in 0..<30 {
            if step > 0 {
                // A few flips per step (a sixteenth of 120 entries is 7.5): the update path.
                for _ in 0..<3 { x[Int(rng.uniform(0...Double(m * k - 1)))] = rng.uniform(-1...1) }
            }
            if step == 20 { x = x.map { -$0 } }  // everything moves: a full recomputation
            let y = cache.forward(linear, node: 0, rows: x) { fullCalls += 1; return full(x) }
            let expected = full(x)
            for e in y.indices { #expect(abs(y[e] - expected[e]) <= 1e-12, "step \(step) entry \(e): \(y[e]) vs \(expected[e])") }
        }
        #expect(fullCalls == 2)
    }
}
