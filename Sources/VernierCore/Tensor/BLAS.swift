import CBLAS

/// Thin, safe wrappers over the CBLAS routines the core uses. Dense hot loops go through here.
public enum BLAS {
    /// C = alpha * op(A) * op(B) + beta * C, row-major.
    /// `op(A)` is M×K, `op(B)` is K×N, C is M×N. `a`, `b`, `c` are addressed from their starts.
    @inlinable
    public static func gemm(transA: Bool = false, transB: Bool = false,
                            m: Int, n: Int, k: Int,
                            alpha: Double = 1, a: UnsafePointer<Double>, lda: Int,
                            b: UnsafePointer<Double>, ldb: Int,
                            beta: Double = 0, c: UnsafeMutablePointer<Double>, ldc: Int) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            // BLAS would only scale C; do it explicitly so beta == 0 clears NaN garbage too.
            for i in 0..<m { for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] } }
            return
        }
        cblas_dgemm(CblasRowMajor,
                    transA ? CblasTrans : CblasNoTrans,
                    transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha,
                    a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Matrix product of row-major arrays: returns op(A)·op(B) (M×N).
    public static func matmul(_ a: [Double], _ b: [Double], m: Int, n: Int, k: Int,
                              transA: Bool = false, transB: Bool = false) -> [Double] {
        precondition(a.count >= m * k && b.count >= k * n, "matmul: \(a.count) and \(b.count) entries for \(m)×\(k)·\(k)×\(n)")
        if m == 0 || n == 0 { return [] }
        if k == 0 { return [Double](repeating: 0, count: m * n) }
        // Uninitialised: with beta = 0, GEMM writes every entry of C and never reads it (the BLAS
        // contract: "when beta is zero, C need not be set on input"; OpenBLAS stores zeros first).
        // Zeroing it here as well was 2 % of CROWN's instructions on mnist_fc.
        return [Double](unsafeUninitializedCapacity: m * n) { pc, count in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    gemm(transA: transA, transB: transB, m: m, n: n, k: k,
                         a: pa.baseAddress!, lda: transA ? m : k,
                         b: pb.baseAddress!, ldb: transB ? k : n,
                         c: pc.baseAddress!, ldc: n)
                }
            }
            count = m * n
        }
    }

    /// Matrix–vector product y = M·x for a row-major rows×columns matrix M (`transposed`: y = Mᵀ·x).
    /// GEMM with one row runs OpenBLAS's small-matrix kernel, several times slower than GEMV here.
    public static func matvec(_ matrix: [Double], _ x: [Double], rows: Int, columns: Int,
                              transposed: Bool = false) -> [Double] {
        precondition(matrix.count == rows * columns && x.count == (transposed ? rows : columns),
                     "matvec: \(matrix.count) entries, \(x.count) operands for \(rows)×\(columns)")
        var y = [Double](repeating: 0, count: transposed ? columns : rows)
        if rows == 0 || columns == 0 { return y }
        matrix.withUnsafeBufferPointer { pm in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    cblas_dgemv(CblasRowMajor, transposed ? CblasTrans : CblasNoTrans, Int32(rows), Int32(columns),
                                1, pm.baseAddress!, Int32(columns), px.baseAddress!, 1, 0, py.baseAddress!, 1)
                }
            }
        }
        return y
    }

    /// Pins OpenBLAS to `n` threads (Vernier parallelises at a coarser grain when it can).
    public static func setThreadCount(_ n: Int) { openblas_set_num_threads(Int32(n)) }
}
