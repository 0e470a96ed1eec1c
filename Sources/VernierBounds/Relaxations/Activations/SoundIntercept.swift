import VernierCore

/// Rigorous intercepts for lines of *any* slope: the heart of the declarative relaxation path.
///
/// For a slope a, the tightest valid upper line is a·x + max_{x∈[l,u]} (f(x) − a·x) and the
/// tightest lower line a·x + min_{x∈[l,u]} (f(x) − a·x). Because the intercept is computed as a
/// rigorous bound of that max (min), *every* slope yields a sound line; slope choices (chords,
/// tangents, α-CROWN parameters) only affect tightness. The max of h(x) = f(x) − a·x is bounded
/// piece by piece over the activation's curvature partition:
///
/// - convex or affine piece [p, q]: h is convex, so max h = max(h(p), h(q));
/// - concave piece: h is concave. A point t is located (heuristically, by bisection on f′ = a);
///   with δ > 0 and the chord slope σ = (h(t) − h(t−δ))/δ, concavity gives
///   h(x) ≤ h(t) + σ·(x − t) for x ≥ t (since h′(t⁺) ≤ σ) and
///   h(x) ≤ h(t−δ) + σ·(x − t + δ) for x ≤ t − δ (since h′((t−δ)⁻) ≥ σ);
///   on (t−δ, t) the interval enclosure of f bounds h. σ is enclosed from value enclosures, so no
///   derivative accuracy is assumed — f′ only guides where t is;
/// - a piece of unknown curvature (`mixed`) or a tiny piece: h ≤ max f over it − min(a·p, a·q),
///   from the rigorous range enclosure (`ActivationRange`).
///
/// Values of f are enclosed with the activation's `ValueAccuracy` (as in `ActivationRange`), and
/// every operation is rounded in the safe direction (products via the exact FMA residual).
/// The min is max of −h, handled by the same code with the curvature flipped.
enum SoundIntercept {
    /// Enclosures of f at one point: (lower, upper) of the exact value.
    @inline(__always)
    static func valueEnclosure<A: ScalarActivation>(_ f: A, _ x: Double, _ model: ActivationRange.ErrorModel) -> (Double, Double) {
        let y = f.value(x)
        return (ActivationRange.lowerBound(y, model, isLimit: false, multiple: 1),
                ActivationRange.upperBound(y, model, isLimit: false, multiple: 1))
    }

    /// A number ≤ a·x exactly (the FMA residual tells whether the rounded product is above).
    @inline(__always)
    static func productDown(_ a: Double, _ x: Double) -> Double {
        let p = a * x
        let residual = (-p).addingProduct(a, x)  // exact: a·x − p
        return residual < 0 ? p.nextDown : p
    }

    @inline(__always)
    static func productUp(_ a: Double, _ x: Double) -> Double {
        let p = a * x
        let residual = (-p).addingProduct(a, x)
        return residual > 0 ? p.nextUp : p
    }

    /// Upper bound of max_{x∈[l,u]} s·(f(x) − a·x) for s = +1 (upper line) or s = −1 (lower line,
    /// whose intercept is then minus the result). [l, u] must be finite and inside one domain
    /// component; returns +∞ when nothing finite can be said.
    static func maxOfH<A: ScalarActivation>(_ f: A, slope a: Double, _ l: Double, _ u: Double,
                                            sign s: Double, model: ActivationRange.ErrorModel,
                                            buffer: inout [CriticalPoint]) -> Double {
        // s·h(x) upper bound at a point.
        func hUp(_ x: Double) -> Double {
            let (lo, hi) = valueEnclosure(f, x, model)
            let v = s > 0 ? (hi - productDown(a, x)).nextUp : (productUp(a, x) - lo).nextUp
            return v.isNaN ? .infinity : v
        }
        // Lower bound of s·h at a point (for chord slopes).
        func hDown(_ x: Double) -> Double {
            let (lo, hi) = valueEnclosure(f, x, model)
            let v = s > 0 ? (lo - productUp(a, x)).nextDown : (productDown(a, x) - hi).nextDown
            return v.isNaN ? -.infinity : v
        }
        // Rigorous bound of s·h over a small interval from the range enclosure of f.
        func rangeBound(_ p: Double, _ q: Double) -> Double {
            let r = ActivationRange.enclose(f, p, q, model: model, buffer: &buffer)
            if s > 0 {
                return (r.upper - min(productDown(a, p), productDown(a, q))).nextUp
            } else {
                return (max(productUp(a, p), productUp(a, q)) - r.lower).nextUp
            }
        }

        var best = -Double.infinity
        for piece in f.curvature(in: l, u) {
            let p = piece.lower, q = piece.upper
            // Curvature of s·h: s·f's curvature (the linear term does not change it).
            let c = s > 0 ? piece.curvature : piece.curvature.negated
            switch c {
            case .linear, .convex:
                best = max(best, hUp(p), hUp(q))
            case .mixed:
                best = max(best, rangeBound(p, q))
            case .concave:
                let width = q - p
                let delta = max(1e-7 * width, 64 * Double.ulpOfOne * max(abs(p), abs(q), 1))
                guard width > 4 * delta else {
                    best = max(best, rangeBound(p, q))
                    continue
                }
                // s·h′ is decreasing on the piece; find where it crosses zero (a guide only).
                func dh(_ x: Double) -> Double { s * (f.derivative(x) - a) }
                var t: Double
                if !(dh(p) > 0) { t = p } else if !(dh(q) < 0) { t = q } else {
                    var lo = p, hi = q
                    for _ in 0..<64 {
                        let mid = 0.5 * (lo + hi)
                        if mid <= lo || mid >= hi { break }
                        if dh(mid) > 0 { lo = mid } else { hi = mid }
                    }
                    t = 0.5 * (lo + hi)
                }
                t = min(max(t, p + delta), q)
                let tm = t - delta
                let hT = hUp(t), hM = hUp(tm)
                // Enclose σ = (s·h(t) − s·h(t−δ))/δ: its upper bound multiplies (x − t) ≥ 0,
                // its lower bound multiplies (x − t + δ) ≤ 0.
                let d = t - tm  // exact for nearby doubles (Sterbenz)
                let sigmaHi = ((hT - hDown(tm)).nextUp / d).nextUp
                let sigmaLo = ((hDown(t) - hM).nextDown / d).nextDown
                let right = (hT + max(0, (sigmaHi * (q - t)).nextUp)).nextUp
                let left = (hM + max(0, (sigmaLo * (p - tm)).nextUp)).nextUp
                best = max(best, right, left, rangeBound(tm, t))
            }
            if best == .infinity || best.isNaN { return .infinity }
        }
        return best
    }
}
