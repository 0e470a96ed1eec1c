import Foundation
import VernierCore

/// IBP for `x ^ p` with a constant exponent `p` (per element).
///
/// Enclosure, by cases on `p` (each uses that `x^p` is monotone on the pieces named):
/// - `p = 0`: exactly 1; `p = 1`: exactly `[l, u]`.
/// - integer `p > 0`: odd → increasing on ℝ: `[l^p, u^p]`; even → decreasing on (−∞, 0] and
///   increasing on [0, ∞): `[l^p, u^p]` if `l ≥ 0`, `[u^p, l^p]` if `u ≤ 0`, else
///   `[0, max(−l, u)^p]`.
/// - integer `p < 0` (a pole at 0): if `0 ∉ [l, u]`, odd → decreasing on each side:
///   `[u^p, l^p]`; even → decreasing on (0, ∞), increasing on (−∞, 0). If `0 ∈ [l, u]`: even →
///   `[max(−l, u)^p, +∞]`; odd → (−∞, +∞).
/// - non-integer `p`: `x^p` is real only for `x ≥ 0` (C `pow` returns NaN below 0). IBP clamps the
///   box to the domain, `[max(l, 0), max(u, 0)]`, and encloses `x^p` there: increasing for `p > 0`,
///   decreasing for `p < 0` with `0^p = +∞`. So the bounds hold for every input of the box at which
///   the network is defined; inputs below 0 make the forward value NaN, which no interval contains.
///   A box entirely below 0 yields `[0, 0]` for `p > 0` and `[0, +∞]` for `p < 0`.
/// Rounding: `p = 2` is computed as one product per endpoint, stepped one ulp outward. Otherwise
/// `pow` comes from libm, which is not correctly rounded; each endpoint power is widened
/// by `FloatBounds.libmDown/libmUp` (relative error `libmRelativeError` plus the underflow margin).
/// An overflowed `+∞` as a lower bound becomes the largest finite double (the exact power is at
/// least that); infinite upper bounds stay infinite. Forward evaluation of `p = 2, 3` as products
/// errs by at most 2 ulps, far inside that margin.
extension Pow: IntervalPropagating {
    public func interval(_ inputs: [IntervalTensor]) -> IntervalTensor {
        expandedExponent.withUnsafeBufferPointer { pp in
            ElementwiseRounding.unary(plan, inputs[0]) { l, u, j in Self.enclosure(l, u, pp[j]) }
        }
    }

    /// Lower bound of the exact power of which `v` is the libm result.
    static func powerDown(_ v: Double) -> Double {
        if v == .infinity { return .greatestFiniteMagnitude }
        if v == -.infinity || v.isNaN { return -.infinity }
        return FloatBounds.libmDown(v)
    }

    /// Upper bound of the exact power of which `v` is the libm result.
    static func powerUp(_ v: Double) -> Double {
        if v == -.infinity { return -.greatestFiniteMagnitude }
        if v == .infinity || v.isNaN { return .infinity }
        return FloatBounds.libmUp(v)
    }

    /// Enclosure of `{ x^p : x ∈ [l, u] }` (see the type's documentation for the cases).
    static func enclosure(_ l: Double, _ u: Double, _ p: Double) -> (Double, Double) {
        if p == 0 { return (1, 1) }
        if p == 1 { return (l, u) }
        if p == 2 {
            // A square is one correctly rounded product of the endpoint nearest to / farthest from 0.
            let near = l > 0 ? l : (u < 0 ? -u : 0), far = max(-l, u)
            return (near == 0 ? 0 : (near * near).nextDown, (far * far).nextUp)
        }
        // Increasing / decreasing images of an interval's endpoints.
        func increasing(_ a: Double, _ b: Double) -> (Double, Double) {
            (powerDown(Foundation.pow(a, p)), powerUp(Foundation.pow(b, p)))
        }
        func decreasing(_ a: Double, _ b: Double) -> (Double, Double) {
            (powerDown(Foundation.pow(b, p)), powerUp(Foundation.pow(a, p)))
        }
        let isInteger = p.rounded() == p && abs(p) < 0x1p53
        if isInteger {
            let even = p.truncatingRemainder(dividingBy: 2) == 0
            if p > 0 {
                if !even { return increasing(l, u) }
                if l >= 0 { return increasing(l, u) }
                if u <= 0 { return decreasing(l, u) }
                return (0, powerUp(Foundation.pow(max(-l, u), p)))
            }
            if l > 0 { return decreasing(l, u) }
            if u < 0 { return even ? increasing(l, u) : decreasing(l, u) }
            if even { return (powerDown(Foundation.pow(max(-l, u), p)), .infinity) }
            return (-.infinity, .infinity)
        }
        let a = max(l, 0), b = max(u, 0)
        if p > 0 { return increasing(a, b) }
        if b == 0 { return (0, .infinity) }
        return decreasing(a, b)
    }
}
