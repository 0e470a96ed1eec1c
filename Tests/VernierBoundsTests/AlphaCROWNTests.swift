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
        var slots = [AlphaCROWN.Slot]()
        for (i, node) in graph.nodes.enumerated() {
            guard let act = node.op as? any ActivationOperator else { continue }
            let b = inter[node.inputs[0]]
            slots.append(.init(node: i, operand: node.inputs[0], activation: act.scalarActivation,
                               lowerRange: (0..<b.count).map { ScalarRelaxation.slopeRange(act.scalarActivation, b.lower.data[$0], b.upper.data[$0]) }))
        }
        return (alpha, inter, slots, CoefficientMatrix(rows: 1, columns: 2, data: [1, -0.7]), graph)
    }

    @Test(arguments: ["Sigmoid", "Tanh", "Gelu"])
    func testGradient_matchesFiniteDifferences(_ activation: String) throws {
        let (alpha, inter, slots, a, _) = try Self.setup(activation, seed: 3)
        var rng = SeededGenerator(seed: 9)
        var params = [Int: RelaxationParameters]()
        for s in slots {
            params[s.node] = RelaxationParameters(
                lowerSlope: s.lowerRange.map { r in r.map { rng.uniform($0) } ?? .nan },
                upperSlope: s.lowerRange.map { r in r.map { rng.uniform($0) } ?? .nan })
        }
        var buffer = [CriticalPoint]()
        let (_, grads) = try alpha.valueAndGradient(a, slots: slots, parameters: params, bounds: inter, buffer: &buffer)
        var checked = 0
        for (k, s) in slots.enumerated() {
            for j in 0..<s.lowerRange.count {
                for side in 0..<2 {
                    let g = side == 0 ? grads[k].lower[j] : grads[k].upper[j]
                    guard g != 0 else { continue }
                    let h = 1e-6
                    var plus = params, minus = params
                    if side == 0 { plus[s.node]!.lowerSlope[j] += h; minus[s.node]!.lowerSlope[j] -= h } else {
                        plus[s.node]!.upperSlope[j] += h; minus[s.node]!.upperSlope[j] -= h
                    }
                    let (vp, _) = try alpha.valueAndGradient(a, slots: slots, parameters: plus, bounds: inter, buffer: &buffer)
                    let (vm, _) = try alpha.valueAndGradient(a, slots: slots, parameters: minus, bounds: inter, buffer: &buffer)
                    let fd = (vp - vm) / (2 * h)
                    #expect(abs(fd - g) <= 1e-3 * max(1, abs(fd)), "\(activation) node \(s.node) element \(j) side \(side): analytic \(g), finite difference \(fd)")
                    checked += 1
                }
            }
        }
        #expect(checked >= 4)
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
