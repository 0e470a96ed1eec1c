extension GeneratorConfig {
    /// The built-in default: twelve small models covering MLPs of several depths and widths, CNNs
    /// with one to three convolutions and average pooling, and two multiplicative (gated) blocks,
    /// with ReLU, Sigmoid, Tanh, GELU and SiLU; inputs of 4 to 72 values; radii 0.0625 to 0.25.
    /// Sized so the whole run takes minutes on two cores (see specs/soundness-bench.md).
    public static var standard: GeneratorConfig {
        var c = GeneratorConfig(seed: 2024)
        c.models = [
            ModelConfig(name: "mlp-relu-4-16x2", inputShape: [4], classes: 2, layers: ["dense:16", "relu", "dense:16", "relu"],
                        epsilon: 0.125, planted: 4, clean: 2),
            ModelConfig(name: "mlp-relu-8-32x3", inputShape: [8], layers: ["dense:32", "relu", "dense:32", "relu", "dense:32", "relu"],
                        epsilon: 0.125, planted: 4, clean: 2, placement: .mixed),
            ModelConfig(name: "mlp-relu-16-64", inputShape: [16], layers: ["dense:64", "relu", "dense:32", "relu"],
                        epsilon: 0.0625, planted: 4, clean: 2, placement: .mixed),
            ModelConfig(name: "mlp-sigmoid-6-24x2", inputShape: [6], layers: ["dense:24", "sigmoid", "dense:24", "sigmoid"],
                        epsilon: 0.125, planted: 4, clean: 2),
            ModelConfig(name: "mlp-tanh-8-16x3", inputShape: [8], layers: ["dense:16", "tanh", "dense:16", "tanh", "dense:16", "tanh"],
                        epsilon: 0.1, planted: 4, clean: 2),
            ModelConfig(name: "mlp-gelu-10-32x2", inputShape: [10], layers: ["dense:32", "gelu", "dense:16", "gelu"],
                        epsilon: 0.1, planted: 4, clean: 2),
            ModelConfig(name: "mlp-silu-8-32", inputShape: [8], layers: ["dense:32", "silu"],
                        epsilon: 0.125, planted: 4, clean: 2),
            ModelConfig(name: "cnn-relu-1x6x6-c1", inputShape: [1, 6, 6], layers: ["conv:4:3", "relu", "avgpool:2", "dense:16", "relu"],
                        epsilon: 0.0625, planted: 4, clean: 2, epochs: 2000),
            ModelConfig(name: "cnn-tanh-1x8x8-c2", inputShape: [1, 8, 8], classes: 2,
                        layers: ["conv:4:3", "tanh", "conv:8:3", "tanh", "avgpool:2", "dense:16", "tanh"],
                        epsilon: 0.0625, planted: 3, clean: 2, epochs: 1500),
            ModelConfig(name: "cnn-gelu-2x6x6-c3", inputShape: [2, 6, 6],
                        layers: ["conv:4:3:1:1", "gelu", "conv:4:3", "gelu", "conv:8:3", "gelu", "avgpool:2", "dense:16", "gelu"],
                        epsilon: 0.0625, planted: 3, clean: 2, epochs: 1500),
            ModelConfig(name: "gate-relu-8", inputShape: [8], layers: ["dense:16", "relu", "gate:8", "dense:16", "relu"],
                        epsilon: 0.125, planted: 4, clean: 2),
            ModelConfig(name: "gate-silu-6", inputShape: [6], layers: ["gate:16", "dense:16", "silu"],
                        epsilon: 0.125, planted: 4, clean: 2),
        ]
        return c
    }
}
