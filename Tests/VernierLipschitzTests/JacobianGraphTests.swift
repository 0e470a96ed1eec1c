import Testing
import VernierCore
import VernierBounds
import VernierTestSupport
@testable import VernierLipschitz

/// The Jacobian graph computes the network's chain rule: evaluated at a point it must reproduce
/// the core's reverse-mode gradient, and unsupported operators must be named in the error.
@Suite("Jacobian graph")
struct JacobianGraphTests {
    @Test("evaluating the Jacobian graph reproduces Graph.gradient", arguments: Fixtures.activations.map(\.0))
    func matchesReverseMode(_ activation: String) throws {
        let attributes = Fixtures.activations.first { $0.0 == activation }!.1
        let g = try Fixtures.mlp(activation, attributes, seed: 3)
        var rng = SeededGenerator(seed: 5)
        let c = rng.uniformArray(g.outputCount, -1...1)
        let jg = try JacobianGraphBuilder(graph: g).build(coefficients: c)
        for _ in 0..<20 {
            let x = rng.uniformArray(g.inputCount, -2...2)
            let expected = g.gradient(of: c, at: x)
            let got = jg.graph.evaluate(x)
            #expect(got.count == expected.count)
            for i in got.indices { #expect(abs(got[i] - expected[i]) <= 1e-12 * max(1, abs(expected[i])), "\(activation) entry \(i)") }
        }
    }

    @Test("convolutions, batch norm and flatten are transposed exactly")
    func convolutional() throws {
        let g = try GraphBuilder().build(RandomNetworks.cnn(channels: 1, size: 6, activation: "Tanh", pool: "AveragePool", seed: 4))
        // Average pooling divides by the window size (inexact): rejected, naming the node.
        #expect(throws: LipschitzError.self) { try JacobianGraphBuilder(graph: g).build(output: 0) }
        let plain = try TestNetworks.cnn(activation: "Relu", batchNorm: true, seed: 2)
        let jg = try JacobianGraphBuilder(graph: plain).build(output: 1)
        var rng = SeededGenerator(seed: 9)
        for _ in 0..<10 {
            let x = rng.uniformArray(plain.inputCount, -1...1)
            let expected = plain.gradient(of: Fixtures.unit(1, plain.outputCount), at: x)
            let got = jg.graph.evaluate(x)
            for i in got.indices { #expect(abs(got[i] - expected[i]) <= 1e-12 * max(1, abs(expected[i]))) }
        }
    }

    @Test("an unsupported operator is named with its node")
    func unsupported() throws {
        let g = try GraphBuilder().build(RandomNetworks.cnn(channels: 1, size: 4, activation: "Relu", pool: "MaxPool", seed: 1))
        do {
            _ = try JacobianGraphBuilder(graph: g).build(output: 0)
            Issue.record("MaxPool was accepted")
        } catch let e as LipschitzError {
            #expect(e.description.contains("pool"), "message: \(e.description)")
        }
    }

    @Test("bad output indices and coefficient rows are errors, not crashes")
    func badArguments() throws {
        let g = try Fixtures.mlp("Relu", seed: 1)
        #expect(throws: LipschitzError.self) { try JacobianGraphBuilder(graph: g).build(output: 7) }
        #expect(throws: LipschitzError.self) { try JacobianGraphBuilder(graph: g).build(coefficients: [1]) }
        #expect(throws: LipschitzError.self) {
            try LipschitzEstimator(graph: g).estimate(lower: [0, 0], upper: [1, 1], output: 0)
        }
        #expect(throws: LipschitzError.self) {
            try LipschitzEstimator(graph: g).estimate(lower: [0, 2, 0], upper: [1, 1, 1], output: 0)
        }
    }
}
