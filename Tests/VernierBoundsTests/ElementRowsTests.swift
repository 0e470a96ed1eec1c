import Testing
import VernierCore
@testable import VernierBounds
import VernierTestSupport

/// `BackwardPass.lowerBoundsOfElements` (the rows ±e_j that bound an intermediate value, without
/// a dense selection matrix) against `lowerBounds` on that matrix: bit for bit, on a dense layer's
/// output (the shortcut) and on other values (the fallback).
@Suite struct ElementRowsTests {
    @Test(arguments: ["Relu", "Sigmoid"])
    func testElementRows_matchTheDenseSelectionBitForBit(_ activation: String) throws {
        let graph = try GraphBuilder().build(RandomNetworks.mlp(inputs: 4, widths: [9, 7], outputs: 3, activation: activation, seed: 21))
        let lower = [-0.4, -0.1, 0.0, 0.2], upper = [0.3, 0.5, 0.4, 0.6]
        let bounds = try CROWN(graph: graph).intermediateBounds(lower: lower, upper: upper)
        let pass = BackwardPass(graph: graph, bounds: bounds)
        var checkedShortcut = false, checkedFallback = false
        for v in 1..<graph.valueCount {
            let n = bounds[v].count
            let elements = Array(stride(from: n - 1, through: 0, by: -2))  // any order, a subset
            let k = elements.count
            var rows = CoefficientMatrix.zeros(rows: 2 * k, columns: n)
            for (r, j) in elements.enumerated() {
                rows.data[r * n + j] = 1
                rows.data[(k + r) * n + j] = -1
            }
            let dense = try pass.lowerBounds(rows, at: v)
            let fast = try pass.lowerBoundsOfElements(elements, at: v)
            #expect(fast.lower.map(\.bitPattern) == dense.lower.map(\.bitPattern), "value \(v): \(fast.lower) vs \(dense.lower)")
            #expect(fast.offset.map(\.bitPattern) == dense.offset.map(\.bitPattern), "value \(v): offsets differ")
            #expect(fast.inputCoefficients == dense.inputCoefficients, "value \(v): input coefficients differ")
            if graph.nodes[v - 1].op is Linear { checkedShortcut = true } else { checkedFallback = true }
        }
        #expect(checkedShortcut && checkedFallback)
    }
}
