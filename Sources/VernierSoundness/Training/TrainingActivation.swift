import Foundation

/// The scalar activations the generator trains with: value and derivative in Double, written
/// the same way as the core's activations so the trained network and the exported graph agree
/// to rounding.
public enum TrainingActivation: String, Sendable, Codable, CaseIterable {
    case relu, sigmoid, tanh, gelu, silu

    func value(_ x: Double) -> Double {
        switch self {
        case .relu: return x > 0 ? x : 0
        case .sigmoid: return Self.logistic(x)
        case .tanh: return Foundation.tanh(x)
        case .gelu: return 0.5 * x * (1 + erf(x / 2.0.squareRoot()))
        case .silu: return x * Self.logistic(x)
        }
    }

    func derivative(_ x: Double) -> Double {
        switch self {
        case .relu: return x > 0 ? 1 : 0
        case .sigmoid:
            let s = Self.logistic(x)
            return s * (1 - s)
        case .tanh:
            let t = Foundation.tanh(x)
            return 1 - t * t
        case .gelu:
            // Φ(x) + x·φ(x).
            let cdf = 0.5 * (1 + erf(x / 2.0.squareRoot()))
            let pdf = exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
            return cdf + x * pdf
        case .silu:
            let s = Self.logistic(x)
            return s * (1 + x * (1 - s))
        }
    }

    /// 1/(1+e^{−x}) without overflow for large |x|.
    static func logistic(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + exp(-x)) }
        let e = exp(x)
        return e / (1 + e)
    }
}
