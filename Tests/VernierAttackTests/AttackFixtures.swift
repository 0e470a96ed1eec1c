import VernierCore
import VernierSpec
import VernierTestSupport

/// Hand-made networks and properties with known answers for the attack tests.
enum AttackFixtures {
    /// `y = −Σ_i |x_i − a_i|` as Gemm → Relu → Gemm (`|t| = relu(t) + relu(−t)`): one output,
    /// largest (0) exactly at `a`, with gradient sign(a − x) pulling every coordinate towards `a`.
    static func bowl(centre a: [Double]) throws -> Graph {
        try bowls(centres: [a])
    }

    /// One bowl output per centre: `y_j = −Σ_i |x_i − a^j_i|` (see `bowl(centre:)`).
    static func bowls(centres: [[Double]]) throws -> Graph {
        let n = centres[0].count, m = centres.count
        let hidden = 2 * n * m
        var w1 = [Double](repeating: 0, count: hidden * n)
        var b1 = [Double]()
        var w2 = [Double](repeating: 0, count: m * hidden)
        for (j, a) in centres.enumerated() {
            let base = 2 * n * j
            for i in 0..<n {
                w1[(base + i) * n + i] = 1         // unit base + i:     x_i − a_i
                w1[(base + n + i) * n + i] = -1    // unit base + n + i: a_i − x_i
            }
            b1 += a.map { -$0 } + a
            for u in base..<(base + 2 * n) { w2[j * hidden + u] = -1 }
        }
        let doc = ModelDocument(
            name: "bowls",
            inputs: [ValueInfo(name: "x", shape: [.fixed(1), .fixed(n)])],
            outputs: [ValueInfo(name: "y")],
            initializers: [
                TensorData(name: "W1", shape: [hidden, n], doubles: w1),
                TensorData(name: "b1", shape: [hidden], doubles: b1),
                TensorData(name: "W2", shape: [m, hidden], doubles: w2),
                TensorData(name: "b2", shape: [m], doubles: [Double](repeating: 0, count: m)),
            ],
            nodes: [
                NodeDocument(name: "fc1", opType: "Gemm", inputs: ["x", "W1", "b1"], outputs: ["z"], attributes: ["transB": .int(1)]),
                NodeDocument(name: "relu", opType: "Relu", inputs: ["z"], outputs: ["h"]),
                NodeDocument(name: "fc2", opType: "Gemm", inputs: ["h", "W2", "b2"], outputs: ["y"], attributes: ["transB": .int(1)]),
            ],
            opsets: ["": 17])
        return try GraphBuilder().build(doc)
    }

    /// Violated where `y ≥ −radius`, i.e. `Σ|x_i − a_i| ≤ radius` for the bowl: `−y ≤ radius`.
    static func nearCentre(radius: Double) -> Conjunction {
        Conjunction(constraints: [OutputConstraint(coefficients: [-1], rhs: radius)])
    }

    /// `y = 0.5 · Σ relu(W x + b) + 1` with random W, b: every output is at least 1.
    static func positive(inputs: Int, hidden: Int, seed: UInt64) throws -> Graph {
        var rng = SeededGenerator(seed: seed)
        let doc = ModelDocument(
            name: "positive",
            inputs: [ValueInfo(name: "x", shape: [.fixed(1), .fixed(inputs)])],
            outputs: [ValueInfo(name: "y")],
            initializers: [
                TensorData(name: "W1", shape: [hidden, inputs], doubles: rng.uniformArray(hidden * inputs, -2...2)),
                TensorData(name: "b1", shape: [hidden], doubles: rng.uniformArray(hidden, -1...1)),
                TensorData(name: "W2", shape: [1, hidden], doubles: [Double](repeating: 0.5, count: hidden)),
                TensorData(name: "b2", shape: [1], doubles: [1]),
            ],
            nodes: [
                NodeDocument(name: "fc1", opType: "Gemm", inputs: ["x", "W1", "b1"], outputs: ["z"], attributes: ["transB": .int(1)]),
                NodeDocument(name: "relu", opType: "Relu", inputs: ["z"], outputs: ["h"]),
                NodeDocument(name: "fc2", opType: "Gemm", inputs: ["h", "W2", "b2"], outputs: ["y"], attributes: ["transB": .int(1)]),
            ],
            opsets: ["": 17])
        return try GraphBuilder().build(doc)
    }

    /// `y = relu(10 · (x_0 − 0.8))` on two inputs: flat (zero gradient) wherever `x_0 ≤ 0.8`.
    static func ledge() throws -> Graph {
        let doc = ModelDocument(
            name: "ledge",
            inputs: [ValueInfo(name: "x", shape: [.fixed(1), .fixed(2)])],
            outputs: [ValueInfo(name: "y")],
            initializers: [
                TensorData(name: "W", shape: [1, 2], doubles: [10, 0]),
                TensorData(name: "b", shape: [1], doubles: [-8]),
            ],
            nodes: [
                NodeDocument(name: "fc", opType: "Gemm", inputs: ["x", "W", "b"], outputs: ["z"], attributes: ["transB": .int(1)]),
                NodeDocument(name: "relu", opType: "Relu", inputs: ["z"], outputs: ["y"]),
            ],
            opsets: ["": 17])
        return try GraphBuilder().build(doc)
    }

    /// The box `[lower, upper]^n`.
    static func cube(_ n: Int, _ lower: Double, _ upper: Double) -> InputBox {
        InputBox(lower: [Double](repeating: lower, count: n), upper: [Double](repeating: upper, count: n))
    }
}
