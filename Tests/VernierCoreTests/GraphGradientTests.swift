import Testing
import VernierCore
import VernierTestSupport

/// Reverse mode over whole graphs against central finite differences.
@Suite struct GraphGradientTests {
    static func maxError(_ graph: Graph, seed: UInt64) -> Double {
        var rng = SeededGenerator(seed: seed)
        let x = rng.uniformArray(graph.inputCount, -1...1)
        let w = rng.uniformArray(graph.outputCount, -1...1)
        let g = graph.gradient(of: w, at: x)
        var worst = 0.0
        for i in x.indices {
            var p = x, m = x
            let h = 1e-6
            p[i] += h; m[i] -= h
            let fp = zip(graph.evaluate(p), w).reduce(0) { $0 + $1.0 * $1.1 }
            let fm = zip(graph.evaluate(m), w).reduce(0) { $0 + $1.0 * $1.1 }
            let fd = (fp - fm) / (2 * h)
            worst = max(worst, abs(fd - g[i]) / max(1, abs(fd)))
        }
        return worst
    }

    @Test(arguments: ["Sigmoid", "Tanh", "Softplus", "Gelu", "Silu", "Mish", "Elu", "Sin"])
    func testMLPGradient_matchesFiniteDifferences(_ act: String) throws {
        let graph = try GraphBuilder().build(RandomNetworks.mlp(inputs: 5, widths: [7, 6], outputs: 3, activation: act, seed: 3))
        #expect(Self.maxError(graph, seed: 11) < 1e-6)
    }

    @Test func testCNNGradient_matchesFiniteDifferences() throws {
        // Smooth activation and average pooling: no kinks for finite differences to straddle.
        let graph = try GraphBuilder().build(RandomNetworks.cnn(activation: "Tanh", pool: "AveragePool", seed: 4))
        #expect(Self.maxError(graph, seed: 12) < 1e-6)
    }

    @Test func testResidualProductGradient_matchesFiniteDifferences() throws {
        let graph = try GraphBuilder().build(RandomNetworks.residualProduct(seed: 9))
        #expect(Self.maxError(graph, seed: 13) < 1e-6)
    }

    @Test func testBatchedGradient_equalsPerSampleGradients() throws {
        let graph = try GraphBuilder().build(RandomNetworks.mlp(inputs: 3, widths: [5], outputs: 2, activation: "Tanh", seed: 8))
        var rng = SeededGenerator(seed: 1)
        let xs = (0..<4).map { _ in rng.uniformArray(3, -1...1) }
        let w = [0.3, -0.7]
        let batched = graph.vectorJacobianProduct(
            at: Tensor(shape: [4] + graph.inputShape, data: xs.flatMap { $0 }),
            outputGradient: Tensor(shape: [4] + graph.outputShape, data: Array((0..<4).map { _ in w }.joined())))
        for (b, x) in xs.enumerated() {
            let single = graph.gradient(of: w, at: x)
            for i in 0..<3 { #expect(abs(batched.inputGradient.data[b * 3 + i] - single[i]) < 1e-14) }
        }
    }
}
