import Foundation

/// One hidden layer of a generated architecture, as written in a config (`"dense:16"`,
/// `"conv:4:3"`, `"conv:4:3:2:1"`, `"avgpool:2"`, `"gate:8"`, `"relu"`, ...).
///
/// The generator always appends a final dense layer with one output per class, so a config lists
/// the hidden layers only. A dense or gate layer after a convolutional part flattens it first.
public enum LayerSpec: Sendable, Hashable {
    /// Fully connected, `units` outputs.
    case dense(units: Int)
    /// 2-D convolution over a `[C, H, W]` input: `channels` filters of `kernel × kernel`.
    case conv(channels: Int, kernel: Int, stride: Int, padding: Int)
    /// Average pooling with a `kernel × kernel` window and the same stride (no padding).
    case averagePool(kernel: Int)
    /// Elementwise activation.
    case activation(TrainingActivation)
    /// A multiplicative (gated, attention-style) block: `(A·x + a) ⊙ (B·x + b)` with `units` outputs.
    case gate(units: Int)

    /// Parses the config spelling; nil when the text is not a layer.
    public init?(_ text: String) {
        let parts = text.lowercased().split(separator: ":").map { String($0).trimmingCharacters(in: .whitespaces) }
        let numbers = parts.dropFirst().compactMap { Int($0) }
        guard numbers.count == parts.count - 1, numbers.allSatisfy({ $0 >= 0 }) else { return nil }
        switch (parts.first ?? "", numbers.count) {
        case ("dense", 1) where numbers[0] > 0: self = .dense(units: numbers[0])
        case ("gate", 1) where numbers[0] > 0: self = .gate(units: numbers[0])
        case ("avgpool", 1) where numbers[0] > 0: self = .averagePool(kernel: numbers[0])
        case ("conv", 2) where numbers[0] > 0 && numbers[1] > 0:
            self = .conv(channels: numbers[0], kernel: numbers[1], stride: 1, padding: 0)
        case ("conv", 4) where numbers[0] > 0 && numbers[1] > 0 && numbers[2] > 0:
            self = .conv(channels: numbers[0], kernel: numbers[1], stride: numbers[2], padding: numbers[3])
        case (let name, 0):
            guard let a = TrainingActivation(rawValue: name) else { return nil }
            self = .activation(a)
        default: return nil
        }
    }

    /// The config spelling (inverse of `init?(_:)`).
    public var text: String {
        switch self {
        case .dense(let n): "dense:\(n)"
        case .gate(let n): "gate:\(n)"
        case .averagePool(let k): "avgpool:\(k)"
        case .conv(let c, let k, 1, 0): "conv:\(c):\(k)"
        case .conv(let c, let k, let s, let p): "conv:\(c):\(k):\(s):\(p)"
        case .activation(let a): a.rawValue
        }
    }
}
