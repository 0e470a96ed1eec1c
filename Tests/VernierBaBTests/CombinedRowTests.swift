import Testing
import VernierCore
import VernierSpec
import VernierBounds
@testable import VernierBaB
import VernierTestSupport

/// Weighted sums of a conjunction's rows: the LP over the rows' linear forms (`DomainLP.
/// combinedMargin`) and CROWN on the weighted row (`CombinedRow`). Both must be lower bounds of
/// max_i (c_i·y − rhs_i) over the box (checked by dense sampling), and they must refute
/// conjunctions whose rows no single row bound refutes.
@Suite struct CombinedRowTests {
    /// The LP value on systems whose min-max is known: max(x + 0.5, −x + 0.5) ≥ 0.5 on [−1, 1]
    /// (contradictory rows: x ≤ −0.5 and x ≥ 0.5), and max(x − 0.5, −x − 0.5) = −0.5 at x = 0.
    @Test func testCombinedMargin_onKnownSystems() {
        let lp = DomainLP(graph: try! GraphBuilder().build(Self.identityPair()))
        let box = InputBox(lower: [-1], upper: [1])
        let refuted = lp.combinedMargin(rows: [[1], [-1]], rhs: [-0.5, -0.5], box: box)
        #expect(refuted.margin > 0.5 - 1e-12 && refuted.margin <= 0.5)
        #expect(abs((refuted.point ?? [9])[0]) < 1e-9)
        let open = lp.combinedMargin(rows: [[1], [-1]], rhs: [0.5, 0.5], box: box)
        #expect(open.margin > -0.5 - 1e-12 && open.margin <= -0.5)
        // A box of one ulp's width (below GLPK's minimum range) still gets an answer.
        let l = 0.3144531249999998
        let thin = lp.combinedMargin(rows: [[1], [-1]], rhs: [-0.5, -0.5], box: InputBox(lower: [l], upper: [l.nextUp]))
        #expect(thin.margin > 0)
    }

    /// y = (x, −x) through an identity-like ReLU network; the conjunction y0 ≤ −0.5 ∧ y1 ≤ −0.5
    /// has no solution, but each row alone has one in the box: single rows cannot refute it, the
    /// weighted sum (½, ½) does.
    @Test func testWeightedSum_refutesWhatNoSingleRowDoes() throws {
        let graph = try GraphBuilder().build(Self.identityPair())
        let rows: [[Double]] = [[1, 0], [0, 1]], rhs = [-0.5, -0.5]
        let spec = CoefficientMatrix(rows: 2, columns: 2, data: rows.flatMap { $0 })
        let result = try CROWN(graph: graph).bounds(lower: [-1], upper: [1], specification: spec, lowerOnly: true)
        #expect(result.lower[0] - rhs[0] <= 0 && result.lower[1] - rhs[1] <= 0, "a single row refutes: the test is moot")
        let margin = CombinedRow.margin(rows: rows, rhs: rhs, weights: [0.5, 0.5], graph: graph, bounded: result)
        #expect(margin > 0.49 && margin <= 0.5)

        // Input splitting refutes it on the first domain with weighted sums, and needs splits without.
        let property = Property(inputCount: 1, outputCount: 2, regions: [Region(box: InputBox(lower: [-1], upper: [1]), violation: [
            Conjunction(constraints: [OutputConstraint(coefficients: [1, 0], rhs: -0.5), OutputConstraint(coefficients: [0, 1], rhs: -0.5)])])])
        var bab = InputSplitBaB(graph: graph)
        let (withRows, stats) = bab.run(property, region: 0, shouldStop: { false })
        if case .verified = withRows {} else { Issue.record("expected verified, got \(withRows)") }
        #expect(stats.domains == 1)
        bab.options.combineRows = false
        let (without, statsWithout) = bab.run(property, region: 0, shouldStop: { false })
        if case .verified = without {} else { Issue.record("expected verified, got \(without)") }
        #expect(statsWithout.domains > 1)
    }

