import VernierCore

/// Outward rounding for elementwise interval arithmetic.
///
/// Every helper encloses the exact real result of one correctly rounded IEEE operation on interval
/// endpoints: round-to-nearest errs by at most half an ulp, so one step outward (`nextDown` /
/// `nextUp`) passes the exact value (also at binade boundaries and for subnormals, where the
/// spacing below is at least half the spacing above). NaN never leaves these helpers: an
/// indeterminate endpoint (∞ − ∞, ∞/∞) widens to the whole line on that side.
enum ElementwiseRounding {
    /// Lower bound of the exact value of which `v` is the correctly rounded result.
    @inline(__always)
    static func down(_ v: Double) -> Double { v.isNaN ? -.infinity : v.nextDown }

    /// Upper bound of the exact value of which `v` is the correctly rounded result.
    @inline(__always)
    static func up(_ v: Double) -> Double { v.isNaN ? .infinity : v.nextUp }

    /// A product of two endpoints with `0 · ±∞ = 0`: an infinite endpoint stands for unboundedly
    /// large reals, and a zero factor maps every one of them to 0.
    @inline(__always)
    static func times(_ a: Double, _ b: Double) -> Double {
        (a == 0 || b == 0) ? 0 : a * b
    }

    /// Enclosure of `{ a·b : a ∈ [al, au], b ∈ [bl, bu] }`: a bilinear function attains its extremes
    /// over a box at the vertices, so the min / max of the four endpoint products, stepped outward.
    @inline(__always)
    static func product(_ al: Double, _ au: Double, _ bl: Double, _ bu: Double) -> (Double, Double) {
        let p1 = times(al, bl), p2 = times(al, bu), p3 = times(au, bl), p4 = times(au, bu)
        return (down(min(min(p1, p2), min(p3, p4))), up(max(max(p1, p2), max(p3, p4))))
    }

    /// Enclosure of `{ a/b : a ∈ [al, au], b ∈ [bl, bu] }`. When the divisor interval contains 0 the
    /// quotient is unbounded (and undefined at 0), so the result is (−∞, +∞); otherwise a/b is
    /// monotone in each argument on the box and the extremes are among the four endpoint quotients.
    @inline(__always)
    static func quotient(_ al: Double, _ au: Double, _ bl: Double, _ bu: Double) -> (Double, Double) {
        if bl <= 0 && bu >= 0 { return (-.infinity, .infinity) }
        let q1 = al / bl, q2 = al / bu, q3 = au / bl, q4 = au / bu
        if q1.isNaN || q2.isNaN || q3.isNaN || q4.isNaN { return (-.infinity, .infinity) }
        return (down(min(min(q1, q2), min(q3, q4))), up(max(max(q1, q2), max(q3, q4))))
    }

    /// Applies `f(al, au, bl, bu) -> (lower, upper)` to every result element of a broadcast binary
    /// operator.
    @inline(__always)
    static func binary(_ plan: BroadcastPlan, _ a: IntervalTensor, _ b: IntervalTensor,
                       _ f: (Double, Double, Double, Double) -> (Double, Double)) -> IntervalTensor {
        let batch = a.lower.batchSize
        var lo = [Double](repeating: 0, count: batch * plan.outputCount), hi = lo
        a.lower.data.withUnsafeBufferPointer { al in
            a.upper.data.withUnsafeBufferPointer { au in
                b.lower.data.withUnsafeBufferPointer { bl in
                    b.upper.data.withUnsafeBufferPointer { bu in
                        lo.withUnsafeMutableBufferPointer { pl in
                            hi.withUnsafeMutableBufferPointer { ph in
                                plan.forEachPair(batchSize: batch) { o, i, k in
                                    (pl[o], ph[o]) = f(al[i], au[i], bl[k], bu[k])
                                }
                            }
                        }
                    }
                }
            }
        }
        let shape = [batch] + plan.outputShape
        return IntervalTensor(lower: Tensor(shape: shape, data: lo), upper: Tensor(shape: shape, data: hi))
    }

    /// Applies `f(l, u, element) -> (lower, upper)` to every result element of an operator with one
    /// variable operand (operand 0 of `plan`) and baked constants indexed by the per-sample
    /// result element.
    @inline(__always)
    static func unary(_ plan: BroadcastPlan, _ x: IntervalTensor,
                      _ f: (Double, Double, Int) -> (Double, Double)) -> IntervalTensor {
        let batch = x.lower.batchSize
        var lo = [Double](repeating: 0, count: batch * plan.outputCount), hi = lo
        x.lower.data.withUnsafeBufferPointer { xl in
            x.upper.data.withUnsafeBufferPointer { xu in
                lo.withUnsafeMutableBufferPointer { pl in
                    hi.withUnsafeMutableBufferPointer { ph in
                        plan.forEachSource(of: 0, batchSize: batch) { o, j, s in
                            (pl[o], ph[o]) = f(xl[s], xu[s], j)
                        }
                    }
                }
            }
        }
        let shape = [batch] + plan.outputShape
        return IntervalTensor(lower: Tensor(shape: shape, data: lo), upper: Tensor(shape: shape, data: hi))
    }
}
