import Testing
import VernierBounds
import VernierCore
import VernierTestSupport

/// McCormick planes of `Mul` (two variables, broadcast) by sampling the backward-step contract.
@Suite struct MulRelaxationTests {
    static let shapePairs: [([Int], [Int])] = [([3], [3]), ([2, 3], [3]), ([3, 1], [1, 2]), ([1], [2, 2])]

    @Test(arguments: shapePairs.indices)
    func testMul_planesHoldOnRandomBoxes(_ k: Int) throws {
        let (a, b) = Self.shapePairs[k]
        let op = try Mul(shapes: a, b)
        for (i, range) in [-3.0...3, 0.5...3, -3 ... -0.5].enumerated() {
            let failures = RelaxationChecks.sweep(op, shapes: [a, b], rounds: 120, seed: UInt64(100 * k + i), range: range)
            #expect(failures.isEmpty, "\(a)·\(b) in \(range): \(failures.prefix(2))")
        }
        // Narrow boxes (rounding matters relative to the width) and wide ones.
        #expect(RelaxationChecks.sweep(op, shapes: [a, b], rounds: 60, seed: UInt64(7 + k), maxWidth: 1e-9).isEmpty)
        #expect(RelaxationChecks.sweep(op, shapes: [a, b], rounds: 60, seed: UInt64(9 + k), range: -50...50, maxWidth: 80).isEmpty)
    }

    @Test func testMul_withAPointOperand_isExact() throws {
        // y = x·c with c a point: the planes are the exact line c·x, so the certified bounds of ±y
        // are the exact extremes (up to rounding).
        let op = try Mul(shapes: [1], [1])
        let x = IntervalTensor(lower: Tensor(shape: [1, 1], data: [-1.5]), upper: Tensor(shape: [1, 1], data: [2]))
        let c = IntervalTensor(point: Tensor(shape: [1, 1], data: [-3]))
        let step = op.backward(CoefficientMatrix(rows: 2, columns: 1, data: [1, -1]), operandBounds: [x, c], parameters: nil)
        let bounds = RelaxationChecks.concretized(step, boxes: [x, c])
        #expect(abs(bounds[0] - -6) < 1e-12 && bounds[0] <= -6, "lower \(bounds[0])")
        #expect(abs(-bounds[1] - 4.5) < 1e-12 && -bounds[1] >= 4.5, "upper \(-bounds[1])")
    }

    @Test func testMul_onAPositiveBox_recoversTheExactMinimum() throws {
        // x, y ∈ [1, 2]: the lower plane gives up only the vertex (2, 2), so min x·y = 1 is attained.
        let op = try Mul(shapes: [1], [1])
        let box = IntervalTensor(lower: Tensor(shape: [1, 1], data: [1]), upper: Tensor(shape: [1, 1], data: [2]))
        let step = op.backward(CoefficientMatrix(rows: 2, columns: 1, data: [1, -1]), operandBounds: [box, box], parameters: nil)
        let bounds = RelaxationChecks.concretized(step, boxes: [box, box])
        #expect(bounds[0] <= 1 && bounds[0] > 1 - 1e-12, "lower \(bounds[0])")
        #expect(-bounds[1] >= 4 && -bounds[1] < 4 + 1e-12, "upper \(-bounds[1])")
    }

    @Test func testMul_unboundedOperand_isVacuousOnlyWhereUsed() throws {
        let op = try Mul(shapes: [2], [2])
        let x = IntervalTensor(lower: Tensor(shape: [1, 2], data: [-1, -.infinity]), upper: Tensor(shape: [1, 2], data: [1, 1]))
        let y = IntervalTensor(lower: Tensor(shape: [1, 2], data: [2, 2]), upper: Tensor(shape: [1, 2], data: [3, 3]))
        let step = op.backward(CoefficientMatrix(rows: 2, columns: 2, data: [1, 0, 0, 1]), operandBounds: [x, y], parameters: nil)
        #expect(step.bias[0].isFinite && step.slack[0].isFinite)
        #expect(step.bias[1] == -.infinity)
        #expect(step.operandCoefficients.allSatisfy { $0!.data.allSatisfy(\.isFinite) })
    }

    @Test func testMul_ofAValueWithItself_isSoundThroughCROWN() throws {
        // y = (W x) ⊙ (W x): both operands are the same value; the engine adds the coefficients.
        let doc = GraphDocuments.model(inputShape: [1, 3], nodes: [
            NodeDocument(name: "fc", opType: "Gemm", inputs: ["x", "W"], outputs: ["h"], attributes: ["transB": .int(1)]),
            NodeDocument(name: "sq", opType: "Mul", inputs: ["h", "h"], outputs: ["y"]),
        ], initializers: [TensorData(name: "W", shape: [2, 3], doubles: [0.5, -1, 0.25, 1, 0.3, -0.7])])
        let graph = try GraphBuilder().build(doc)
        let lower = [-0.4, 0.1, -1], upper = [0.6, 0.5, -0.2]
        let r = try CROWN(graph: graph).bounds(lower: lower, upper: upper, specification: .identityAndNegation(2))
        let lo = Array(r.lower[0..<2]), hi = r.lower[2..<4].map { -$0 }
        #expect(GraphSampling.violations(graph, lower: lower, upper: upper, boundLower: lo, boundUpper: hi,
                                         samples: 3000, seed: 3).isEmpty)
    }
}
