import Testing
import VernierCore
@testable import VernierBounds
import VernierTestSupport

/// A coefficient matrix's declared support (columns outside which it is zero): concretising over
/// it agrees with the dense sum and stays below the exact minimum, any change of the entries
/// forgets it, and the fixed-coordinates step declares it.
@Suite struct CoefficientSupportTests {
    /// Dyadic values (as in `LinearFormBoundsTests`): products and sums are exact in Int128 at 2^−20.
    static func dyadic(_ rng: inout SeededGenerator) -> Double {
        Double(Int(rng.uniform(-1_048_575...1_048_575))) * Double(sign: .plus, exponent: Int(rng.uniform(-10...20)), significand: 1)
    }

    @Test func testSupportBounds_matchTheDenseSumAndNeverExceedTheExactMinimum() {
        var rng = SeededGenerator(seed: 77)
        for trial in 0..<400 {
            let (rows, columns) = (3, 12 + trial % 20)
            let support = (0..<columns).filter { _ in rng.uniform(0...1) < 0.3 }
            var data = [Double](repeating: 0, count: rows * columns)
            for r in 0..<rows { for j in support { data[r * columns + j] = Self.dyadic(&rng) } }
            let lo = (0..<columns).map { _ in Self.dyadic(&rng) }
            var hi = lo.map { $0 + abs(Self.dyadic(&rng)) }
            // An unbounded side outside the support must not turn the bound into −∞ (0·∞ is 0).
            if let j = (0..<columns).first(where: { !support.contains($0) }) { hi[j] = .infinity }
            let sparse = CoefficientMatrix(rows: rows, columns: columns, data: data, support: support)
            let dense = CoefficientMatrix(rows: rows, columns: columns, data: data)
            let fast = LinearFormBounds.lowerBounds(of: sparse, lower: lo, upper: hi)
            let full = LinearFormBounds.lowerBounds(of: dense, lower: lo, upper: hi)
            for r in 0..<rows {
                var exact: Int128 = 0
                for j in support where data[r * columns + j] != 0 {
                    let c = data[r * columns + j]
                    exact += (Int128(exactly: c * 0x1p20)! * Int128(exactly: (c > 0 ? lo[j] : hi[j]) * 0x1p20)!) >> 20
                }
                #expect(Int128(exactly: (fast[r] * 0x1p20).rounded(.down))! <= exact, "trial \(trial) row \(r): above the exact minimum")
                #expect(abs(fast[r] - full[r]) <= 1e-9 * max(1, abs(full[r])), "trial \(trial) row \(r): \(fast[r]) vs dense \(full[r])")
            }
        }
    }

    @Test func testAnyChangeOfTheEntries_forgetsTheSupport() {
        var a = CoefficientMatrix(rows: 1, columns: 4, data: [0, 2, 0, 0], support: [1])
        #expect(a.support == [1])
        a.data[3] = 5
        #expect(a.support == nil)
        // Concretising now sees the new entry: 2·1 + 5·(−1) over the box [−1, 1]^4.
        let bound = LinearFormBounds.lowerBounds(of: a, lower: [-1, -1, -1, -1], upper: [1, 1, 1, 1])[0]
        #expect(bound <= -7 && bound > -7.000001)

        var b = CoefficientMatrix(rows: 1, columns: 2, data: [1, 0], support: [0])
        b.add(CoefficientMatrix(rows: 1, columns: 2, data: [0, 1]))
        #expect(b.support == nil)
        var c = CoefficientMatrix(rows: 1, columns: 2, data: [1, 0], support: [0])
        c.rows = 1
        #expect(c.support == nil)
        // The support is not part of equality.
        #expect(CoefficientMatrix(rows: 1, columns: 2, data: [1, 0], support: [0]) == CoefficientMatrix(rows: 1, columns: 2, data: [1, 0]))
    }

    @Test func testFixedCoordinatesStep_declaresTheFreeColumns() throws {
        let (n, k) = (6, 20)
        var rng = SeededGenerator(seed: 5)
        let linear = Linear(weights: (0..<(n * k)).map { _ in rng.uniform(-1...1) }, outFeatures: n, inFeatures: k)
        let lower = (0..<k).map { _ in rng.uniform(-1...1) }
        var upper = lower
        upper[3] += 0.5
        upper[11] += 0.25
        let box = IntervalTensor(lower: Tensor(shape: [1, k], data: lower), upper: Tensor(shape: [1, k], data: upper))
        let a = CoefficientMatrix(rows: 2, columns: n, data: (0..<(2 * n)).map { _ in rng.uniform(-1...1) })
        let step = try #require(linear.backwardFixingPoints(a, operand: box))
        #expect(step.operandCoefficients[0]?.support == [3, 11])
    }
}
