/// Why a `RobustnessSpec` does not describe a valid property.
public enum RobustnessSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    case emptyCenter
    /// `center[index]` is NaN or infinite.
    case nonFiniteCenter(index: Int, value: Double)
    /// ε must be finite and `>= 0`.
    case invalidEpsilon(Double)
    /// A classification property needs at least two classes.
    case tooFewOutputs(Int)
    case labelOutOfRange(label: Int, outputCount: Int)
    case targetOutOfRange(target: Int, outputCount: Int)
    /// The target class must differ from the true label.
    case targetEqualsLabel(Int)
    /// The clipping range must have finite bounds.
    case invalidClip(lower: Double, upper: Double)
    /// The unperturbed input must itself lie in the input domain.
    case centerOutsideClip(index: Int, value: Double, lower: Double, upper: Double)

    public var description: String {
        switch self {
        case .emptyCenter:
            return "robustness specification: the center input is empty"
        case .nonFiniteCenter(let index, let value):
            return "robustness specification: center[\(index)] = \(value) is not finite"
        case .invalidEpsilon(let epsilon):
            return "robustness specification: epsilon must be finite and >= 0, got \(epsilon)"
        case .tooFewOutputs(let count):
            return "robustness specification: need at least 2 outputs (classes), got \(count)"
        case .labelOutOfRange(let label, let count):
            return "robustness specification: label \(label) is not in 0..<\(count)"
        case .targetOutOfRange(let target, let count):
            return "robustness specification: target \(target) is not in 0..<\(count)"
        case .targetEqualsLabel(let label):
            return "robustness specification: target \(label) equals the label"
        case .invalidClip(let lower, let upper):
            return "robustness specification: clip range \(lower)...\(upper) must have finite bounds"
        case .centerOutsideClip(let index, let value, let lower, let upper):
            return "robustness specification: center[\(index)] = \(value) lies outside the clip range \(lower)...\(upper)"
        }
    }
}
