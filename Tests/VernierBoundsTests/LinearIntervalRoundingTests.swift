import Testing
import VernierBounds
import VernierCore
import VernierTestSupport

/// A uniform integer in `-bound...bound`.
private func integer(_ bound: Int64, _ rng: inout SeededGenerator) -> Int64 {
    Int64(rng.next() % UInt64(2 * bound + 1)) - bound
}

/// `Σ w_p x_p + b` in exact integer arithmetic (inputs are chosen so nothing overflows Int64).
private func exactAffine(_ w: ArraySlice<Int64>, _ x: [Int64], _ b: Int64) -> Int64 {
    var s = b
    for (wp, xp) in zip(w, x) {
        let (p, o1) = wp.multipliedReportingOverflow(by: xp)
        let (t, o2) = s.addingReportingOverflow(p)
        precondition(!o1 && !o2, "test values overflow Int64")
        s = t
    }
    return s
}

/// Whether `lower ≤ v ≤ upper` for an exact integer `v` (compared exactly, not through `Double(v)`).
private func encloses(_ lower: Double, _ upper: Double, _ v: Int64) -> Bool {
    guard let lo = Int64(exactly: lower.rounded(.up)), let hi = Int64(exactly: upper.rounded(.down)) else { return false }
    return lo <= v && v <= hi
}

/// The interval of a *point* box through `Linear` must contain the exact real result, which
/// floating-point evaluation of the dot product misses: products of integers up to 2⁶⁰ and their
/// sums are not representable in 53 bits. Exact results come from Int64 arithmetic; a power-of-two
/// scaling (exact in binary floating point) extends the check to non-integer data.
@Suite("Linear interval rounding")
struct LinearIntervalRoundingTests {
    @Test(arguments: [0, -30])
    func pointBoxContainsTheExactResult(exponent: Int) {
        var rng = SeededGenerator(seed: 100 + UInt64(-exponent))
        let k = 4, n = 3
        let scale = Double(sign: .plus, exponent: exponent, significand: 1)  // inputs are x_int · 2^exponent
        var roundedOutputs = 0, missedByOneUlp = 0
        for _ in 0..<500 {
            let w = (0..<(n * k)).map { _ in integer(1 << 20, &rng) }
            let x = (0..<k).map { _ in integer(1 << 40, &rng) }
            // The bias is on the scale of the products: b_int · 2^exponent.
            let b = (0..<n).map { _ in integer(1 << 50, &rng) }
            let op = Linear(weights: w.map(Double.init), outFeatures: n, inFeatures: k,
                            bias: PeriodicBias(b.map { Double($0) * scale }))
            let point = Tensor(shape: [1, k], data: x.map { Double($0) * scale })
            let bound = op.interval([IntervalTensor(point: point)])
            let y = op.forward([point], batchSize: 1).data
            for j in 0..<n {
                let exact = exactAffine(w[(j * k)..<((j + 1) * k)], x, b[j])  // result = exact · 2^exponent
                let lo = bound.lower.data[j] / scale, hi = bound.upper.data[j] / scale  // exact rescaling
                #expect(encloses(lo, hi, exact), "output \(j): exact \(exact) outside [\(lo), \(hi)]")
                // Tight: the error term is a few 1e-15 of Σ|w x| + |b| (not of the result, which
                // may have cancelled).
                let magnitude = zip(w[(j * k)..<((j + 1) * k)], x).reduce(Double(abs(b[j]))) { $0 + abs(Double($1.0) * Double($1.1)) }
                #expect(hi - lo <= 1e-14 * magnitude)
                let forward = y[j] / scale
                if Int64(exactly: forward) != exact { roundedOutputs += 1 }
                if !encloses(forward.nextDown, forward.nextUp, exact) { missedByOneUlp += 1 }
            }
        }
        // The floating-point evaluation is inexact in many cases, and often by more than one ulp:
        // an interval without the γ error term would have excluded the exact value.
        #expect(roundedOutputs > 100, "only \(roundedOutputs) rounded outputs")
        #expect(missedByOneUlp > 10, "only \(missedByOneUlp) outputs off by more than one ulp")
    }

    @Test func cancellationLeavesOnlyTheErrorTerm() {
        // 2^53 + 1 − 2^53 + 1 = 2 exactly, but round-to-nearest loses the 1 after 2^53 when summed
        // left to right. Whatever order BLAS uses, the bound must contain 2.
        let op = Linear(weights: [1, 1, -1, 1], outFeatures: 1, inFeatures: 4)
        let big = Double(1 << 53)
        let bound = op.interval([IntervalTensor(point: Tensor(shape: [1, 4], data: [big, 1, big, 1]))])
        #expect(bound.lower.data[0] <= 2 && 2 <= bound.upper.data[0])
        #expect(bound.upper.data[0] - bound.lower.data[0] < 128)  // 2·err with err = 2γ₁₀·Σ|w x| ≈ 40
    }
}
