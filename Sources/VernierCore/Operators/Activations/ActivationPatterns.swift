/// Pattern rewrites for activations written as subgraphs in ONNX exports: `x * Sigmoid(x)` becomes
/// `Silu`, `x * Sigmoid(β·x)` becomes `Swish`, and PyTorch's `0.5·x·(1 + erf(x/√2))` becomes the
/// exact `Gelu`, so that bound engines use the activation's own facts instead of a product.
public enum ActivationPatterns {
    public static let rewrites: [any GraphRewrite] = [SiluFusion(), GeluErfFusion()]
}
