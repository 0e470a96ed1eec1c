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

    /// A ReLU off on its whole interval leaves a zero column, declared as the support (in both the
    /// shared-lines and the per-row-lines step); an infinite coefficient withholds the declaration.
    @Test func testDeadReluColumns_areDeclared() throws {
        let relu = ElementwiseActivation(Relu())
        // Elements 1 and 3 are off on their intervals, 0 is unstable, 2 is on.
        let bounds = IntervalTensor(lower: Tensor(shape: [1, 4], data: [-1, -2, 0.5, -3]),
                                    upper: Tensor(shape: [1, 4], data: [1, -0.5, 2, 0]))
        let a = CoefficientMatrix(rows: 2, columns: 4, data: [0.5, -1, 2, 3, -0.25, 4, -1, 2])
        let step = relu.backward(a, operandBounds: [bounds], parameters: nil)
        let out = try #require(step.operandCoefficients[0])
        #expect(out.support == [0, 2])
        #expect(out.data[1] == 0 && out.data[3] == 0 && out.data[5] == 0 && out.data[7] == 0)

        let lines = relu.relaxations(bounds)
        var perRow = RowLines(rows: 2, lowerSlope: [], lowerIntercept: [], upperSlope: [], upperIntercept: [])
        for _ in 0..<2 {
            perRow.lowerSlope += lines.map(\.lower.slope); perRow.lowerIntercept += lines.map(\.lower.intercept)
            perRow.upperSlope += lines.map(\.upper.slope); perRow.upperIntercept += lines.map(\.upper.intercept)
        }
        let rowStep = relu.backward(a, operandBounds: [bounds], parameters: RelaxationParameters(rowLines: perRow))
        #expect(rowStep.operandCoefficients[0]?.support == [0, 2])
        #expect(rowStep.operandCoefficients[0] == out)

        var poisoned = a
        poisoned.data[1] = .infinity
        let vacuous = relu.backward(poisoned, operandBounds: [bounds], parameters: nil)
        #expect(vacuous.operandCoefficients[0]?.support == nil)
        #expect(vacuous.bias[0] == -.infinity)
    }

    /// A dense layer's step on coefficients with a declared support multiplies only the live
    /// columns: the same coefficients as the full product up to rounding, the same bias and slack,
    /// and a sound linear bound by sampling.
    @Test func testDenseStepOnLiveColumns_matchesTheFullProductAndIsSound() throws {
        let (n, k, m) = (24, 10, 5)
        var rng = SeededGenerator(seed: 31)
        let w = (0..<(n * k)).map { _ in rng.uniform(-1...1) }
        let linear = Linear(weights: w, outFeatures: n, inFeatures: k, bias: PeriodicBias((0..<n).map { _ in rng.uniform(-1...1) }))
        let live = [1, 4, 5, 11, 20]
        var data = [Double](repeating: 0, count: m * n)
        for r in 0..<m { for i in live { data[r * n + i] = rng.uniform(-2...2) } }
        let sparse = CoefficientMatrix(rows: m, columns: n, data: data, support: live)
        let dense = CoefficientMatrix(rows: m, columns: n, data: data)
        let lower = (0..<k).map { _ in rng.uniform(-1...0) }, upper = lower.map { $0 + rng.uniform(0.1...1) }
        let box = IntervalTensor(lower: Tensor(shape: [1, k], data: lower), upper: Tensor(shape: [1, k], data: upper))
        let fast = try #require(linear.backwardOnVector(sparse, operand: box))
        let full = try #require(linear.backwardOnVector(dense, operand: box))
        let fastA = try #require(fast.operandCoefficients[0]), fullA = try #require(full.operandCoefficients[0])
        for e in 0..<(m * k) { #expect(abs(fastA.data[e] - fullA.data[e]) <= 1e-13 * max(1, abs(fullA.data[e]))) }
        #expect(fast.slack == full.slack)
        for r in 0..<m { #expect(abs(fast.bias[r] - full.bias[r]) <= 1e-13 * max(1, abs(full.bias[r]))) }
        for s in 0..<300 {
            let x = (0..<k).map { j in s == 0 ? lower[j] : (s == 1 ? upper[j] : rng.uniform(lower[j]...upper[j])) }
            let y = linear.forward([Tensor(shape: [1, k], data: x)], batchSize: 1).data
            for r in 0..<m {
                var exact = 0.0, form = fast.bias[r] - fast.slack[r]
                for i in 0..<n { exact += data[r * n + i] * y[i] }
                for j in 0..<k { form += fastA.data[r * k + j] * x[j] }
                #expect(exact >= form - 1e-12, "row \(r): A·y = \(exact) below the linear bound \(form)")
            }
        }
    }
}
