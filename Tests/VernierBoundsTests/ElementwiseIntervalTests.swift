import Testing
import VernierBounds
import VernierCore
import VernierTestSupport

/// Random boxes of a batched shape, as operands of one operator.
private func boxes(_ shapes: [[Int]], count: Int, seed: UInt64, range: ClosedRange<Double> = -3...3,
                   maxWidth: Double = 2) -> [[IntervalTensor]] {
    var rng = SeededGenerator(seed: seed)
    return (0..<count).map { _ in
        shapes.map { OperatorChecks.randomBox(shape: $0, range: range, maxWidth: maxWidth, rng: &rng) }
    }
}

/// Every sample of every box stays inside the operator's bounds.
private func expectSound(_ op: any IntervalPropagating, _ shapes: [[Int]], count: Int = 25, seed: UInt64 = 1,
                         range: ClosedRange<Double> = -3...3, maxWidth: Double = 2,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    for (k, box) in boxes(shapes, count: count, seed: seed, range: range, maxWidth: maxWidth).enumerated() {
        let violations = OperatorChecks.intervalViolations(op, boxes: box, samples: 300, seed: UInt64(k))
        #expect(violations.isEmpty, "\(op.kind) box \(k): \(violations.prefix(2))", sourceLocation: sourceLocation)
    }
}

/// Bounds of a point box are the forward value within a few ulps (`relative` 1e-14), or within the
/// assumed libm error for operators evaluated by libm.
private func expectTightAtPoints(_ op: any IntervalPropagating, _ points: [Tensor], relative: Double = 1e-14,
                                 sourceLocation: SourceLocation = #_sourceLocation) {
    let b = op.interval(points.map { IntervalTensor(point: $0) })
    let y = op.forward(points, batchSize: points[0].batchSize)
    for i in y.data.indices {
        let slack = relative * max(1, abs(y.data[i]))
        #expect(b.lower.data[i] <= y.data[i] && y.data[i] <= b.upper.data[i], sourceLocation: sourceLocation)
        #expect(b.upper.data[i] - b.lower.data[i] <= slack, "\(op.kind) element \(i)", sourceLocation: sourceLocation)
    }
}

@Suite("Elementwise interval bounds")
struct ElementwiseIntervalTests {
    @Test func constantBinaryIsSoundAndTight() throws {
        let c = Tensor(shape: [2, 1, 3], data: [1.5, -2, 0.75, 3, -0.5, 1e-3])
        for operation in ConstantBinary.Operation.allCases {
            let op = try ConstantBinary(operation, constant: c, inputShape: [4, 3])
            expectSound(op, [[2, 4, 3]], seed: 3)
            expectTightAtPoints(op, [Tensor(shape: [1, 4, 3], data: (0..<12).map { Double($0) * 0.37 - 2 })])
        }
        // Multiplying by zero is exactly zero, even for an unbounded operand.
        let zero = try ConstantBinary(.multiply, constant: Tensor(scalar: 0), inputShape: [1])
        let b = zero.interval([IntervalTensor(lower: Tensor(shape: [1, 1], data: [-.infinity]), upper: Tensor(shape: [1, 1], data: [.infinity]))])
        #expect(b.lower.data == [0] && b.upper.data == [0])
    }

    @Test func scaledReciprocal() throws {
        let op = try ScaledReciprocal(numerator: Tensor(shape: [3], data: [2, -1, 0.5]), inputShape: [2, 3])
        expectSound(op, [[1, 2, 3]], seed: 4, range: 0.5...3, maxWidth: 0.8)
        expectSound(op, [[1, 2, 3]], seed: 5, range: -3 ... -0.5, maxWidth: 0.8)
        expectSound(op, [[3, 2, 3]], seed: 6)  // boxes across 0: unbounded, still sound
        let across = op.interval([IntervalTensor(lower: Tensor(shape: [1, 2, 3], repeating: -1), upper: Tensor(shape: [1, 2, 3], repeating: 1))])
        #expect(across.lower.data.allSatisfy { $0 == -.infinity } && across.upper.data.allSatisfy { $0 == .infinity })
        expectTightAtPoints(op, [Tensor(shape: [1, 2, 3], data: [0.3, 1, 2, -0.7, 5, 1.1])])
    }

