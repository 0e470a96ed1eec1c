import VernierCore

/// α-CROWN's relaxed values through dense layers, kept across iterations.
///
/// On the network input each row's relaxed value is the box vertex chosen by the signs of its
/// input coefficients (`AlphaCROWN.relaxedValues`), and the first layer's output for it, W·x̂ + b,
/// was a full GEMM per iteration — m × 784 × 256 on mnist_fc, most of α-CROWN's matrix work.
/// Between iterations the slopes move a little and only a few signs flip, so the output is
/// updated by the columns of W whose coordinates changed: y += W[:, j]·(x_new,j − x_old,j).
/// Deeper layers, whose inputs move everywhere, fall back to a full product. Plain floating
/// point, for the gradient only: rounding drift over the iterations changes a search direction,
/// never a certified bound (each iterate's bound comes from its own backward pass).
struct RelaxedValueCache {
    private var inputs: [Int: [Double]] = [:]
    private var outputs: [Int: [Double]] = [:]
    /// Per node, Wᵀ (k × n), so that a changed coordinate's column is contiguous.
    private var transposed: [Int: [Double]] = [:]

    /// W·x + b for every row of `x` (m × k, row-major) through `linear` at graph node `node`,
    /// updated from the previous call's rows when fewer than a sixteenth of the entries changed (an update
    /// is an axpy per changed entry, several times slower per flop than the GEMM it replaces),
    /// else `full()`.
    mutating func forward(_ linear: Linear, node: Int, rows x: [Double], full: () -> [Double]) -> [Double] {
        let k = linear.inFeatures, n = linear.outFeatures
        guard k > 0, x.count % k == 0 else { return full() }
        let m = x.count / k
        if let old = inputs[node], var y = outputs[node], old.count == x.count {
            var changed = 0
            for e in x.indices where x[e] != old[e] { changed += 1 }
            if 16 * changed < x.count {
                if transposed[node] == nil {
                    var t = [Double](repeating: 0, count: k * n)
                    for i in 0..<n { for j in 0..<k { t[j * n + i] = linear.weights[i * k + j] } }
                    transposed[node] = t
                }
                let wT = transposed[node]!
                y.withUnsafeMutableBufferPointer { out in
                    wT.withUnsafeBufferPointer { w in
                        for r in 0..<m {
                            for j in 0..<k where x[r * k + j] != old[r * k + j] {
                                let delta = x[r * k + j] - old[r * k + j]
                                for i in 0..<n { out[r * n + i] += delta * w[j * n + i] }
                            }
                        }
                    }
                }
                inputs[node] = x
                outputs[node] = y
                return y
            }
        }
        let y = full()
        inputs[node] = x
        outputs[node] = y
        return y
    }
}
