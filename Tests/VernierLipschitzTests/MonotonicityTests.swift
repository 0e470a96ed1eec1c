import Testing
import VernierCore
import VernierTestSupport
@testable import VernierLipschitz

/// Monotonicity: certified answers must agree with every sampled partial derivative, and a
/// violation must come with two points that really move the output the wrong way.
@Suite("Monotonicity")
struct MonotonicityTests {
    /// A random MLP whose weights are all made non-negative: increasing in every input.
    static func monotoneNetwork(_ activation: String, seed: UInt64) throws -> Graph {
        var doc = RandomNetworks.mlp(inputs: 3, widths: [6, 6], outputs: 1, activation: activation, seed: seed)
        doc.initializers = doc.initializers.map { t in
            guard t.name.hasPrefix("W"), case .floating(let w) = t.storage else { return t }
            return TensorData(name: t.name, shape: t.shape, doubles: w.map { abs($0) })
        }
        return try GraphBuilder().build(doc)
    }

    static func options() -> LipschitzOptions {
        var o = LipschitzOptions()
        o.samples = 64
        o.maxDomains = 200
        return o
    }

    @Test("a network with non-negative weights is certified increasing, not decreasing", arguments: ["Relu", "Sigmoid", "Gelu"])
    func certified(_ activation: String) throws {
        let g = try Self.monotoneNetwork(activation, seed: 5)
        let (lo, hi) = Fixtures.box(3, radius: 0.5, seed: 1)
        let checker = MonotonicityChecker(graph: g, options: Self.options())
        for feature in 0..<3 {
            let up = try checker.check(lower: lo, upper: hi, output: 0, feature: feature, direction: .increasing)
            // GELU is not monotone, so only the piecewise-monotone activations are certain to certify.
            if activation != "Gelu" { #expect(up.verdict == .certified, "\(activation) feature \(feature): \(up.verdict)") }
            #expect(up.verdict != .violated)
            #expect(up.derivativeLower <= up.derivativeUpper)
        }
    }

    @Test("a decreasing unit is violated for 'increasing' with a real witness, certified for 'decreasing'")
    func violated() throws {
        let g = try TestNetworks.tanh1D(w: 1.5, b: 0.2, a: -2)
        let checker = MonotonicityChecker(graph: g, options: Self.options())
        let up = try checker.check(lower: [-1], upper: [1], output: 0, feature: 0, direction: .increasing)
        #expect(up.verdict == .violated)
        let w = try #require(up.witness)
        #expect(w.first[0] < w.second[0] && g.evaluate(w.second)[0] < g.evaluate(w.first)[0])
        #expect(up.derivativeUpper < 0)
        let down = try checker.check(lower: [-1], upper: [1], output: 0, feature: 0, direction: .decreasing)
        #expect(down.verdict == .certified)
    }

    @Test("verdicts on random networks agree with sampled partial derivatives", arguments: Fixtures.activations.map(\.0))
    func consistent(_ activation: String) throws {
        let attributes = Fixtures.activations.first { $0.0 == activation }!.1
        let g = try Fixtures.mlp(activation, attributes, inputs: 3, widths: [5], outputs: 2, seed: 12)
        let checker = MonotonicityChecker(graph: g, options: Self.options())
        for feature in 0..<3 {
            let (lo, hi) = Fixtures.box(3, radius: 0.3, seed: UInt64(feature) + 20)
            let r = try checker.check(lower: lo, upper: hi, output: 1, feature: feature, direction: .increasing)
            let partials = GraphSampling.points(lower: lo, upper: hi, samples: 200, seed: 3).map {
                g.gradient(of: [0, 1], at: $0)[feature]
            }
            for d in partials { #expect(r.derivativeLower <= d && d <= r.derivativeUpper, "\(activation): \(d) outside the enclosure") }
            switch r.verdict {
            case .certified: #expect(partials.allSatisfy { $0 >= 0 }, "\(activation) certified but a partial is negative")
            case .violated:
                let w = try #require(r.witness)
                #expect(g.evaluate(w.second)[1] < g.evaluate(w.first)[1])
            case .unknown: break
            }
        }
    }

    @Test("a feature index out of range is an error")
    func badFeature() throws {
        let g = try Fixtures.mlp("Relu", seed: 1)
        #expect(throws: LipschitzError.self) {
            try MonotonicityChecker(graph: g).check(lower: [0, 0, 0], upper: [1, 1, 1], output: 0, feature: 3)
        }
    }
}
