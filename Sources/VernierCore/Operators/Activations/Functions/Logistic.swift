import RealModule

/// Cancellation-free building blocks shared by the logistic-family activations (Sigmoid, Softplus,
/// SiLU, Swish, GELU-tanh, Mish). Each evaluates exp only at −|x| ≤ 0, so nothing overflows and no
/// difference of nearly equal numbers is formed; each is a short libm composition in the sense of
/// `ValueAccuracy.libm`.
enum Logistic {
    /// σ(x) = 1/(1 + e^−x): for x ≥ 0 as 1/(1 + e^−x), for x < 0 as e^x/(1 + e^x).
    @inline(__always)
    static func sigmoid(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + Double.exp(-x)) }
        let e = Double.exp(x)
        return e / (1 + e)
    }

    /// σ′(x) = σ(x)·σ(−x) = e^−|x| / (1 + e^−|x|)², without forming 1 − σ.
    @inline(__always)
    static func sigmoidDerivative(_ x: Double) -> Double {
        let e = Double.exp(-abs(x))
        let d = 1 + e
        return e / (d * d)
    }

    /// softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^−|x|): a sum of two non-negative terms.
    @inline(__always)
    static func softplus(_ x: Double) -> Double {
        if x.isNaN { return x }
        return max(x, 0) + Double.log(onePlus: Double.exp(-abs(x)))
    }

    /// sech²(w) = 1 − tanh²(w) = 4e^−2|w| / (1 + e^−2|w|)², without the cancellation of 1 − tanh².
    @inline(__always)
    static func sech2(_ w: Double) -> Double {
        let e = Double.exp(-2 * abs(w))
        let d = 1 + e
        return 4 * e / (d * d)
    }
}
