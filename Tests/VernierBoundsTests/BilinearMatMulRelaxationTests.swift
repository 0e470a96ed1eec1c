import Testing
import VernierBounds
import VernierCore
import VernierTestSupport

/// Summed McCormick planes of `BilinearMatMul` (MatMul / Gemm of two variables) by sampling.
@Suite struct BilinearMatMulRelaxationTests {
    static func cases() throws -> [BilinearMatMul] {
        [
            try BilinearMatMul(shapeA: [2, 3], shapeB: [3, 2]),
            try BilinearMatMul(shapeA: [3, 2], shapeB: [2, 3], transposeA: true, transposeB: true),
            try BilinearMatMul(shapeA: [2, 2, 3], shapeB: [3, 2]),                // broadcast leading axis
            try BilinearMatMul(shapeA: [3], shapeB: [3, 2]),                      // 1-D left operand
            try BilinearMatMul(shapeA: [2, 3], shapeB: [3]),                      // 1-D right operand
            try BilinearMatMul(shapeA: [2, 3], shapeB: [3, 2], alpha: -0.75, bias: PeriodicBias([0.5, -1.25])),
            try BilinearMatMul(shapeA: [1, 2], shapeB: [2, 2], alpha: 0.3, bias: PeriodicBias([1, 2].map { $0 / 3 }))
        ]
    }

    @Test(arguments: 0..<7)
    func testBilinearMatMul_planesHoldOnRandomBoxes(_ k: Int) throws {
        let op = try Self.cases()[k]
        for (i, range) in [-3.0...3, 0.5...3].enumerated() {
            let failures = RelaxationChecks.sweep(op, shapes: [op.shapeA, op.shapeB], rounds: 60, seed: UInt64(10 * k + i), range: range)
            #expect(failures.isEmpty, "case \(k) in \(range): \(failures.prefix(2))")
        }
    }

    @Test func testBilinearMatMul_withAPointOperand_isExact() throws {
        // B fixed: y = A·B is linear in A, and the planes reduce to it.
        let op = try BilinearMatMul(shapeA: [1, 2], shapeB: [2, 1])
        let a = IntervalTensor(lower: Tensor(shape: [1, 1, 2], data: [-1, 0.5]), upper: Tensor(shape: [1, 1, 2], data: [1, 2]))
        let b = IntervalTensor(point: Tensor(shape: [1, 2, 1], data: [2, -1]))
        let step = op.backward(CoefficientMatrix(rows: 2, columns: 1, data: [1, -1]), operandBounds: [a, b], parameters: nil)
        let bounds = RelaxationChecks.concretized(step, boxes: [a, b])
        // y = 2·a0 − a1 ∈ [−4, 1.5].
        #expect(bounds[0] <= -4 && bounds[0] > -4 - 1e-12)
        #expect(-bounds[1] >= 1.5 && -bounds[1] < 1.5 + 1e-12)
    }
}
