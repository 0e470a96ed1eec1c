/// Linear coefficients of a backward bound pass: `rows` specification rows, each a linear form
/// over the `columns` scalars of one graph value (one sample; row-major storage).
public struct CoefficientMatrix: Sendable, Equatable {
    public var rows: Int
    public var columns: Int
    public var data: [Double]

    public init(rows: Int, columns: Int, data: [Double]) {
        precondition(data.count == rows * columns, "coefficient matrix \(rows)×\(columns) with \(data.count) entries")
        self.rows = rows
        self.columns = columns
        self.data = data
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
        for i in data.indices { data[i] += other.data[i] }
    }

    /// Σ_j |A_ij| · v_j per row, rounded up (all terms non-negative, so one γ factor covers it).
    public func absTimes(_ v: [Double]) -> [Double] {
        precondition(v.count == columns)
        var out = [Double](repeating: 0, count: rows)
        let g = 1 + FloatBounds.gamma(columns + 1)
        for r in 0..<rows {
            var s = 0.0
            let base = r * columns
            for j in 0..<columns {
                let a = data[base + j]
                if a != 0 { s += abs(a) * v[j] }
            }
            out[r] = (s * g).nextUp
        }
        return out
    }
}
