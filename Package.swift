// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Vernier",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Vernier", targets: ["VernierCore", "VernierIO", "VernierSpec", "VernierBounds", "VernierLP", "VernierAttack", "VernierBaB", "VernierVerify",
                                           "VernierLipschitz", "VernierSoundness", "VernierReport"]),
        .executable(name: "vernier", targets: ["vernier"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.28.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // System libraries, reached through module maps.
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK",
                       providers: [.apt(["libglpk-dev"])]),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS",
                       providers: [.apt(["libopenblas-dev"])]),
        // glibc's mallopt (libc itself; no package).
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),

        // The network core: tensors, the graph IR, forward evaluation, gradients.
        .target(name: "VernierCore", dependencies: [
            "CBLAS", "CMalloc",
            .product(name: "Numerics", package: "swift-numerics"),
        ]),
        // Model files: the JSON model format and ONNX (protobuf), both ways.
        .target(name: "VernierIO", dependencies: [
            "VernierCore",
            .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        ]),
        // Properties: VNN-LIB, robustness specifications, input data files.
        .target(name: "VernierSpec", dependencies: ["VernierCore"]),
        // Sound bounds: interval bound propagation (and later CROWN / alpha-CROWN).
        .target(name: "VernierBounds", dependencies: [
            "VernierCore",
            .product(name: "Numerics", package: "swift-numerics"),
        ]),
        // Falsification: PGD on the property's violation margin; every hit re-checked.
        .target(name: "VernierAttack", dependencies: ["VernierCore", "VernierSpec"]),
        // Branch and bound: input splitting (and later activation splitting) over the bound engine.
        .target(name: "VernierBaB", dependencies: ["VernierCore", "VernierSpec", "VernierBounds", "VernierLP"]),
        // A small LP layer over GLPK.
        .target(name: "VernierLP", dependencies: ["CGLPK"]),
        // Verification pipeline: methods, verdicts, result files.
        .target(name: "VernierVerify", dependencies: [
            "VernierCore", "VernierSpec", "VernierBounds", "VernierAttack", "VernierBaB",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Local Lipschitz constants and monotonicity: bounds on the Clarke Jacobian, sandwiched by sampling.
        .target(name: "VernierLipschitz", dependencies: ["VernierCore", "VernierSpec", "VernierBounds", "VernierBaB"]),
        // Soundness benchmarks: networks trained with hidden counterexamples, and a runner that judges verifiers.
        .target(name: "VernierSoundness", dependencies: [
            "VernierCore", "VernierIO", "VernierSpec", "VernierAttack", "VernierVerify",
            .product(name: "Yams", package: "Yams"),
        ]),
        // Robustness reports (HTML/Markdown/JSON), suites, baselines and CI outputs (JUnit), shards.
        .target(name: "VernierReport", dependencies: [
            "VernierCore", "VernierIO", "VernierSpec", "VernierVerify", "VernierLipschitz",
            .product(name: "Yams", package: "Yams"),
        ]),
        // The command-line interface (thin: parsing, calling libraries, exit codes).
        .executableTarget(name: "vernier", dependencies: [
            "VernierCore", "VernierIO", "VernierSpec", "VernierBounds", "VernierLP", "VernierBaB", "VernierVerify",
            "VernierLipschitz", "VernierSoundness", "VernierReport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Measurements that are not tests (benchmarks/).
        .executableTarget(name: "vernier-bench", dependencies: ["VernierCore", "VernierIO", "VernierSpec", "VernierBounds"]),

        // Shared helpers for tests (random networks, sampling, fixture paths).
        .target(name: "VernierTestSupport", dependencies: ["VernierCore", "VernierBounds"], path: "Tests/VernierTestSupport"),
        .testTarget(name: "VernierCoreTests", dependencies: ["VernierCore", "VernierTestSupport"]),
        .testTarget(name: "VernierIOTests", dependencies: ["VernierIO", "VernierCore", "VernierTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "VernierSpecTests", dependencies: ["VernierSpec", "VernierCore", "VernierTestSupport"]),
        .testTarget(name: "VernierBoundsTests", dependencies: ["VernierBounds", "VernierCore", "VernierIO", "VernierTestSupport"],
                    exclude: ["Regression"]),
        .testTarget(name: "VernierLPTests", dependencies: ["VernierLP"]),
        .testTarget(name: "VernierBaBTests", dependencies: ["VernierBaB", "VernierLP", "VernierBounds", "VernierCore", "VernierSpec", "VernierIO", "VernierTestSupport"]),
        .testTarget(name: "VernierAttackTests", dependencies: ["VernierAttack", "VernierCore", "VernierSpec", "VernierIO", "VernierTestSupport"]),
        .testTarget(name: "VernierLipschitzTests", dependencies: ["VernierLipschitz", "VernierBounds", "VernierCore", "VernierSpec", "VernierIO", "VernierTestSupport"]),
        .testTarget(name: "VernierSoundnessTests", dependencies: ["VernierSoundness", "VernierVerify", "VernierCore", "VernierSpec", "VernierIO", "VernierTestSupport"]),
        .testTarget(name: "VernierReportTests", dependencies: ["VernierReport", "VernierVerify", "VernierCore", "VernierSpec", "VernierIO", "VernierTestSupport"]),
        .testTarget(name: "VernierCLITests", dependencies: ["VernierVerify", "VernierIO", "VernierSpec", "VernierCore", "VernierTestSupport"]),
    ]
)
