import Testing
import VernierCore
import VernierBounds
import VernierTestSupport

/// `LinearFormBounds` sums in round-to-nearest and subtracts an a-priori error bound; these tests
/// compare it with exact integer arithmetic on sums built to cancel catastrophically.
@Suite struct LinearFormBoundsTests {
    /// Dyadic numbers k·2^e (|k| < 2^20, e ∈ [−10, 20]): every product is an integer multiple of
    /// 2^−20 below 2^80, so 2^20·Σ c·y is an exact Int128.
    static func dyadic(_ rng: inout SeededGenerator) -> Double {
        let k = Double(Int(rng.uniform(-1_048_575...1_048_575)))
        let e = Int(rng.uniform(-10...20))
        return k * Double(sign: .plus, exponent: e, significand: 1)
    }

    static func scaled(_ x: Double) -> Int128 { Int128(exactly: x * 0x1p20)! }

    @Test func testLowerBounds_neverExceedTheExactMinimum() {
        var rng = SeededGenerator(seed: 4242)
        var tightCount = 0
        for trial in 0..<3000 {
            let n = 1 + trial % 37
            var c = (0..<n).map { _ in Self.dyadic(&rng) }
            var lo = (0..<n).map { _ in Self.dyadic(&rng) }
            var hi = lo.map { $0 + abs(Self.dyadic(&rng)) }
            if trial % 3 == 0 {
                // Cancellation: a huge term, its negation and small ones.
                c[0] = 0x1p39; lo[0] = 0x1p39; hi[0] = 0x1p39
                if n > 2 { c[n - 1] = -0x1p39; lo[n - 1] = 0x1p39; hi[n - 1] = 0x1p39 }
            }
            if trial % 5 == 0 { c[trial % n] = 0; lo[trial % n] = -.infinity; hi[trial % n] = .infinity }
            let bound = LinearFormBounds.lowerBounds(of: CoefficientMatrix(rows: 1, columns: n, data: c), lower: lo, upper: hi)[0]
            var exact: Int128 = 0
            for j in 0..<n where c[j] != 0 {
                exact += (Self.scaled(c[j]) * Self.scaled(c[j] > 0 ? lo[j] : hi[j])) >> 20
            }
            let scaledBound = (bound * 0x1p20).rounded(.down)
            #expect(Int128(exactly: scaledBound)! <= exact, "row \(trial): bound \(bound) above the exact minimum")
            // And useful: within a relative 1e-12 of the magnitude (the a-priori term is tiny).
            let magnitude = zip(c, zip(lo, hi)).reduce(0.0) { $0 + ($1.0 == 0 ? 0 : abs($1.0 * ($1.0 > 0 ? $1.1.0 : $1.1.1))) }
            if Double(exact) / 0x1p20 - bound <= 1e-12 * magnitude + 1e-300 { tightCount += 1 }
        }
        #expect(tightCount == 3000)
    }

    /// A NaN coefficient (an overflowed backward pass) must not vanish from the sum: the bound is −∞.
    @Test func testLowerBounds_NaNCoefficientGivesMinusInfinity() {
        for k in 0..<9 {
            var c = [Double](repeating: 0.5, count: 9)
            c[k] = .nan
            let b = LinearFormBounds.lowerBounds(of: CoefficientMatrix(rows: 1, columns: 9, data: c),
                                                 lower: [Double](repeating: -1, count: 9), upper: [Double](repeating: 1, count: 9))
            #expect(b[0] == -.infinity)
        }
    }

    /// An infinite coefficient (an overflowed pass) gives −∞ in every lane and the tail, whatever
    /// the box: also when one side is 0 (∞·0 is NaN, which must not be taken for a 0 term).
    @Test func testLowerBounds_infiniteCoefficientGivesMinusInfinity() {
        for k in 0..<11 {
            for sign in [1.0, -1.0] {
                for (l, u) in [(-1.0, 1.0), (0.0, 1.0), (-1.0, 0.0), (2.0, 2.0)] {
                    var c = [Double](repeating: 0.25, count: 11)
                    c[k] = sign * .infinity
                    let b = LinearFormBounds.lowerBounds(of: CoefficientMatrix(rows: 1, columns: 11, data: c),
                                                         lower: [Double](repeating: l, count: 11), upper: [Double](repeating: u, count: 11))
                    #expect(b[0] == -.infinity, "coefficient \(c[k]) at \(k) over [\(l), \(u)]: \(b[0])")
                }
            }
        }
    }

    @Test func testLowerBounds_infiniteSidesGiveMinusInfinityOnlyWhereTheyMatter() {
        let a = CoefficientMatrix(rows: 3, columns: 2, data: [1, 0, -1, 0, 0, 2])
        let b = LinearFormBounds.lowerBounds(of: a, lower: [-.infinity, 1], upper: [3, 2])
        #expect(b[0] == -.infinity)
        #expect(b[1] <= -3 && b[1] > -3.000001)
        #expect(b[2] <= 2 && b[2] > 1.999999)
    }
    /// The SIMD lanes (eight terms at a time, rows at unaligned offsets) agree with the one-row
    /// path, and infinite sides inside the lanes behave as in the tail: 0·∞ counts 0, a side that
    /// matters gives −∞.
    @Test func testLowerBounds_vectorLanesMatchSingleRowsAndHandleInfiniteSides() {
        var rng = SeededGenerator(seed: 99)
        let (rows, n) = (5, 29)
        let c = (0..<(rows * n)).map { _ in Self.dyadic(&rng) }
        let lo = (0..<n).map { _ in Self.dyadic(&rng) }
        let hi = lo.map { $0 + abs(Self.dyadic(&rng)) }
        let all = LinearFormBounds.lowerBounds(of: CoefficientMatrix(rows: rows, columns: n, data: c), lower: lo, upper: hi)
        for r in 0..<rows {
            let one = LinearFormBounds.lowerBounds(of: CoefficientMatrix(rows: 1, columns: n, data: Array(c[(r * n)..<((r + 1) * n)])),
                                                   lower: lo, upper: hi)[0]
            #expect(all[r] == one)
        }
        var loInf = lo, hiInf = hi
        loInf[3] = -.infinity; hiInf[3] = .infinity
        var zeroAt3 = Array(c[0..<n]); zeroAt3[3] = 0
        var positiveAt3 = zeroAt3; positiveAt3[3] = 1
        let b = LinearFormBounds.lowerBounds(of: CoefficientMatrix(rows: 2, columns: n, data: zeroAt3 + positiveAt3),
                                             lower: loInf, upper: hiInf)
        let finite = LinearFormBounds.lowerBounds(of: CoefficientMatrix(rows: 1, columns: n, data: zeroAt3), lower: lo, upper: hi)[0]
        // The 0·∞ term sends that row to the four-lane careful sum: another order, an ulp apart.
        #expect(b[0].isFinite && abs(b[0] - finite) <= 1e-12 * abs(finite))
        #expect(b[1] == -.infinity)
    }
}
