import VernierCore

/// Enclosure of `alpha · op(A) · op(B) + bias` over boxes for both operands, by interval products.
///
/// **Proof.** Each output is `alpha · Σ_p a_p b_p + bias` with `a_p ∈ [a_l, a_u]`, `b_p ∈ [b_l, b_u]`
/// ranging independently. The product of two intervals is the hull of the four endpoint products;
/// `IntervalMath.multiply` returns it with each product stepped one ulp outward, so
/// `a_p b_p ∈ [p_l, p_u]` exactly. The sum is accumulated with every addition stepped one ulp
/// outward (`s ← down(s + p_l)`, `t ← up(t + p_u)`), so `s ≤ Σ p_l ≤ Σ a_p b_p ≤ Σ p_u ≤ t` in exact
/// arithmetic. Scaling by `alpha` (swapping ends when negative) and adding the bias are one
/// correctly rounded operation each, stepped outward.
extension BilinearMatMul: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        let a = inputs[0], b = inputs[1]
        let batch = a.lower.batchSize
        let sizeA = Shape.count(shapeA), sizeB = Shape.count(shapeB), sizeY = Shape.count(resultShape)
        var lo = [Double](repeating: 0, count: batch * sizeY)
        var hi = [Double](repeating: 0, count: batch * sizeY)
        let al = a.lower.data, au = a.upper.data, bl = b.lower.data, bu = b.upper.data
        let matrices = sizeY == 0 || m * n == 0 ? 0 : sizeY / (m * n)
        for s in 0..<batch {
            for o in 0..<matrices {
                let offA = s * sizeA + matrixOfA[o] * m * k
                let offB = s * sizeB + matrixOfB[o] * k * n
                let offY = s * sizeY + o * m * n
                for i in 0..<m {
                    for j in 0..<n {
                        var sl = 0.0, su = 0.0
                        for p in 0..<k {
                            let ia = offA + (transposeA ? p * m + i : i * k + p)
                            let ib = offB + (transposeB ? j * k + p : p * n + j)
                            let (pl, pu) = IntervalMath.multiply(al[ia], au[ia], bl[ib], bu[ib])
                            sl = (sl + pl).nextDown
                            su = (su + pu).nextUp
                        }
                        if alpha != 1 {
                            let (x, y) = alpha >= 0 ? (sl, su) : (su, sl)
                            sl = (alpha * x).nextDown
                            su = (alpha * y).nextUp
                        }
                        if let bias {
                            let v = bias.value(at: i * n + j + o * m * n)
                            sl = (sl + v).nextDown
                            su = (su + v).nextUp
                        }
                        lo[offY + i * n + j] = sl
                        hi[offY + i * n + j] = su
                    }
                }
            }
        }
        let shape = [batch] + resultShape
        return IntervalTensor(lower: Tensor(shape: shape, data: lo), upper: Tensor(shape: shape, data: hi))
    }
}
