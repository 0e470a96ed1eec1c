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
/// - concave piece: h is concave. A point t is located (heuristically, by safeguarded false position on f′ = a);
///   with δ > 0 and the chord slopes σL of h on [t−δ, t] and σR on [t, t+δ], concavity gives
///   h(x) ≤ h(t−δ) + σL·(x − t + δ) for x ≤ t − δ (since h′((t−δ)⁻) ≥ σL) and
///   h(x) ≤ h(t+δ) + σR·(x − t − δ) for x ≥ t + δ (since h′((t+δ)⁺) ≤ σR);
///   on [t−δ, t+δ] the interval enclosure of f bounds h. Two chords, one on each side, keep the
///   bound tight when t sits on a kink (ReLU's lower line). The slopes are enclosed from value
///   enclosures, so no derivative accuracy is assumed — f′ only guides where t is;
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

    /// Lower bound of n/d for the exact divisor in [dLo, dHi] (0 < dLo).
    static func divideDown(_ n: Double, _ dLo: Double, _ dHi: Double) -> Double {
        guard dLo > 0, n.isFinite else { return -.infinity }
        return (n >= 0 ? n / dHi : n / dLo).nextDown
    }

    /// Upper bound of n/d for the exact divisor in [dLo, dHi] (0 < dLo).
    static func divideUp(_ n: Double, _ dLo: Double, _ dHi: Double) -> Double {
        guard dLo > 0, n.isFinite else { return .infinity }
        return (n >= 0 ? n / dLo : n / dHi).nextUp
    }

    /// A number ≤ a·x exactly (the FMA residual tells whether the rounded product is above).
    /// The residual is exact unless the product is (nearly) subnormal, where it may itself round
    /// to zero; there the result is stepped outward unconditionally.
    @inline(__always)
    static func productDown(_ a: Double, _ x: Double) -> Double {
        let p = a * x
        if abs(p) < 0x1p-960 { return p.nextDown }
        let residual = (-p).addingProduct(a, x)  // exact: a·x − p
        return residual < 0 ? p.nextDown : p
    }

    @inline(__always)
    static func productUp(_ a: Double, _ x: Double) -> Double {
        let p = a * x
        if abs(p) < 0x1p-960 { return p.nextUp }
        let residual = (-p).addingProduct(a, x)
        return residual > 0 ? p.nextUp : p
    }

    /// Upper bound of max_{x∈[l,u]} s·(f(x) − a·x) for s = +1 (upper line) or s = −1 (lower line,
    /// whose intercept is then minus the result). [l, u] must be finite and inside one domain
    /// component; returns +∞ when nothing finite can be said. `argmax` receives (approximately)
    /// where the maximum is attained: the point where the line touches f, whose negation is the
    /// derivative of the intercept with respect to the slope (used by α-CROWN's gradient).
    static func maxOfH<A: ScalarActivation>(_ f: A, slope a: Double, _ l: Double, _ u: Double,
                                            sign s: Double, model: ActivationRange.ErrorModel,
                                            buffer: inout [CriticalPoint], argmax: inout Double) -> Double {
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
        argmax = l
        func consider(_ value: Double, at x: Double) {
            if value > best { best = value; argmax = x }
        }
        for piece in f.curvature(in: l, u) {
            let p = piece.lower, q = piece.upper
            // Curvature of s·h: s·f's curvature (the linear term does not change it).
            let c = s > 0 ? piece.curvature : piece.curvature.negated
            switch c {
            case .linear, .convex:
                consider(hUp(p), at: p)
                consider(hUp(q), at: q)
            case .mixed:
                consider(rangeBound(p, q), at: 0.5 * p + 0.5 * q)
            case .concave:
                let width = q - p
                let delta = max(1e-7 * width, 64 * Double.ulpOfOne * max(abs(p), abs(q), 1))
                guard width > 4 * delta else {
                    consider(rangeBound(p, q), at: 0.5 * p + 0.5 * q)
                    continue
                }
                // s·h′ is decreasing on the piece; find where it crosses zero (a guide only).
                func dh(_ x: Double) -> Double { s * (f.derivative(x) - a) }
                var t: Double
                let dp = dh(p), dq = dh(q)
                if !(dp > 0) { t = p } else if !(dq < 0) { t = q } else {
                    // Down to adjacent doubles, as bisection would, but by false position with the
                    // Illinois modification (the weight of an end that stays put is halved), which
                    // converges superlinearly: about ten evaluations of f′ instead of fifty-odd
                    // (these searches were a third of α-CROWN's time on sigmoid networks). A
                    // bisection step whenever three steps have not halved the bracket keeps the
                    // worst case at bisection's.
                    var lo = p, hi = q, flo = dp, fhi = dq
                    var lastSide = 0, sinceHalved = 0, halvedWidth = 0.5 * (q - p)
                    for _ in 0..<200 {
                        let mid = 0.5 * (lo + hi)
                        if mid <= lo || mid >= hi { break }
                        var x = lo + flo * (hi - lo) / (flo - fhi)
                        if sinceHalved >= 3 || !(x > lo && x < hi) { x = mid }
                        let fx = dh(x)
                        if fx > 0 {
                            lo = x; flo = fx
                            if lastSide == 1 { fhi *= 0.5 }
                            lastSide = 1
                        } else {
                            hi = x
                            // A NaN derivative counts as "not above", as in bisection.
                            fhi = fx.isNaN ? -Double.leastNormalMagnitude : fx
                            if lastSide == -1 { flo *= 0.5 }
                            lastSide = -1
                            if fx == 0 { lo = x; break }
                        }
                        if hi - lo <= halvedWidth { halvedWidth = 0.5 * (hi - lo); sinceHalved = 0 } else { sinceHalved += 1 }
                    }
                    t = 0.5 * (lo + hi)
                }
                t = min(max(t, p + delta), q - delta)
                let tm = t - delta, tp = t + delta
                // Exact gaps lie within one ulp of the computed differences.
                let dl = t - tm, dr = tp - t
                // σL = chord slope of s·h on [t−δ, t] (a lower bound: it multiplies x − (t−δ) ≤ 0),
                // σR = chord slope on [t, t+δ] (an upper bound: it multiplies x − (t+δ) ≥ 0).
                let sigmaL = divideDown((hDown(t) - hUp(tm)).nextDown, dl.nextDown, dl.nextUp)
                let sigmaR = divideUp((hUp(tp) - hDown(t)).nextUp, dr.nextDown, dr.nextUp)
                let left = (hUp(tm) + max(0, (sigmaL * (p - tm)).nextUp)).nextUp
                let right = (hUp(tp) + max(0, (sigmaR * (q - tp)).nextUp)).nextUp
                consider(max(left, right, rangeBound(tm, tp)), at: t)
            }
            if best == .infinity || best.isNaN { return .infinity }
        }
        return best
    }
}
