extension GeneratorConfig {
    /// The built-in default: twelve small models covering MLPs of several depths and widths, CNNs
    /// with one to three convolutions and average pooling, and two multiplicative (gated) blocks,
    /// with ReLU, Sigmoid, Tanh, GELU and SiLU; inputs of 6 to 36 values; radii 0.0625 to 0.125; planted points off the faces.
    /// Sized so the whole run takes minutes on two cores (see specs/soundness-bench.md).
    public static var standard: GeneratorConfig {
        var c = GeneratorConfig(seed: 2024)
        c.models = [
            ModelConfig(name: "mlp-relu-8-256x32", inputShape: [8], classes: 2, layers: ["dense:256", "relu", "dense:32", "relu"],
                        epsilon: 0.125, planted: 4, clean: 2, placement: .offFace),
            ModelConfig(name: "mlp-relu-6-192x64x32", inputShape: [6], layers: ["dense:192", "relu", "dense:64", "relu", "dense:32", "relu"],
                        epsilon: 0.125, planted: 4, clean: 2, placement: .offFace),
            ModelConfig(name: "mlp-relu-16-256x32", inputShape: [16], classes: 2, layers: ["dense:256", "relu", "dense:32", "relu"],
                        epsilon: 0.0625, planted: 4, clean: 2, placement: .offFace),
            ModelConfig(name: "mlp-sigmoid-6-128x32", inputShape: [6], classes: 2, layers: ["dense:128", "sigmoid", "dense:32", "sigmoid"],
                        epsilon: 0.125, planted: 4, clean: 2, placement: .offFace),
            ModelConfig(name: "mlp-tanh-8-128x32x16", inputShape: [8], classes: 2,
                        layers: ["dense:128", "tanh", "dense:32", "tanh", "dense:16", "tanh"],
                        epsilon: 0.1, planted: 4, clean: 2, placement: .offFace),
            ModelConfig(name: "mlp-gelu-10-256x32", inputShape: [10], classes: 2, layers: ["dense:256", "gelu", "dense:32", "gelu"],
                        epsilon: 0.1, planted: 4, clean: 2, placement: .offFace),
            ModelConfig(name: "mlp-silu-8-256x32", inputShape: [8], classes: 2, layers: ["dense:256", "silu", "dense:32", "silu"],
                        epsilon: 0.125, planted: 4, clean: 2, placement: .offFace),
            ModelConfig(name: "cnn-relu-1x6x6-c1", inputShape: [1, 6, 6], classes: 2,
                        layers: ["conv:8:3", "relu", "avgpool:2", "dense:160", "relu", "dense:32", "relu"],
                        epsilon: 0.0625, planted: 4, clean: 2, placement: .offFace, epochs: 1500),
            ModelConfig(name: "cnn-tanh-1x8x8-c2", inputShape: [1, 8, 8], classes: 2,
                        layers: ["conv:8:3", "tanh", "conv:8:3", "tanh", "avgpool:2", "dense:64", "tanh", "dense:16", "tanh"],
                        epsilon: 0.0625, planted: 3, clean: 2, placement: .offFace, epochs: 1000),
            ModelConfig(name: "cnn-gelu-1x8x8-c3", inputShape: [1, 8, 8],
                        layers: ["conv:4:3:1:1", "gelu", "conv:8:3", "gelu", "conv:8:3", "gelu", "avgpool:2", "dense:128", "gelu", "dense:16", "gelu"],
                        epsilon: 0.0625, planted: 3, clean: 2, placement: .offFace, epochs: 400),
            ModelConfig(name: "gate-relu-8", inputShape: [8], classes: 2, layers: ["dense:160", "relu", "gate:16", "dense:32", "relu"],
                        epsilon: 0.125, planted: 4, clean: 2, placement: .offFace),
            ModelConfig(name: "gate-silu-6", inputShape: [6], layers: ["gate:64", "dense:32", "silu"],
                        epsilon: 0.125, planted: 4, clean: 2, placement: .offFace),
        ]
        return c
    }
}
