/// Linear coefficients of a backward bound pass: `rows` specification rows, each a linear form
/// over the `columns` scalars of one graph value (one sample; row-major storage).
public struct CoefficientMatrix: Sendable, Equatable {
    public var rows: Int { didSet { support = nil } }
    public var columns: Int { didSet { support = nil } }
    public var data: [Double] { didSet { support = nil } }
    /// Columns outside which every entry is exactly zero, ascending (nil: not known). Set only by
    /// the producer that knows it (`Linear.backwardFixingPoints`: A·W has no weight on the fixed
    /// coordinates); any later change of `rows`, `columns` or `data` clears it, so a stale support
    /// cannot hide a coefficient. `LinearFormBounds` then reads only these columns: dist_shift's
    /// input coefficients have 8 live columns of 792.
    public private(set) var support: [Int]?

    public init(rows: Int, columns: Int, data: [Double]) {
        precondition(data.count == rows * columns, "coefficient matrix \(rows)×\(columns) with \(data.count) entries")
        self.rows = rows
        self.columns = columns
        self.data = data
    }

    /// A matrix whose entries are zero outside the columns `support` (checked in debug builds).
    public init(rows: Int, columns: Int, data: [Double], support: [Int]) {
        self.init(rows: rows, columns: columns, data: data)
        precondition(support.allSatisfy { (0..<columns).contains($0) } && zip(support, support.dropFirst()).allSatisfy { $0 < $1 },
                     "support must be ascending column indices")
        assert({
            let live = Set(support)
            return (0..<rows).allSatisfy { r in (0..<columns).allSatisfy { live.contains($0) || data[r * columns + $0] == 0 } }
        }(), "a coefficient outside the declared support")
        self.support = support
    }

    /// Equal shape and entries (the support is a cache of what the entries say).
    public static func == (a: CoefficientMatrix, b: CoefficientMatrix) -> Bool {
        a.rows == b.rows && a.columns == b.columns && a.data == b.data
    }

    public static func zeros(rows: Int, columns: Int) -> CoefficientMatrix {
        CoefficientMatrix(rows: rows, columns: columns, data: [Double](repeating: 0, count: rows * columns))
    }

    /// [I; −I]: lower bounds of every element and of its negation (= upper bounds), in one pass.
    public static func identityAndNegation(_ n: Int) -> CoefficientMatrix {
        var m = zeros(rows: 2 * n, columns: n)
        for i in 0..<n {
            m.data[i * n + i] = 1
            m.data[(n + i) * n + i] = -1
        }
        return m
    }

    /// Adds `other` elementwise (coefficients of a value with several consumers add up). Each sum
    /// is one rounding; the caller accounts for it in its slack (see `BackwardPass`).
    public mutating func add(_ other: CoefficientMatrix) {
        precondition(rows == other.rows && columns == other.columns)
        // One mutable access (one `didSet`), so the loop vectorises.
        data.withUnsafeMutableBufferPointer { d in
            other.data.withUnsafeBufferPointer { o in
                for i in 0..<d.count { d[i] += o[i] }
            }
        }
    }

    /// Σ_j |A_ij| · v_j per row, rounded up (all terms non-negative, so one γ factor covers it).
    public func absTimes(_ v: [Double]) -> [Double] {
        precondition(v.count == columns)
        var out = [Double](repeating: 0, count: rows)
        let g = 1 + FloatBounds.gamma(columns + 1)
        data.withUnsafeBufferPointer { d in
            v.withUnsafeBufferPointer { v in
                typealias V = SIMD8<Double>
                let dr = UnsafeRawPointer(d.baseAddress!), vr = UnsafeRawPointer(v.baseAddress!)
                for r in 0..<rows {
                    let base = r * columns
                    // Eight lanes: one running sum is a latency chain. |a| clears the sign bit.
                    var lanes = V(repeating: 0)
                    var j = 0
                    while j + 8 <= columns {
                        let a = dr.loadUnaligned(fromByteOffset: (base + j) * MemoryLayout<Double>.stride, as: V.self)
                        lanes += a.magnitudes * vr.loadUnaligned(fromByteOffset: j * MemoryLayout<Double>.stride, as: V.self)
                        j += 8
                    }
                    var s = lanes.sum()
                    while j < columns { s += abs(d[base + j]) * v[j]; j += 1 }
                    if s.isNaN {
                        // 0·∞: a zero coefficient on an unbounded value contributes nothing.
                        s = 0
                        for j in 0..<columns where d[base + j] != 0 { s += abs(d[base + j]) * v[j] }
                    }
                    out[r] = (s * g).nextUp
                }
            }
        }
        return out
    }
}
