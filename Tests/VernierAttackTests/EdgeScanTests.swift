import Testing
import VernierAttack
import VernierCore
import VernierSpec

/// The edge scan: finds violations that sit on a box's edges, reports only checked ones, and
/// stays within its dimension limit.
@Suite struct EdgeScanTests {
    /// "y ≥ −1e-9" on the bowl y = −Σ|x_i − a_i|: violated only within 1e-9 of `a`.
    static func nearCentre(_ boxes: [InputBox]) -> Property {
        let n = boxes[0].lower.count
        return Property(inputCount: n, outputCount: 1, regions: boxes.map {
            Region(box: $0, violation: [Conjunction(constraints: [OutputConstraint(coefficients: [-1], rhs: 1e-9)])])
        })
    }

    static let cube = InputBox(lower: [-1, -1, -1], upper: [1, 1, 1])

    @Test func testPointOnAnEdge_isFound() throws {
        // x₁ = 0.25 is the 10th of 15 points on the edge x₀ = x₂ = −1 (t = 10/16).
        let a = [-1.0, 0.25, -1.0]
        let graph = try AttackFixtures.bowl(centre: a)
        let property = Self.nearCentre([Self.cube])
        let found = try #require(EdgeScan().search(graph, property: property))
        #expect(property.isViolated(input: found, output: graph.evaluate(found)))
        #expect(found == a)
    }

    @Test func testInteriorViolation_isNotReported() throws {
        // Violated only at an interior point: no edge point may be reported.
        let graph = try AttackFixtures.bowl(centre: [0.1, 0.2, 0.3])
        #expect(EdgeScan().search(graph, property: Self.nearCentre([Self.cube])) == nil)
    }

    @Test func testSecondRegion_isScannedToo() throws {
        let a = [2.0, 2.5, 3.0]
        let graph = try AttackFixtures.bowl(centre: a)
        let other = InputBox(lower: [2, 2, 2], upper: [3, 3, 3])
        let property = Self.nearCentre([Self.cube, other])
        let found = try #require(EdgeScan(pointsPerEdge: 1).search(graph, property: property))
        #expect(found == a)
    }

    @Test func testMoreInputsThanTheLimit_areSkipped() throws {
        let n = 9
        let graph = try AttackFixtures.bowl(centre: [Double](repeating: -1, count: n))
        let box = InputBox(lower: [Double](repeating: -1, count: n), upper: [Double](repeating: 1, count: n))
        // Violated at the vertex (−1, …, −1): found with a limit of 9 inputs, skipped with 8.
        let property = Self.nearCentre([box])
        #expect(EdgeScan(pointsPerEdge: 1, maxDimension: 8).search(graph, property: property) == nil)
        #expect(EdgeScan(pointsPerEdge: 1, maxDimension: 9).search(graph, property: property) != nil)
    }

    /// An input whose range is a single point is held there (not enumerated as two ends), and
    /// with no points per edge only vertices are tried.
    @Test func testPointRangeInputs_andVerticesOnly() throws {
        let flat = InputBox(lower: [-1, 0.5, -1], upper: [1, 0.5, 1])
        let onEdge = [-1.0, 0.5, 0.25]
        let graph = try AttackFixtures.bowl(centre: onEdge)
        #expect(EdgeScan().search(graph, property: Self.nearCentre([flat])) == onEdge)
        #expect(EdgeScan(pointsPerEdge: 0).search(graph, property: Self.nearCentre([flat])) == nil)
        let atVertex = [1.0, 0.5, -1.0]
        let vertexGraph = try AttackFixtures.bowl(centre: atVertex)
        #expect(EdgeScan(pointsPerEdge: 0).search(vertexGraph, property: Self.nearCentre([flat])) == atVertex)
    }
}