    /// On random ReLU networks and random conjunctions, every certified value (LP and weighted
    /// row, with the LP's weights and with random ones) is below the sampled minimum of
    /// max_i (c_i·y − rhs_i) — a refutation is never claimed where a sample satisfies every row.
    @Test(arguments: UInt64(0)..<6)
    func testMargins_areLowerBoundsOnSamples(_ seed: UInt64) throws {
        var rng = SeededGenerator(seed: 40 + seed)
        let graph = try GraphBuilder().build(RandomNetworks.mlp(inputs: 2, widths: [8, 8], outputs: 3, activation: "Relu", seed: 700 + seed))
        let lower = [-1.0, -0.5], upper = [0.5, 1.0]
        var samples = [[Double]]()
        for i in 0...60 { for j in 0...60 {
            samples.append([lower[0] + (upper[0] - lower[0]) * Double(i) / 60, lower[1] + (upper[1] - lower[1]) * Double(j) / 60])
        } }
        let outputs = graph.evaluate(batch: samples)
        for _ in 0..<5 {
            let m = Int.random(in: 2...3, using: &rng)
            let rows = (0..<m).map { _ in (0..<3).map { _ in Double.random(in: -1...1, using: &rng) } }
            // Right-hand sides near the sampled range, so that both outcomes occur.
            let rhs = rows.map { c in outputs.map { y in zip(c, y).reduce(0) { $0 + $1.0 * $1.1 } }.sorted()[outputs.count / 3] }
            let truth = outputs.map { y in (0..<m).map { i in zip(rows[i], y).reduce(0) { $0 + $1.0 * $1.1 } - rhs[i] }.max()! }.min()!
            let spec = CoefficientMatrix(rows: m, columns: 3, data: rows.flatMap { $0 })
            let result = try CROWN(graph: graph).bounds(lower: lower, upper: upper, specification: spec, lowerOnly: true)
            let form = result.lowerForm
            let lpRows = (0..<m).map { Array(form.inputCoefficients.data[($0 * 2)..<($0 * 2 + 2)]) }
            let lpRHS = (0..<m).map { (rhs[$0] - form.offset[$0]).nextUp }
            let (lpMargin, _, weights) = DomainLP(graph: graph).combinedMargin(rows: lpRows, rhs: lpRHS, box: InputBox(lower: lower, upper: upper))
            #expect(lpMargin <= truth, "LP margin \(lpMargin) above the sampled minimum \(truth)")
            for w in [weights ?? [], (0..<m).map { _ in Double.random(in: 0...1, using: &rng) }] where w.count == m {
                let rowMargin = CombinedRow.margin(rows: rows, rhs: rhs, weights: w, graph: graph, bounded: result)
                #expect(rowMargin <= truth, "weighted-row margin \(rowMargin) above the sampled minimum \(truth)")
            }
        }
    }

    /// One input x, two outputs (relu(x) − relu(−x), relu(−x) − relu(x)) = (x, −x).
    static func identityPair() -> ModelDocument {
        let inits = [
            TensorData(name: "W0", shape: [2, 1], doubles: [1, -1]),
            TensorData(name: "b0", shape: [2], doubles: [0, 0]),
            TensorData(name: "W1", shape: [2, 2], doubles: [1, -1, -1, 1]),
            TensorData(name: "b1", shape: [2], doubles: [0, 0]),
        ]
        let nodes = [
            NodeDocument(name: "fc0", opType: "Gemm", inputs: ["x", "W0", "b0"], outputs: ["z"], attributes: ["transB": .int(1)]),
            NodeDocument(name: "relu", opType: "Relu", inputs: ["z"], outputs: ["h"]),
            NodeDocument(name: "fc1", opType: "Gemm", inputs: ["h", "W1", "b1"], outputs: ["y"], attributes: ["transB": .int(1)]),
        ]
        return ModelDocument(name: "identity-pair", inputs: [ValueInfo(name: "x", shape: [.fixed(1), .fixed(1)])],
                             outputs: [ValueInfo(name: "y")], initializers: inits, nodes: nodes, opsets: ["": 20])
    }
}
