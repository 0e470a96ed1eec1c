import Foundation
import Testing
import VernierCore
import VernierBounds
import VernierTestSupport

/// Catches accidental loosening: IBP, CROWN and α-CROWN bounds on fixed models and boxes are
/// compared with the values stored in `Regression/bounds.json`. Tighter is fine (update the file
/// with `VERNIER_UPDATE_REGRESSION=1 swift test --filter BoundRegressionTests`); looser fails.
@Suite(.serialized) struct BoundRegressionTests {
    static let file = TestPaths.packageRoot.appendingPathComponent("Tests/VernierBoundsTests/Regression/bounds.json")

    struct Case: Sendable {
        var name: String
        var graph: @Sendable () throws -> Graph
        var radius: Double
    }

    static let cases: [Case] = [
        Case(name: "mlp-relu", graph: { try GraphBuilder().build(RandomNetworks.mlp(inputs: 4, widths: [16, 16], outputs: 3, activation: "Relu", seed: 101)) }, radius: 0.3),
        Case(name: "mlp-sigmoid", graph: { try GraphBuilder().build(RandomNetworks.mlp(inputs: 4, widths: [16, 16], outputs: 3, activation: "Sigmoid", seed: 102)) }, radius: 0.3),
        Case(name: "mlp-gelu", graph: { try GraphBuilder().build(RandomNetworks.mlp(inputs: 4, widths: [12, 12], outputs: 3, activation: "Gelu", seed: 103)) }, radius: 0.3),
        Case(name: "cnn-relu", graph: { try GraphBuilder().build(RandomNetworks.cnn(activation: "Relu", pool: "AveragePool", seed: 104)) }, radius: 0.05),
        Case(name: "residual-product", graph: { try GraphBuilder().build(RandomNetworks.residualProduct(seed: 105)) }, radius: 0.2),
    ]

    static func compute(_ c: Case) throws -> [String: [Double]] {
        let graph = try c.graph()
        var rng = SeededGenerator(seed: 77)
        let center = rng.uniformArray(graph.inputCount, -0.5...0.5)
        let lower = center.map { $0 - c.radius }, upper = center.map { $0 + c.radius }
        let n = graph.outputCount
        // Margins y_i − y_j for all pairs, as a verifier asks.
        var rows = [Double]()
        for i in 0..<n { for j in 0..<n where i != j { rows += (0..<n).map { $0 == i ? 1 : ($0 == j ? -1 : 0) } } }
        let spec = CoefficientMatrix(rows: rows.count / n, columns: n, data: rows)
        let box = IntervalTensor(lower: Tensor(shape: [1] + graph.inputShape, data: lower),
                                 upper: Tensor(shape: [1] + graph.inputShape, data: upper))
        let y = try IntervalBoundPropagation.outputBounds(graph, input: box)
        let specRows = (0..<spec.rows).map { Array(rows[($0 * n)..<(($0 + 1) * n)]) }
        let ibp = LinearFormBounds.lowerBounds(of: specRows, lower: y.lower.data, upper: y.upper.data)
        let crown = try CROWN(graph: graph).bounds(lower: lower, upper: upper, specification: spec).lower
        let alpha = try AlphaCROWN(graph: graph).bounds(lower: lower, upper: upper, specification: spec).lower
        return ["ibp": ibp, "crown": crown, "alpha-crown": alpha]
    }

    @Test func testBounds_areNotLooserThanStored() throws {
        var current = [String: [String: [Double]]]()
        for c in Self.cases { current[c.name] = try Self.compute(c) }
        if ProcessInfo.processInfo.environment["VERNIER_UPDATE_REGRESSION"] == "1" {
            let data = try JSONSerialization.data(withJSONObject: current, options: [.prettyPrinted, .sortedKeys])
            try data.write(to: Self.file)
            return
        }
        let stored = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.file)) as? [String: [String: [Double]]],
                                  "missing \(Self.file.path); generate it with VERNIER_UPDATE_REGRESSION=1")
        for c in Self.cases {
            for method in ["ibp", "crown", "alpha-crown"] {
                let old = try #require(stored[c.name]?[method], "\(c.name)/\(method) not stored")
                let new = current[c.name]![method]!
                #expect(old.count == new.count)
                // IBP and CROWN are deterministic functions of the relaxations: strict. α-CROWN's
                // optimiser may land a hair elsewhere when relaxations change: 0.1% slack.
                let tolerance = method == "alpha-crown" ? 1e-3 : 1e-9
                for (k, (o, n)) in zip(old, new).enumerated() {
                    #expect(n >= o - tolerance * max(1, abs(o)), "\(c.name) \(method) row \(k): lower bound loosened from \(o) to \(n)")
                }
            }
        }
        // The methods are ordered as they should be.
        for c in Self.cases {
            let r = current[c.name]!
            for k in r["ibp"]!.indices {
                #expect(r["crown"]![k] >= r["ibp"]![k], "\(c.name): CROWN below IBP on row \(k)")
                #expect(r["alpha-crown"]![k] >= r["crown"]![k], "\(c.name): α-CROWN below CROWN on row \(k)")
            }
        }
    }
}
