import Testing
import VernierCore
import VernierBounds
import VernierTestSupport

/// CROWN on a sub-box starting from bounds of a box containing it (input splitting hands a half
/// its parent's intermediate bounds): the result stays inside those bounds and still encloses
/// every sampled value of the sub-box.
@Suite struct EnclosingBoundsTests {
    @Test(arguments: ["Relu", "Sigmoid"])
    func testSubBoxBounds_stayInsideEnclosingAndHoldOnSamples(_ activation: String) throws {
        let graph = try GraphBuilder().build(RandomNetworks.mlp(inputs: 3, widths: [10, 10], outputs: 2, activation: activation, seed: 77))
        let crown = CROWN(graph: graph)
        let spec = CoefficientMatrix(rows: 2, columns: 2, data: [1, 0, 0, 1])
        let parentLower = [-1.0, -1, -1], parentUpper = [1.0, 1, 1]
        let parent = try crown.bounds(lower: parentLower, upper: parentUpper, specification: spec)
        var enclosing = [Int: IntervalTensor]()
        for v in 1..<graph.valueCount { enclosing[v] = parent.intermediate[v] }

        var rng = SeededGenerator(seed: 78)
        for _ in 0..<10 {
            // A random sub-box (a half, a quarter, ...) of the parent.
            var lower = parentLower, upper = parentUpper
            for d in 0..<3 where rng.uniform(0...1) < 0.7 {
                let mid = 0.5 * lower[d] + 0.5 * upper[d]
                if rng.uniform(0...1) < 0.5 { upper[d] = mid } else { lower[d] = mid }
            }
            let child = try crown.bounds(lower: lower, upper: upper, specification: spec, enclosing: enclosing)
            for v in 1..<graph.valueCount {
                let b = child.intermediate[v], outer = parent.intermediate[v]
                for j in 0..<b.count {
                    #expect(b.lower.data[j] >= outer.lower.data[j] && b.upper.data[j] <= outer.upper.data[j],
                            "value \(v)[\(j)] left the enclosing bounds")
                }
            }
            let samples = (0..<300).map { _ in (0..<3).map { d in rng.uniform(lower[d]...upper[d]) } }
            for (x, y) in zip(samples, graph.evaluate(batch: samples)) {
                for r in 0..<2 {
                    #expect(child.lower[r] <= y[r] && y[r] <= child.upper[r], "output \(r) at \(x) outside [\(child.lower[r]), \(child.upper[r])]")
                }
            }
        }
    }
}
