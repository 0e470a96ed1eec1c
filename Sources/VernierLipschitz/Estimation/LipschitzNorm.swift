import Foundation

/// The input norm of a Lipschitz query |c·y(x) − c·y(x′)| ≤ L·‖x − x′‖. Over a convex region L is the
/// supremum of the *dual* norm of the Jacobian row J = c·∂y/∂x (Clarke Jacobians at kinks).
public enum LipschitzNorm: String, Sendable, CaseIterable, Codable {
    /// L∞ input perturbations; L = sup ‖J‖₁.
    case infinity = "inf"
    /// L1 input perturbations; L = sup ‖J‖∞ = max_i sup |J_i|.
    case one = "1"
    /// L2 input perturbations; L = sup ‖J‖₂.
    case two = "2"

    /// The dual norm of a Jacobian row (floating point; for lower-bound search only).
    public func dual(_ j: [Double]) -> Double {
        switch self {
        case .infinity: j.reduce(0) { $0 + abs($1) }
        case .one: j.reduce(0) { max($0, abs($1)) }
        case .two: j.reduce(0) { $0 + $1 * $1 }.squareRoot()
        }
    }

    /// A subgradient s of the dual norm at j, which is also the unit input direction (‖s‖ ≤ 1 in
    /// this norm) along which c·y grows fastest to first order: J·s = dual(J).
    func steepestDirection(_ j: [Double]) -> [Double] {
        switch self {
        case .infinity:
            return j.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }
        case .one:
            var s = [Double](repeating: 0, count: j.count)
            if let k = j.indices.max(by: { abs(j[$0]) < abs(j[$1]) }), j[k] != 0 { s[k] = j[k] > 0 ? 1 : -1 }
            return s
        case .two:
            let n = dual(j)
            return n > 0 ? j.map { $0 / n } : j
        }
    }

    /// An upper bound of ‖x − x′‖ in this norm (each difference and sum rounded up).
    func distanceUp(_ x: [Double], _ y: [Double]) -> Double {
        var acc = 0.0
        for i in x.indices {
            let d = abs(x[i] - y[i]).nextUp
            switch self {
            case .infinity: acc = max(acc, d)
            case .one: acc = (acc + d).nextUp
            case .two: acc = (acc + (d * d).nextUp).nextUp
            }
        }
        return self == .two ? acc.squareRoot().nextUp : acc
    }

    /// A certified bound of sup ‖J‖ (dual) from an upper bound of Σ|J_i| and enclosures
    /// [lower_i, upper_i] of every entry: L∞ uses the smaller of the sum bound and Σ max|J_i|; L1
    /// uses max_i max|J_i|; L2 uses ‖J‖₂ ≤ min(‖J‖₁, (Σ max|J_i|²)^½) — the per-entry box bound of
    /// the Euclidean norm. Every sum is rounded up, NaN becomes +∞.
    func bound(sumUpper: Double, lower: [Double], upper: [Double]) -> Double {
        let magnitudes = zip(lower, upper).map { max(abs($0), abs($1)) }
        let result: Double
        switch self {
        case .infinity:
            result = min(sumUpper, magnitudes.reduce(0) { ($0 + $1).nextUp })
        case .one:
            result = magnitudes.reduce(0) { max($0, $1) }
        case .two:
            let squares = magnitudes.reduce(0) { ($0 + ($1 * $1).nextUp).nextUp }
            result = min(sumUpper, squares.squareRoot().nextUp)
        }
        return result.isNaN ? .infinity : result
    }
}