    @Test func variableArithmetic() throws {
        let ops: [any IntervalPropagating] = [try Add(shapes: [2, 3], [3]), try Sub(shapes: [2, 3], [3]),
                                              try Mul(shapes: [2, 3], [3]), try Div(shapes: [3], [2, 3])]
        for op in ops {
            let shapes = op is Div ? [[2, 3], [2, 2, 3]] : [[2, 2, 3], [2, 3]]
            expectSound(op, shapes, count: 15, seed: 7)
            var rng = SeededGenerator(seed: 2)
            expectTightAtPoints(op, shapes.map { Tensor(shape: $0, data: rng.uniformArray(Shape.count($0), 0.5...3)) })
        }
        // Division by boxes that exclude 0.
        expectSound(try Div(shapes: [3], [3]), [[2, 3], [2, 3]], seed: 8, range: 1...3, maxWidth: 1)
    }

    @Test func divisionByAnIntervalWithZeroIsTheWholeLine() throws {
        let op = try Div(shapes: [2], [2])
        let a = IntervalTensor(lower: Tensor(shape: [1, 2], data: [1, -.infinity]), upper: Tensor(shape: [1, 2], data: [2, .infinity]))
        let b = IntervalTensor(lower: Tensor(shape: [1, 2], data: [0, -1]), upper: Tensor(shape: [1, 2], data: [1, 1]))
        let q = op.interval([a, b])
        #expect(q.lower.data == [-.infinity, -.infinity])
        #expect(q.upper.data == [.infinity, .infinity])
        // Unbounded operands never produce NaN.
        let unbounded = IntervalTensor(lower: Tensor(shape: [1, 2], repeating: -.infinity), upper: Tensor(shape: [1, 2], repeating: .infinity))
        let positive = IntervalTensor(lower: Tensor(shape: [1, 2], repeating: 1), upper: Tensor(shape: [1, 2], repeating: .infinity))
        for r in [op.interval([unbounded, positive]), try Mul(shapes: [2], [2]).interval([unbounded, unbounded]),
                  try Add(shapes: [2], [2]).interval([unbounded, unbounded])] {
            #expect(!r.lower.data.contains { $0.isNaN } && !r.upper.data.contains { $0.isNaN })
        }
    }

    @Test func negIsExact() throws {
        expectSound(Neg(), [[2, 3]])
        let b = Neg().interval([IntervalTensor(lower: Tensor(shape: [1, 2], data: [-1, 2]), upper: Tensor(shape: [1, 2], data: [3, 2]))])
        #expect(b.lower.data == [-3, -2] && b.upper.data == [1, -2])
    }

    @Test(arguments: [2.0, 3, 4, 5, -1, -2, -3, 0, 1])
    func integerPowers(p: Double) throws {
        let op = try Pow(exponent: Tensor(scalar: p), inputShape: [6])
        expectSound(op, [[1, 6]], seed: 10)
        expectSound(op, [[3, 6]], count: 5, seed: 11)
        var rng = SeededGenerator(seed: 4)
        // Squares are products (one rounding); other powers carry libm's assumed error (2^-44).
        expectTightAtPoints(op, [Tensor(shape: [1, 6], data: rng.uniformArray(6, 0.2...3))],
                            relative: p == 2 || p == 0 || p == 1 ? 1e-15 : 4e-13)
        // A zero-free box gives finite bounds.
        let away = op.interval([IntervalTensor(lower: Tensor(shape: [1, 6], repeating: 0.5), upper: Tensor(shape: [1, 6], repeating: 2))])
        #expect(away.lower.data.allSatisfy(\.isFinite) && away.upper.data.allSatisfy(\.isFinite))
    }

    @Test func evenPowerAcrossZeroStartsAtZero() throws {
        let op = try Pow(exponent: Tensor(scalar: 2), inputShape: [1])
        let b = op.interval([IntervalTensor(lower: Tensor(shape: [1, 1], data: [-3]), upper: Tensor(shape: [1, 1], data: [2]))])
        #expect(b.lower.data == [0])
        #expect(b.upper.data[0] >= 9 && b.upper.data[0] < 9.000001)
    }

