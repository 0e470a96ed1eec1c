/// Single operations rounded in a chosen direction, rigorous in every case including overflow and
/// underflow, and exact (no step) whenever the rounded result is already exact.
///
/// Vernier never changes the rounding mode, so a directed result is obtained from the
/// round-to-nearest one and its exact error:
///
/// - sums: `TwoSum` gives the exact error e = (a + b) − fl(a + b) with six correctly rounded
///   operations (Knuth; exact in round-to-nearest whenever fl(a + b) is finite — additions never
///   underflow inexactly, since a sum of two doubles that lands among the subnormals is exact);
///   the result is stepped one ulp in the wanted direction only when e points that way;
/// - products: the FMA residual r = fl(a·b − p) of p = fl(a·b) is the exact error when |p| is far
///   from the underflow range: a·b and p are integer multiples of g = ulp(a)·ulp(b) (ulp of a
///   subnormal is 2⁻¹⁰⁷⁴) with |a·b| < 2¹⁰⁶·g, so |a·b − p| ≤ u·|a·b| < 2⁵³·g; when |p| ≥ 2⁻⁹⁰⁰,
///   g ≥ 2⁻¹⁰⁰⁷ lies on the double grid and a·b − p is a double, returned exactly by the FMA.
///   Below `exactResidualFloor` (including a product that underflowed to 0) the result is stepped
///   outward unconditionally — one ulp outward always encloses one correctly rounded operation,
///   for subnormals too (their spacing 2⁻¹⁰⁷⁴ exceeds the error bound 2⁻¹⁰⁷⁵);
/// - overflow: a finite exact value whose rounding overflowed to ±∞ is replaced by ∓ the largest
///   finite double on the side where ∞ would not be a bound (a finite lower bound of +∞-rounded
///   value is `greatestFiniteMagnitude`).
///
/// NaN never leaves these helpers when the operands are not NaN: an indeterminate result (∞ − ∞,
/// 0·∞) becomes −∞ for a lower and +∞ for an upper bound.
enum DirectedRounding {
    /// Products of at least this magnitude have an exactly representable FMA residual.
    static let exactResidualFloor = 0x1p-900

    /// A number ≤ a + b (exact sum).
    @inline(__always)
    static func addDown(_ a: Double, _ b: Double) -> Double {
        let s = a + b
        guard s.isFinite else {
            if s.isNaN { return -.infinity }
            // Overflow of a finite exact sum: the sum exceeds every double on that side.
            return s > 0 && a.isFinite && b.isFinite ? .greatestFiniteMagnitude : s
        }
        let bb = s - a
        let e = (a - (s - bb)) + (b - bb)
        return e < 0 ? s.nextDown : s
    }

    /// A number ≥ a + b (exact sum).
    @inline(__always)
    static func addUp(_ a: Double, _ b: Double) -> Double {
        -addDown(-a, -b)
    }

    /// A number ≤ a·b (exact product). A zero factor gives exactly 0, even against ±∞.
    @inline(__always)
    static func mulDown(_ a: Double, _ b: Double) -> Double {
        if a == 0 || b == 0 { return 0 }
        let p = a * b
        guard p.isFinite else {
            if p.isNaN { return -.infinity }
            return p > 0 && a.isFinite && b.isFinite ? .greatestFiniteMagnitude : p
        }
        if abs(p) < exactResidualFloor { return p.nextDown }
        let r = (-p).addingProduct(a, b)  // exact: a·b − p
        return r < 0 ? p.nextDown : p
    }

    /// A number ≥ a·b (exact product).
    @inline(__always)
    static func mulUp(_ a: Double, _ b: Double) -> Double {
        -mulDown(-a, b)
    }
}
