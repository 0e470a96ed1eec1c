/// Pattern rewrites for activations written as subgraphs in ONNX exports.
public enum ActivationPatterns {
    public static let rewrites: [any GraphRewrite] = []
}