    @Test(arguments: [0.5, 1.5, -0.5, 2.5, 0.3333])
    func fractionalPowersOnTheirDomain(p: Double) throws {
        let op = try Pow(exponent: Tensor(scalar: p), inputShape: [5])
        expectSound(op, [[1, 5]], seed: 12, range: 1...4, maxWidth: 1.5)
        // Boxes reaching below 0 are clamped to the domain x ≥ 0: bounds stay ordered and NaN-free.
        let clamped = op.interval([IntervalTensor(lower: Tensor(shape: [1, 5], repeating: -2), upper: Tensor(shape: [1, 5], repeating: 4))])
        #expect(clamped.isValid)
        #expect(clamped.contains(op.forward([Tensor(shape: [1, 5], data: [0, 1, 2, 3, 4])], batchSize: 1)))
    }

    @Test func perElementExponents() throws {
        let op = try Pow(exponent: Tensor(shape: [4], data: [2, 3, -1, 0.5]), inputShape: [4])
        expectSound(op, [[2, 4]], seed: 13, range: 0.5...3, maxWidth: 1)
    }

    @Test func prelu() throws {
        for slope in [[0.25, -1.5, 0], [2, 0.01, -0.2]] {
            let op = try PRelu(slope: Tensor(shape: [3, 1], data: slope), inputShape: [3, 2])
            expectSound(op, [[1, 3, 2]], seed: 14)
            expectSound(op, [[3, 3, 2]], count: 5, seed: 15)
            expectTightAtPoints(op, [Tensor(shape: [1, 3, 2], data: [-1.3, 0.4, -2.2, 1.1, 0.7, -0.9])])
        }
        // A negative slope makes 0 the minimum of a box across 0.
        let op = try PRelu(slope: Tensor(scalar: -1), inputShape: [1])
        let b = op.interval([IntervalTensor(lower: Tensor(shape: [1, 1], data: [-2]), upper: Tensor(shape: [1, 1], data: [1]))])
        #expect(b.lower.data == [0])
        #expect(b.upper.data[0] >= 2 && b.upper.data[0] < 2.000001)
    }

    @Test func maxAndMin() throws {
        for selection in [ElementwiseExtremum.Selection.maximum, .minimum] {
            let op = try ElementwiseExtremum(selection, operandShapes: [[2, 3], [3]], constant: Tensor(shape: [3], data: [-0.5, 0, 1]))
            expectSound(op, [[2, 2, 3], [2, 3]], count: 15, seed: 15)
            expectTightAtPoints(op, [Tensor(shape: [1, 2, 3], data: [1, -2, 3, -1, 0.5, 2]), Tensor(shape: [1, 3], data: [0, 0.2, -4])])
        }
    }

    @Test func boundsOfASmallGraph() throws {
        // y = PRelu(x·c + d) / 2 − x², through IntervalBoundPropagation.
        let g = try NodeHarness.graph(inputShape: [1, 3], nodes: [
            NodeHarness.node("Mul", ["x", "c"], "a"), NodeHarness.node("Add", ["a", "d"], "b"),
            NodeHarness.node("PRelu", ["b", "s"], "r"), NodeHarness.node("Div", ["r", "two"], "h"),
            NodeHarness.node("Pow", ["x", "two"], "sq"), NodeHarness.node("Sub", ["h", "sq"]),
        ], initializers: [NodeHarness.floats("c", [3], [1, -2, 0.5]), NodeHarness.floats("d", [], [0.1]),
                          NodeHarness.floats("s", [], [0.2]), NodeHarness.floats("two", [], [2])])
        let box = IntervalTensor(lower: Tensor(shape: [1, 1, 3], data: [-1, 0, 0.5]), upper: Tensor(shape: [1, 1, 3], data: [1, 0.5, 2]))
        let bounds = try IntervalBoundPropagation.outputBounds(g, input: box)
        var rng = SeededGenerator(seed: 21)
        for _ in 0..<500 {
            let x = zip(box.lower.data, box.upper.data).map { rng.uniform($0...$1) }
            #expect(bounds.contains(Tensor(shape: [1, 1, 3], data: g.evaluate(x))))
        }
    }
}
