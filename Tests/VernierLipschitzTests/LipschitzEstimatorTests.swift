import Foundation
import Testing
import VernierCore
import VernierBounds
import VernierTestSupport
@testable import VernierLipschitz

/// The estimate's contract: lower ≤ every sampled Jacobian norm ≤ upper (soundness by sampling,
/// with the core's gradients and with finite differences), exactness where the constant is known,
/// and the ordering of the bounds (linear ≤ interval-only, branch and bound ≤ linear).
@Suite("Lipschitz estimator")
struct LipschitzEstimatorTests {
    static func quickOptions() -> LipschitzOptions {
        var o = LipschitzOptions()
        o.samples = 64
        o.ascentStarts = 2
        o.ascentSteps = 10
        o.maxDomains = 40
        return o
    }

    @Test("upper bounds every sampled Jacobian norm, every activation and norm", arguments: Fixtures.activations.map(\.0))
    func soundBySampling(_ activation: String) throws {
        let attributes = Fixtures.activations.first { $0.0 == activation }!.1
        for seed in UInt64(1)...3 {
            let g = try Fixtures.mlp(activation, attributes, seed: seed)
            let (lo, hi) = Fixtures.box(g.inputCount, radius: 0.6, seed: seed)
            for norm in LipschitzNorm.allCases {
                let e = try LipschitzEstimator(graph: g, options: Self.quickOptions()).estimate(lower: lo, upper: hi, output: 1, norm: norm)
                #expect(e.lower <= e.upper, "\(activation) \(norm): lower \(e.lower) > upper \(e.upper)")
                #expect(e.upper <= e.linear && e.linear <= e.intervalOnly, "\(activation) \(norm): \(e.upper) \(e.linear) \(e.intervalOnly)")
                if let bab = e.branchAndBound { #expect(bab <= e.linear) }
                if let naive = e.naive { #expect(e.lower <= naive * (1 + 1e-9), "\(activation) \(norm): naive \(naive) below lower \(e.lower)") }
                let c = Fixtures.unit(1, g.outputCount)
                for x in GraphSampling.points(lower: lo, upper: hi, samples: 120, seed: seed) {
                    let j = g.gradient(of: c, at: x)
                    #expect(norm.dual(j) <= e.upper * (1 + 1e-12), "\(activation) \(norm): ‖J(\(x))‖ = \(norm.dual(j)) > \(e.upper)")
                }
                // Finite differences along random directions inside the box: |Δy| ≤ upper·‖Δx‖.
                var rng = SeededGenerator(seed: seed &+ 99)
                for _ in 0..<60 {
                    let x = zip(lo, hi).map { rng.uniform($0...$1) }, x2 = zip(lo, hi).map { rng.uniform($0...$1) }
                    let dy = abs(g.evaluate(x)[1] - g.evaluate(x2)[1])
                    #expect(dy <= e.upper * norm.distanceUp(x, x2) * (1 + 1e-9) + 1e-12)
                }
            }
        }
    }

    @Test("a linear network gets its exact constant in every norm")
    func linearExact() throws {
        let (g, m) = try TestNetworks.linear(inputs: 5, hidden: 7, outputs: 3, seed: 4)
        let (lo, hi) = Fixtures.box(5, radius: 1, seed: 2)
        for norm in LipschitzNorm.allCases {
            let e = try LipschitzEstimator(graph: g, options: Self.quickOptions()).estimate(lower: lo, upper: hi, output: 2, norm: norm)
            let exact = norm.dual(m[2])
            #expect(e.upper >= exact && e.upper <= exact * (1 + 1e-9), "\(norm): upper \(e.upper) vs exact \(exact)")
            #expect(e.lower <= exact && e.lower >= exact * (1 - 1e-6), "\(norm): lower \(e.lower) vs exact \(exact)")
            #expect(e.naive! >= exact * (1 - 1e-12))
            #expect(e.domains == 0, "no branching needed when the gap is closed")
        }
    }

    @Test("a 1-D tanh unit gets its analytic constant")
    func analytic1D() throws {
        // y = a·tanh(w·x + b) on [l, u]: L = |a·w|·max sech²(w·x + b) = |a·w|·sech²(distance of 0 to w·[l,u] + b).
        let (w, b, a) = (2.0, 0.3, -1.5)
        let g = try TestNetworks.tanh1D(w: w, b: b, a: a)
        for (l, u) in [(-1.0, -0.5), (0.2, 0.9), (-0.4, 0.1)] {
            let zl = w * l + b, zu = w * u + b
            let nearest = zl > 0 ? zl : (zu < 0 ? zu : 0)
            let s = 1 / cosh(nearest)
            let exact = abs(a * w) * s * s
            var o = Self.quickOptions()
            o.maxDomains = 400
            let e = try LipschitzEstimator(graph: g, options: o).estimate(lower: [l], upper: [u], output: 0)
            #expect(e.upper >= exact * (1 - 1e-12) && e.upper <= exact * 1.002, "[\(l), \(u)]: upper \(e.upper), exact \(exact)")
            #expect(e.lower <= exact * (1 + 1e-12) && e.lower >= exact * 0.998, "[\(l), \(u)]: lower \(e.lower), exact \(exact)")
        }
    }

    @Test("branch and bound only tightens, and the witness certifies the lower bound")
    func branchAndBoundTightens() throws {
        let g = try Fixtures.mlp("Relu", inputs: 4, widths: [12, 12], outputs: 2, seed: 8)
        let (lo, hi) = Fixtures.box(4, radius: 0.8, seed: 8)
        var previous = Double.infinity
        for budget in [0, 20, 80] {
            var o = Self.quickOptions()
            o.branchAndBound = budget > 0
            o.maxDomains = budget
            let e = try LipschitzEstimator(graph: g, options: o).estimate(lower: lo, upper: hi, output: 0)
            #expect(e.upper <= previous, "budget \(budget): \(e.upper) above \(previous)")
            #expect(e.upper <= e.linear)
            previous = e.upper
            let w = try #require(e.witness)
            for p in [w.first, w.second] { for i in p.indices { #expect(lo[i] <= p[i] && p[i] <= hi[i]) } }
            let dy = abs(g.evaluate(w.first)[0] - g.evaluate(w.second)[0])
            #expect(dy >= e.lower * LipschitzNorm.infinity.distanceUp(w.first, w.second) * (1 - 1e-9))
        }
    }

    @Test("the time limit is honoured and still gives a certified answer")
    func timeout() throws {
        let g = try Fixtures.mlp("Relu", inputs: 8, widths: [32, 32], outputs: 2, seed: 3)
        let (lo, hi) = Fixtures.box(8, radius: 1.5, seed: 3)
        var o = Self.quickOptions()
        o.maxDomains = 1_000_000
        o.targetRelativeGap = 0
        let e = try LipschitzEstimator(graph: g, options: o).estimate(lower: lo, upper: hi, output: 0, timeout: 1)
        #expect(e.seconds < 6)
        #expect(e.lower <= e.upper && e.upper <= e.linear)
    }
}

/// Branch and bound on activation decisions: sound, and on a small ReLU network it closes the gap.
@Suite("Activation splitting")
struct ActivationSplittingTests {
    @Test("fixing ReLU derivatives closes the gap on a 2-input network and stays above every sampled gradient")
    func closesGap() throws {
        let g = try Fixtures.mlp("Relu", inputs: 2, widths: [6, 6], outputs: 1, seed: 21)
        let (lo, hi) = ([-1.0, -1.0], [1.0, 1.0])
        var o = LipschitzOptions()
        o.maxDomains = 1500
        o.samples = 500
        let e = try LipschitzEstimator(graph: g, options: o).estimate(lower: lo, upper: hi, output: 0)
        var plain = o
        plain.activationSplitting = false
        plain.maxDomains = 0
        let root = try LipschitzEstimator(graph: g, options: plain).estimate(lower: lo, upper: hi, output: 0)
        #expect(e.upper <= root.upper)
        #expect(e.gapRatio < 1.05, "upper \(e.upper), lower \(e.lower), root \(root.upper)")
        let grid = stride(from: -1.0, through: 1.0, by: 0.01).flatMap { a in stride(from: -1.0, through: 1.0, by: 0.01).map { [a, $0] } }
        let largest = grid.map { LipschitzNorm.infinity.dual(g.gradient(of: [1], at: $0)) }.max()!
        #expect(largest <= e.upper * (1 + 1e-12), "grid gradient \(largest) above \(e.upper)")
    }
}

/// α-CROWN as the linear bound: never looser than CROWN, still above every sampled gradient.
@Suite("Lipschitz with alpha-CROWN")
struct AlphaLipschitzTests {
    @Test("alpha-crown is sound and not looser than crown", arguments: ["Sigmoid", "Silu"])
    func alpha(_ activation: String) throws {
        let g = try Fixtures.mlp(activation, inputs: 3, widths: [5], outputs: 1, seed: 31)
        let (lo, hi) = Fixtures.box(3, radius: 0.8, seed: 31)
        var o = LipschitzOptions()
        o.branchAndBound = false
        o.samples = 32
        let crown = try LipschitzEstimator(graph: g, options: o).estimate(lower: lo, upper: hi, output: 0)
        o.linearMethod = .alphaCROWN
        let alpha = try LipschitzEstimator(graph: g, options: o).estimate(lower: lo, upper: hi, output: 0)
        #expect(alpha.linear <= crown.linear)
        for x in GraphSampling.points(lower: lo, upper: hi, samples: 100, seed: 2) {
            #expect(LipschitzNorm.infinity.dual(g.gradient(of: [1], at: x)) <= alpha.upper)
        }
    }
}
