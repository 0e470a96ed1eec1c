import Testing
import VernierBounds
import VernierCore
import VernierTestSupport

private typealias H = NodeHarness

/// Sound on ≥ 1000 random boxes (250 rounds of 4 boxes).
private func expectSound(_ op: any IntervalPropagating, _ shapes: [[Int]], seed: UInt64,
                         range: ClosedRange<Double> = -3...3, maxWidth: Double = 2,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    let (boxes, failures) = IntervalSweeps.violations(op, shapes: shapes, rounds: 250, seed: seed, range: range, maxWidth: maxWidth)
    #expect(boxes >= 1000, sourceLocation: sourceLocation)
    #expect(failures.isEmpty, "\(op.kind): \(failures.prefix(2))", sourceLocation: sourceLocation)
}

/// Point boxes give intervals of relative width ≤ `limit` that contain the forward value.
private func expectTight(_ op: any IntervalPropagating, _ points: [Tensor], limit: Double = 1e-13,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    let (width, contains) = IntervalSweeps.pointWidth(op, at: points)
    #expect(contains, "\(op.kind): forward value outside its point bound", sourceLocation: sourceLocation)
    #expect(width <= limit, "\(op.kind): point bound of relative width \(width)", sourceLocation: sourceLocation)
}

@Suite("Linear family interval bounds")
struct LinearIntervalTests {
    @Test func linearIsSoundAndTight() throws {
        var rng = SeededGenerator(seed: 1)
        let op = Linear(weights: rng.uniformArray(15, -2...2), outFeatures: 3, inFeatures: 5,
                        bias: PeriodicBias([0.5, -1, 2, 0, 1, -0.25]))  // per element of a [2, 3] sample
        expectSound(op, [[4, 2, 5]], seed: 2)
        expectTight(op, [Tensor(shape: [3, 2, 5], data: rng.uniformArray(30, -3...3))])
        let vector = Linear(weights: [1, -2, 0.5], outFeatures: 1, inFeatures: 3, dropsLastAxis: true)
        expectSound(vector, [[4, 3]], seed: 3)
    }

    @Test func linearBoundIsTheExactRangeUpToRounding() throws {
        // For y = w·x + b the exact range over a box is Σ min/max(w l, w u) + b; the mid-radius
        // bound reaches it up to the γ error terms.
        var rng = SeededGenerator(seed: 4)
        let w = rng.uniformArray(8, -1...1)
        let op = Linear(weights: w, outFeatures: 2, inFeatures: 4, bias: PeriodicBias([0.3, -0.7]))
        let box = OperatorChecks.randomBox(shape: [1, 4], range: -2...2, maxWidth: 3, rng: &rng)
        let b = op.interval([box])
        for j in 0..<2 {
            var lo = j == 0 ? 0.3 : -0.7, hi = lo
            for p in 0..<4 {
                let a = w[j * 4 + p] * box.lower.data[p], c = w[j * 4 + p] * box.upper.data[p]
                lo += min(a, c); hi += max(a, c)
            }
            #expect(b.lower.data[j] <= lo && lo - b.lower.data[j] < 1e-13)
            #expect(b.upper.data[j] >= hi && b.upper.data[j] - hi < 1e-13)
        }
    }

    @Test func leftLinearIsSoundAndTight() throws {
        var rng = SeededGenerator(seed: 5)
        let op = LeftLinear(weights: rng.uniformArray(6, -2...2), rows: 2, inner: 3, bias: PeriodicBias([1, -1]))
        expectSound(op, [[4, 2, 3, 2]], seed: 6)
        expectTight(op, [Tensor(shape: [2, 2, 3, 2], data: rng.uniformArray(24, -3...3))])
        let row = LeftLinear(weights: [0.5, -1, 2], rows: 1, inner: 3, dropsAxis: true)
        expectSound(row, [[4, 3, 2]], seed: 7)
    }

    @Test func bilinearProductIsSoundAndTight() throws {
        var rng = SeededGenerator(seed: 8)
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            let sa = ta ? [3, 2] : [2, 3], sb = tb ? [2, 3] : [3, 2]
            let op = try BilinearMatMul(shapeA: sa, shapeB: sb, transposeA: ta, transposeB: tb, alpha: -1.5,
                                        bias: PeriodicBias([0.25, -0.5]))
            expectSound(op, [[4] + sa, [4] + sb], seed: 9 + (ta ? 1 : 0) + (tb ? 2 : 0))
            expectTight(op, [Tensor(shape: [1] + sa, data: rng.uniformArray(6, -3...3)),
                             Tensor(shape: [1] + sb, data: rng.uniformArray(6, -3...3))])
        }
        let broadcast = try BilinearMatMul(shapeA: [2, 1, 2, 2], shapeB: [3, 2, 1])
        expectSound(broadcast, [[4, 2, 1, 2, 2], [4, 3, 2, 1]], seed: 13)
        // A point operand makes the product exact up to rounding: the bound is the linear range.
        let fixed = IntervalTensor(point: Tensor(shape: [1, 2], data: [2, -3]))
        let box = IntervalTensor(lower: Tensor(shape: [1, 2], data: [-1, 0]), upper: Tensor(shape: [1, 2], data: [1, 1]))
        let dot = try BilinearMatMul(shapeA: [2], shapeB: [2]).interval([fixed, box])
        #expect(dot.lower.data[0] <= -5 && dot.lower.data[0] > -5 - 1e-14)
        #expect(dot.upper.data[0] >= 2 && dot.upper.data[0] < 2 + 1e-14)
    }

    @Test func channelAffineIsSoundAndTight() throws {
        let op = ChannelAffine(gamma: [2, -1, 0.5], beta: [0.5, 1, -2], mean: [1, -2, 0.25], variance: [4, 0.25, 1e-3], epsilon: 1e-5)
        expectSound(op, [[4, 1, 3, 2, 2]], seed: 14)
        var rng = SeededGenerator(seed: 15)
        expectTight(op, [Tensor(shape: [2, 1, 3, 2, 2], data: rng.uniformArray(24, -3...3))], limit: 1e-14)
    }

    @Test func everyLoweredLinearOperatorHasIntervalBounds() throws {
        let w = H.floats("W", [2, 2], [1, 2, 3, 4])
        let graphs = [
            try H.graph(inputShape: [1, 2], nodes: [H.node("Gemm", ["x", "W"])], initializers: [w]),
            try H.graph(inputShape: [2, 2], nodes: [H.node("MatMul", ["W", "x"])], initializers: [w]),
            try H.graph(inputShape: [2, 2], nodes: [H.node("MatMul", ["x", "x"])]),
            try H.graph(inputShape: [1, 2, 2], nodes: [H.node("BatchNormalization", ["x", "s", "b", "m", "v"])],
                        initializers: ["s", "b", "m"].map { H.floats($0, [2], [1, 0.5]) } + [H.floats("v", [2], [1, 2])]),
        ]
        for g in graphs {
            #expect(g.nodes.last?.op is any IntervalPropagating, "\(g.nodes.last?.op.kind ?? "none")")
        }
    }
}
