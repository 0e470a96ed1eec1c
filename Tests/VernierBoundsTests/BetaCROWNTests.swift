import Testing
@testable import VernierBounds
import VernierCore
import VernierTestSupport

/// β-CROWN (split multipliers optimised with the slopes): the multiplier gradient against finite
/// differences, soundness on the split sub-domain by sampling, and a gain over the splits' interval
/// effect alone.
@Suite struct BetaCROWNTests {
    /// A random ReLU MLP, a box, and splits on the first hidden layer's unstable neurons (the
    /// first `count` of them, alternating active / inactive), with the domain's CROWN bounds.
    static func setup(seed: UInt64, count: Int) throws
        -> (graph: Graph, lower: [Double], upper: [Double], splits: BoundRestrictions, result: CROWN.Result, value: Int) {
        let graph = try GraphBuilder().build(RandomNetworks.mlp(inputs: 3, widths: [8, 8], outputs: 2, activation: "Relu", seed: seed))
        let lower = [-0.8, -0.7, -0.9], upper = [0.9, 0.8, 0.7]
        let crown = CROWN(graph: graph)
        let root = try crown.intermediateBounds(lower: lower, upper: upper)
        // The operand of the first ReLU.
        let value = graph.nodes.first { $0.op is any ActivationOperator }!.inputs[0]
        var splits = BoundRestrictions()
        var chosen = 0
        for j in 0..<root[value].count where root[value].lower.data[j] < 0 && root[value].upper.data[j] > 0 && chosen < count {
            if chosen % 2 == 0 {
                splits.restrict(value: value, element: j, lower: 0, upper: .infinity)
            } else {
                splits.restrict(value: value, element: j, lower: -.infinity, upper: 0)
            }
            chosen += 1
        }
        let spec = CoefficientMatrix(rows: 1, columns: 2, data: [1, -1])
        let result = try crown.bounds(lower: lower, upper: upper, specification: spec, restrictions: splits, parent: root)
        return (graph, lower, upper, splits, result, value)
    }

    @Test func testMultiplierGradient_matchesFiniteDifferences() throws {
        var checked = 0
        for seed in UInt64(1)...4 {
            let (graph, _, _, splits, result, _) = try Self.setup(seed: seed, count: 3)
            guard result.feasible else { continue }
            let alpha = AlphaCROWN(graph: graph)
            let target = graph.outputValue
            let multipliers = SplitMultipliers(restrictions: splits, bounds: result.intermediate, before: target)
            let slots = alpha.slots(before: target, bounds: result.intermediate)
            let slopes = slots.map { s in
                AlphaCROWN.Slopes(lower: s.heuristic.map { $0.lower.slope }, upper: s.heuristic.map { $0.upper.slope })
            }
            let a = CoefficientMatrix(rows: 1, columns: 2, data: [1, -1])
            var rng = SeededGenerator(seed: seed)
            // Away from 0 (where the derivative is one-sided), in each multiplier's allowed sign.
            let limits = multipliers.limits(rows: 1)
            let beta = limits.lower.indices.map { i in limits.lower[i] < 0 ? -rng.uniform(0.05...0.5) : rng.uniform(0.05...0.5) }
            let (_, _, g) = try alpha.valueAndGradient(a, at: target, slots: slots, slopes: slopes, bounds: result.intermediate,
                                                       multipliers: multipliers, beta: beta)
            for i in beta.indices {
                let h = 1e-6
                var plus = beta, minus = beta
                plus[i] += h
                minus[i] -= h
                let (vp, _, _) = try alpha.valueAndGradient(a, at: target, slots: slots, slopes: slopes, bounds: result.intermediate,
                                                            multipliers: multipliers, beta: plus)
                let (vm, _, _) = try alpha.valueAndGradient(a, at: target, slots: slots, slopes: slopes, bounds: result.intermediate,
                                                            multipliers: multipliers, beta: minus)
                let fd = (vp[0] - vm[0]) / (2 * h)
                #expect(abs(fd - g[i]) <= 1e-4 * max(1, abs(fd)), "seed \(seed) multiplier \(i): analytic \(g[i]), finite difference \(fd)")
                checked += 1
            }
        }
        #expect(checked >= 6)
    }

    /// The optimised bound holds at every sampled input of the sub-domain (box points whose
    /// first-layer values satisfy the splits) and is never below CROWN's on that domain.
    @Test func testSplitBounds_areSoundOnTheSubdomain() throws {
        var populated = 0
        for seed in UInt64(1)...8 {
            populated += try Self.checkSplitBounds(seed: seed) ? 1 : 0
        }
        // Some split combinations leave no input at all (then any bound is vacuously right).
        #expect(populated >= 4, "only \(populated) sub-domains had samples")
    }

    /// Returns whether the sub-domain had sampled points.
    static func checkSplitBounds(seed: UInt64) throws -> Bool {
        let (graph, lower, upper, splits, result, value) = try Self.setup(seed: seed, count: 4)
        guard result.feasible else { return false }
        var options = AlphaCROWN.Options()
        options.betaLearningRate = 0.5
        let rows = CoefficientMatrix(rows: 1, columns: 2, data: [1, -1])
        let (optimized, crownLower) = try AlphaCROWN(graph: graph, options: options)
            .lowerBounds(of: rows, intermediate: result.intermediate, splits: splits)
        #expect(optimized[0] >= crownLower[0])
        var rng = SeededGenerator(seed: 100 + seed)
        let samples = (0..<20_000).map { _ in (0..<3).map { rng.uniform(lower[$0]...upper[$0]) } }
        let values = graph.forwardAll(Tensor(shape: [samples.count, 3], data: samples.flatMap { $0 }))
        let n = values[value].count / samples.count
        var inside = 0
        for s in samples.indices {
            let z = Array(values[value].data[(s * n)..<((s + 1) * n)])
            let satisfies = splits.intervals[value]!.allSatisfy { j, r in r.lower <= z[j] && z[j] <= r.upper }
            guard satisfies else { continue }
            inside += 1
            let y = Array(values[graph.outputValue].data[(2 * s)..<(2 * s + 2)])
            #expect(optimized[0] <= y[0] - y[1], "seed \(seed): bound \(optimized[0]) above \(y[0] - y[1])")
        }
        return inside > 0
    }

    /// Over several random networks the split multipliers gain on at least one (the splits'
    /// interval effect alone leaves the layers below them unaware of the split).
    @Test func testMultipliers_tightenSomeSplitBound() throws {
        var gains = 0
        for seed in UInt64(1)...8 {
            let (graph, _, _, splits, result, _) = try Self.setup(seed: seed, count: 4)
            guard result.feasible else { continue }
            var options = AlphaCROWN.Options()
            options.betaLearningRate = 0.5
            let rows = CoefficientMatrix(rows: 1, columns: 2, data: [1, -1])
            let optimizer = AlphaCROWN(graph: graph, options: options)
            let (withBeta, _) = try optimizer.lowerBounds(of: rows, intermediate: result.intermediate, splits: splits)
            let (slopesOnly, _) = try optimizer.lowerBounds(of: rows, intermediate: result.intermediate, splits: BoundRestrictions())
            #expect(withBeta[0] >= slopesOnly[0] - 1e-9 * max(1, abs(slopesOnly[0])) || withBeta[0] >= result.lower[0])
            if withBeta[0] > slopesOnly[0] + 1e-6 { gains += 1 }
        }
        #expect(gains >= 1, "the split multipliers never tightened a bound")
    }
}
