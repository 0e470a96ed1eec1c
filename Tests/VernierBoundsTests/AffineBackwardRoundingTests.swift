import Testing
import VernierCore
@testable import VernierBounds
import VernierTestSupport

/// The affine backward step's rounding slack, and its two dense-layer shortcuts (`Linear+BackwardShortcuts`).
@Suite struct AffineBackwardRoundingTests {
    /// An entry of A·W sums over the layer's outputs: in an expanding layer (many outputs, few
    /// inputs) the slack must use the output count. It used the input count + 1 before.
    @Test func testExpandingLayer_slackCoversTheOutputLengthDotProducts() {
        let (n, k, m) = (1000, 2, 3)
        var rng = SeededGenerator(seed: 4)
        let w = (0..<(n * k)).map { _ in rng.uniform(-1...1) }
        let linear = Linear(weights: w, outFeatures: n, inFeatures: k)
        let a = CoefficientMatrix(rows: m, columns: n, data: (0..<(m * n)).map { _ in rng.uniform(-1...1) })
        let box = IntervalTensor(lower: Tensor(shape: [1, k], data: [-1, -1]), upper: Tensor(shape: [1, k], data: [1, 1]))
        let step = AffineView(base: linear).backward(a, operandBounds: [box], parameters: nil)
        for r in 0..<m {
            // γ_n·Σ_i |A_ri|·Σ_j |W_ij|·|x_j|max: the textbook bound for an n-term dot product.
            var abs = 0.0
            for i in 0..<n { abs += Swift.abs(a.data[r * n + i]) * (Swift.abs(w[i * k]) + Swift.abs(w[i * k + 1])) }
            #expect(step.slack[r] >= FloatBounds.gamma(n) * abs, "row \(r): slack \(step.slack[r]) below γ_n·|A||W||x|")
        }
    }

