/// Rigorous lower bounds of linear forms `c·y` over a box of `y`, used to decide specification rows
/// and to concretise backward coefficients.
///
/// Rounding (the argument behind `FloatBounds.sumLowerBound`): each row is summed in ordinary
/// round-to-nearest arithmetic, s = fl(Σ t_j) with t_j = fl(c_j·e_j) and e_j the box end that
/// minimises the term, together with a = fl(Σ |t_j|); then min_y c·y ≥ s − 2γ_{n+1}·a − (n+1)·η.
/// One pass without directed steps per term keeps this cheap in the bounding hot loop.
public enum LinearFormBounds {
    /// For each row `c` of `rows` (each of length `lower.count`), a number `≤ min_{y ∈ [lower, upper]} c·y`.
    /// Infinite box sides give −∞ where they matter (and never NaN: 0·∞ is treated as 0).
    public static func lowerBounds(of rows: [[Double]], lower: [Double], upper: [Double]) -> [Double] {
        rows.map { c in
            precondition(c.count == lower.count, "row has \(c.count) coefficients for \(lower.count) outputs")
            return lowerBounds(of: CoefficientMatrix(rows: 1, columns: c.count, data: c), lower: lower, upper: upper)[0]
        }
    }

    /// The same for every row of a coefficient matrix (columns = box size), without copying rows.
    public static func lowerBounds(of a: CoefficientMatrix, lower: [Double], upper: [Double]) -> [Double] {
        precondition(a.columns == lower.count && a.columns == upper.count,
                     "rows have \(a.columns) coefficients for \(lower.count) values")
        let n = a.columns
        // The gathered sum is scalar: it pays below a quarter of the columns (dist_shift's input
        // coefficients: 8 of 792), not at the half a layer of dead ReLUs leaves.
        if let support = a.support, 4 * support.count <= n {
            return lowerBounds(of: a, lower: lower, upper: upper, support: support)
        }
        var out = [Double](repeating: 0, count: a.rows)
        a.data.withUnsafeBufferPointer { c in
            lower.withUnsafeBufferPointer { lo in
                upper.withUnsafeBufferPointer { hi in
                    for r in 0..<a.rows {
                        let base = r * n
                        var (sum, magnitude) = simdSums(c.baseAddress! + base, lo.baseAddress!, hi.baseAddress!, n)
                        if sum.isNaN || magnitude.isNaN {
                            // A 0·∞ product (an unbounded box side under a zero coefficient) means
                            // 0; a NaN coefficient stays NaN and makes the bound −∞.
                            (sum, magnitude) = FloatBounds.laneSums(n) { k in
                                let cj = c[base + k]
                                return cj == 0 ? 0 : (cj > 0 ? cj * lo[k] : cj * hi[k])
                            }
                        }
                        out[r] = FloatBounds.sumLowerBound(sum: sum, magnitude: magnitude, terms: n)
                    }
                }
            }
        }
        return out
    }

    /// The rows of a matrix whose entries vanish outside `support`: the other columns' terms are
    /// exactly 0 (0·∞ counts as 0, as above), so the sums and their error bound run over the
    /// support alone (`sumLowerBound` with |support| terms).
    static func lowerBounds(of a: CoefficientMatrix, lower: [Double], upper: [Double], support: [Int]) -> [Double] {
        let n = a.columns
        var out = [Double](repeating: 0, count: a.rows)
        a.data.withUnsafeBufferPointer { c in
            for r in 0..<a.rows {
                let base = r * n
                var sum = 0.0, magnitude = 0.0
                for k in support {
                    let cj = c[base + k]
                    let t = cj == 0 ? 0 : (cj > 0 ? cj * lower[k] : cj * upper[k])
                    sum += t
                    magnitude += abs(t)
                }
                out[r] = FloatBounds.sumLowerBound(sum: sum, magnitude: magnitude, terms: max(1, support.count))
            }
        }
        return out
    }

    /// (Σ t_k, Σ |t_k|) over k < n in round-to-nearest with t_k = fl(c_k·e_k), e_k the box end that
    /// minimises the term, in eight SIMD lanes (the scalar loop was a fifth of CROWN's time on
    /// mnist_fc). Branch-free, as coefficient signs are unpredictable: t_k is the smaller of the
    /// two rounded products — rounding is monotone, so fl(c·l) ≤ fl(c·u) exactly when c·l ≤ c·u,
    /// and the smaller one is fl(c·e). A NaN in the first product (a NaN coefficient, 0·∞, ∞·0)
    /// survives the selection and sends the row to the careful path; a NaN only in the second
    /// (0·∞ on the upper side) correctly leaves the first, 0. |t| clears the sign bit. The order of
    /// the additions does not matter to the error bound (`FloatBounds.sumLowerBound(sum:magnitude:terms:)`
    /// holds for any order).
    @inline(__always)
    static func simdSums(_ c: UnsafePointer<Double>, _ lo: UnsafePointer<Double>, _ hi: UnsafePointer<Double>,
                         _ n: Int) -> (Double, Double) {
        typealias V = SIMD8<Double>
        var s = V(repeating: 0), m = V(repeating: 0)
        var k = 0
        let cr = UnsafeRawPointer(c), lr = UnsafeRawPointer(lo), hr = UnsafeRawPointer(hi)
        while k + 8 <= n {
            let byte = k * MemoryLayout<Double>.stride
            let cv = cr.loadUnaligned(fromByteOffset: byte, as: V.self)
            let atLower = cv * lr.loadUnaligned(fromByteOffset: byte, as: V.self)
            let atUpper = cv * hr.loadUnaligned(fromByteOffset: byte, as: V.self)
            let t = atLower.replacing(with: atUpper, where: atUpper .< atLower)
            s += t
            m += t.magnitudes
            k += 8
        }
        var sum = s.sum(), magnitude = m.sum()
        while k < n {
            let cj = c[k]
            let t = (cj > 0 ? cj : 0) * lo[k] + (cj < 0 ? cj : 0) * hi[k] + (cj - cj)
            sum += t
            magnitude += abs(t)
            k += 1
        }
        return (sum, magnitude)
    }
}
