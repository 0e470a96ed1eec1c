import Foundation

/// Cancellation-free logistic building blocks for the derivative activations (VernierCore keeps its
/// own copies internal). Each takes exp only of −|x| ≤ 0, so nothing overflows and no difference of
/// nearly equal numbers is formed: a short libm composition in the sense of `ValueAccuracy.libm`.
enum LogisticTerms {
    /// σ(x) = 1/(1 + e^−x), evaluated on the side where exp does not overflow.
    static func sigmoid(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + exp(-x)) }
        let e = exp(x)
        return e / (1 + e)
    }

    /// σ′(x) = e^−|x| / (1 + e^−|x|)².
    static func sigmoidDerivative(_ x: Double) -> Double {
        let e = exp(-abs(x))
        let d = 1 + e
        return e / (d * d)
    }

    /// sech²(x) = 4e^−2|x| / (1 + e^−2|x|)² (no cancellation of 1 − tanh²).
    static func sech2(_ x: Double) -> Double {
        let e = exp(-2 * abs(x))
        let d = 1 + e
        return 4 * e / (d * d)
    }
}
