import VernierCore

/// Rigorous interval arithmetic building blocks used by the operator interval bounds.
public enum IntervalMath {
    /// Rigorous enclosure of `W·x + b` over the box `x ∈ [l, u]`, for a batch of row vectors.
    ///
    /// `weights` is `n×k` row-major (y = x·Wᵀ + b for each of the `rows` rows of x, which is
    /// `rows×k`). Mid-radius form: c = (l+u)/2, r = (u−l)/2 (r rounded up so [c−r, c+r] ⊇ [l, u]);
    /// y ∈ W c + b ± |W| r. Rounding: each output is a (k+1)-term dot product computed in floating
    /// point, so with γ = γ_{k+2} the exact values satisfy |fl − exact| ≤ γ·(|W||c| + |W| r + |b|)
    /// (Higham §3.1; the extra term covers forming c and r). Final sums are stepped outward.
    public static func affine(lower: [Double], upper: [Double], rows: Int, k: Int,
                              weights: [Double], absWeights: [Double], n: Int,
                              bias: [Double]?) -> (lower: [Double], upper: [Double]) {
        var center = [Double](repeating: 0, count: rows * k)
        var radius = [Double](repeating: 0, count: rows * k)
        var magnitude = [Double](repeating: 0, count: rows * k)
        for i in 0..<(rows * k) {
            let c = 0.5 * lower[i] + 0.5 * upper[i]
            center[i] = c
            let r = max(upper[i] - c, c - lower[i]).nextUp
            radius[i] = r
            magnitude[i] = (abs(c) + r).nextUp
        }
        let yc = BLAS.matmul(center, weights, m: rows, n: n, k: k, transB: true)
        let yr = BLAS.matmul(radius, absWeights, m: rows, n: n, k: k, transB: true)
        let ym = BLAS.matmul(magnitude, absWeights, m: rows, n: n, k: k, transB: true)
        let g = FloatBounds.gamma(k + 2)
        var lo = [Double](repeating: 0, count: rows * n)
        var hi = [Double](repeating: 0, count: rows * n)
        for i in 0..<rows {
            for j in 0..<n {
                let idx = i * n + j
                let b = bias?[j] ?? 0
                // err ≥ γ(|W|(|c| + r) + |b|) + tiny, all rounded up.
                let err = ((g * (ym[idx] + abs(b))).nextUp + FloatBounds.underflowMargin * Double(k + 1)).nextUp
                let mid = yc[idx] + b
                lo[idx] = ((mid - yr[idx]).nextDown - err).nextDown.nextDown
                hi[idx] = ((mid + yr[idx]).nextUp + err).nextUp.nextUp
            }
        }
        return (lo, hi)
    }

    /// Enclosure of a product of two intervals (one rounding per candidate product, stepped outward).
    @inlinable
    public static func multiply(_ al: Double, _ au: Double, _ bl: Double, _ bu: Double) -> (Double, Double) {
        let p1 = al * bl, p2 = al * bu, p3 = au * bl, p4 = au * bu
        return (min(min(p1, p2), min(p3, p4)).nextDown, max(max(p1, p2), max(p3, p4)).nextUp)
    }
}