    /// Fixing most input coordinates: the fast step is sound by sampling and no looser than the
    /// generic step (whose coefficients on fixed columns are concretised at their point anyway).
    @Test(arguments: [0, 1, 3])
    func testFixedInputs_soundAndAsTightAsTheGenericStep(_ free: Int) throws {
        let (n, k, m) = (40, 30, 6)
        var rng = SeededGenerator(seed: UInt64(10 + free))
        let w = (0..<(n * k)).map { _ in rng.uniform(-1...1) }
        let b = (0..<n).map { _ in rng.uniform(-1...1) }
        let linear = Linear(weights: w, outFeatures: n, inFeatures: k, bias: PeriodicBias(b))
        let a = CoefficientMatrix(rows: m, columns: n, data: (0..<(m * n)).map { _ in rng.uniform(-2...2) })
        var lower = (0..<k).map { _ in rng.uniform(-1...1) }
        var upper = lower
        for j in 0..<free { lower[j] -= 0.1; upper[j] += 0.2 }
        let box = IntervalTensor(lower: Tensor(shape: [1, k], data: lower), upper: Tensor(shape: [1, k], data: upper))
        let fast = try #require(linear.backwardFixingPoints(a, operand: box))
        let generic = AffineView(base: linear).backward(a, operandBounds: [box], parameters: nil)
        let coefficients = try #require(fast.operandCoefficients[0])
        let fastBound = LinearFormBounds.lowerBounds(of: coefficients, lower: lower, upper: upper)
        let genericBound = LinearFormBounds.lowerBounds(of: try #require(generic.operandCoefficients[0]), lower: lower, upper: upper)
        for r in 0..<m {
            // Fixed columns carry no coefficient: their contribution is in the bias.
            for j in free..<k { #expect(coefficients.data[r * k + j] == 0) }
            let fastTotal = fastBound[r] + fast.bias[r] - fast.slack[r]
            let genericTotal = genericBound[r] + generic.bias[r] - generic.slack[r]
            #expect(fastTotal >= genericTotal - 1e-9, "row \(r): fixed-input step looser (\(fastTotal) < \(genericTotal))")
        }
        for s in 0..<500 {
            let x = (0..<k).map { j in s == 0 ? lower[j] : (s == 1 ? upper[j] : lower[j] + (upper[j] - lower[j]) * rng.uniform(0...1)) }
            let y = linear.forward([Tensor(shape: [1, k], data: x)], batchSize: 1).data
            for r in 0..<m {
                var exact = 0.0, form = fast.bias[r] - fast.slack[r]
                for i in 0..<n { exact += a.data[r * n + i] * y[i] }
                for j in 0..<k { form += coefficients.data[r * k + j] * x[j] }
                #expect(exact >= form - 1e-9, "row \(r): A·y = \(exact) below the linear bound \(form)")
            }
        }
    }

    /// Rows that each select one output (±e_i, or a scaled one): the step copies weight rows and
    /// agrees with the generic product; a dense row makes it decline.
    @Test func testSelectingRows_matchTheGenericStep() throws {
        let (n, k) = (50, 20)
        var rng = SeededGenerator(seed: 77)
        let w = (0..<(n * k)).map { _ in rng.uniform(-1...1) }
        let linear = Linear(weights: w, outFeatures: n, inFeatures: k, bias: PeriodicBias((0..<n).map { _ in rng.uniform(-1...1) }))
        // 1 row per output and sign, plus a scaled one and an all-zero one.
        var data = [Double]()
        for i in 0..<n { for sign in [1.0, -1.0] { var row = [Double](repeating: 0, count: n); row[i] = sign; data += row } }
        var scaled = [Double](repeating: 0, count: n); scaled[7] = 0.3
        data += scaled + [Double](repeating: 0, count: n)
        let a = CoefficientMatrix(rows: 2 * n + 2, columns: n, data: data)
        let box = IntervalTensor(lower: Tensor(shape: [1, 1, k], data: (0..<k).map { _ in rng.uniform(-1...0) }),
                                 upper: Tensor(shape: [1, 1, k], data: (0..<k).map { _ in rng.uniform(0...1) }))
        let fast = try #require(linear.backwardSelectingRows(a, operand: box))
        // `Linear.backward` takes the shortcut itself now; `AffineView` reaches the generic step.
        let generic = AffineView(base: linear).backward(a, operandBounds: [box], parameters: nil)
        #expect(linear.backward(a, operandBounds: [box], parameters: nil).operandCoefficients[0]?.data == fast.operandCoefficients[0]?.data)
        let fc = try #require(fast.operandCoefficients[0]), gc = try #require(generic.operandCoefficients[0])
        for e in fc.data.indices { #expect(abs(fc.data[e] - gc.data[e]) <= 1e-15 * max(1, abs(gc.data[e]))) }
        let fb = LinearFormBounds.lowerBounds(of: fc, lower: box.lower.data, upper: box.upper.data)
        let gb = LinearFormBounds.lowerBounds(of: gc, lower: box.lower.data, upper: box.upper.data)
        for r in 0..<a.rows {
            #expect(fb[r] + fast.bias[r] - fast.slack[r] >= gb[r] + generic.bias[r] - generic.slack[r] - 1e-12)
        }
        var dense = a
        dense.data[3] = 0.5
        #expect(linear.backwardSelectingRows(dense, operand: box) == nil)
    }

    @Test func testFixedInputs_declinesWhenMostCoordinatesAreFree() {
        let linear = Linear(weights: [Double](repeating: 1, count: 8), outFeatures: 2, inFeatures: 4)
        let box = IntervalTensor(lower: Tensor(shape: [1, 4], data: [0, 0, 0, 1]), upper: Tensor(shape: [1, 4], data: [1, 1, 1, 1]))
        let a = CoefficientMatrix(rows: 1, columns: 2, data: [1, -1])
        #expect(linear.backwardFixingPoints(a, operand: box) == nil)
    }
    /// A dense coefficient matrix on a vector operand: `Linear.backward` computes A·W with one GEMM
    /// on A (bit for bit the generic VJP's product), its bias from the exact bias vector and its
    /// slack from one matrix–vector product. The slack must still cover γ_n·|A||W||x| of an
    /// expanding layer, and the step must be sound by sampling.
    @Test func testVectorStep_matchesTheGenericStepAndIsSound() throws {
        let (n, k, m) = (300, 7, 4)
        var rng = SeededGenerator(seed: 21)
        let w = (0..<(n * k)).map { _ in rng.uniform(-1...1) }
        let b = (0..<n).map { _ in rng.uniform(-2...2) }
        let linear = Linear(weights: w, outFeatures: n, inFeatures: k, bias: PeriodicBias(b))
        let a = CoefficientMatrix(rows: m, columns: n, data: (0..<(m * n)).map { _ in rng.uniform(-1...1) })
        let lo = (0..<k).map { _ in rng.uniform(-1...0) }, hi = lo.map { $0 + rng.uniform(0...2) }
        let box = IntervalTensor(lower: Tensor(shape: [1, k], data: lo), upper: Tensor(shape: [1, k], data: hi))
        let fast = try #require(linear.backwardOnVector(a, operand: box))
        #expect(linear.backward(a, operandBounds: [box], parameters: nil).operandCoefficients[0]?.data == fast.operandCoefficients[0]?.data)
        let generic = AffineView(base: linear).backward(a, operandBounds: [box], parameters: nil)
        let fc = try #require(fast.operandCoefficients[0]), gc = try #require(generic.operandCoefficients[0])
        #expect(fc.data == gc.data)
        for r in 0..<m {
            #expect(abs(fast.bias[r] - generic.bias[r]) <= 1e-12 * (1 + abs(generic.bias[r])))
            var abs = 0.0
            for i in 0..<n {
                var row = 0.0
                for j in 0..<k { row += Swift.abs(w[i * k + j]) * max(Swift.abs(lo[j]), Swift.abs(hi[j])) }
                abs += Swift.abs(a.data[r * n + i]) * row
            }
            #expect(fast.slack[r] >= FloatBounds.gamma(n) * abs, "row \(r): slack \(fast.slack[r]) below γ_n·|A||W||x|")
        }
        // Sampling (corners included): A·(W·x + b) ≥ Â·x + bias − slack.
        for s in 0..<500 {
            let x = (0..<k).map { j in s < 2 ? (s == 0 ? lo[j] : hi[j]) : rng.uniform(lo[j]...hi[j]) }
            let y = linear.forward([Tensor(shape: [1, k], data: x)], batchSize: 1).data
            for r in 0..<m {
                var exact = 0.0, form = fast.bias[r] - fast.slack[r]
                for i in 0..<n { exact += a.data[r * n + i] * y[i] }
                for j in 0..<k { form += fc.data[r * k + j] * x[j] }
                #expect(exact >= form - 1e-9 * (1 + Swift.abs(exact)))
            }
        }
    }

    /// A reshape keeps the element order: its backward step hands the coefficients on unchanged,
    /// with no bias and no slack.
    @Test func testReshapeStep_passesCoefficientsThrough() throws {
        let reshape = try Reshape(inputShape: [1, 4, 3], resultShape: [12])
        let a = CoefficientMatrix(rows: 2, columns: 12, data: (0..<24).map { Double($0) - 11.5 })
        let box = IntervalTensor(lower: Tensor.zeros([1, 1, 4, 3]), upper: Tensor(shape: [1, 1, 4, 3], data: [Double](repeating: 1, count: 12)))
        let step = reshape.backward(a, operandBounds: [box], parameters: nil)
        #expect(step.operandCoefficients[0]?.data == a.data)
        #expect(step.bias == [0, 0] && step.slack == [0, 0])
        let generic = AffineView(base: reshape).backward(a, operandBounds: [box], parameters: nil)
        #expect(generic.operandCoefficients[0]?.data == a.data)
    }
    /// Data movement is not always bias-free: a concat with a constant piece has y(0) ≠ 0, and its
    /// step must carry A·constant as bias. (A shortcut that took the bias of every data-movement
    /// step as 0 made the Lipschitz bounds of Jacobian graphs, which concatenate constants, wrong.)
    @Test func testConcatWithConstant_carriesTheConstantAsBias() throws {
        let constant = Tensor(shape: [2], data: [3, -5])
        let concat = try Concat(axis: 0, pieces: [.operand(shape: [2]), .constant(constant)])
        // Rows: the first constant element, minus the second, and the first operand element.
        let a = CoefficientMatrix(rows: 3, columns: 4, data: [0, 0, 1, 0,   0, 0, 0, -1,   1, 0, 0, 0])
        let box = IntervalTensor(lower: Tensor(shape: [1, 2], data: [-1, -1]), upper: Tensor(shape: [1, 2], data: [1, 1]))
        let step = concat.backward(a, operandBounds: [box], parameters: nil)
        #expect(step.bias[0] <= 3 && step.bias[0] > 3 - 1e-12)
        #expect(step.bias[1] <= 5 && step.bias[1] > 5 - 1e-12)
        #expect(step.bias[2] <= 0 && step.bias[2] > -1e-12)
    }
    /// α-CROWN's relaxed values through a dense layer on a box that fixes most inputs: the
    /// free-column product plus a constant equals the plain forward pass (to rounding), and the
    /// shortcut declines when most inputs are free.
    @Test func testForwardFixingPoints_matchesTheForwardPass() throws {
        let (n, k, m) = (12, 30, 5)
        var rng = SeededGenerator(seed: 31)
        let linear = Linear(weights: (0..<(n * k)).map { _ in rng.uniform(-1...1) }, outFeatures: n, inFeatures: k,
                            bias: PeriodicBias((0..<n).map { _ in rng.uniform(-1...1) }))
        var lo = (0..<k).map { _ in rng.uniform(-1...1) }
        var hi = lo
        for j in [2, 9, 17] { hi[j] = lo[j] + 0.5 }
        let box = IntervalTensor(lower: Tensor(shape: [1, k], data: lo), upper: Tensor(shape: [1, k], data: hi))
        let x = (0..<(m * k)).map { e in rng.uniform(lo[e % k]...hi[e % k]) }
        let fast = try #require(linear.forwardFixingPoints(rows: x, box: box))
        let plain = linear.forward([Tensor(shape: [m, k], data: x)], batchSize: m).data
        for e in plain.indices { #expect(abs(fast[e] - plain[e]) <= 1e-12 * (1 + abs(plain[e]))) }
        lo = lo.map { $0 - 1 }
        hi = hi.map { $0 + 1 }
        let wide = IntervalTensor(lower: Tensor(shape: [1, k], data: lo), upper: Tensor(shape: [1, k], data: hi))
        #expect(linear.forwardFixingPoints(rows: x, box: wide) == nil)
    }
}
