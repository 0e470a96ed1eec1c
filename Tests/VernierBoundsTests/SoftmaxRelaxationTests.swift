import Testing
import VernierBounds
import VernierCore
import VernierTestSupport

/// Own-logit lines of `Softmax` and `LogSoftmax`, by sampling.
@Suite struct SoftmaxRelaxationTests {
    static let groupings: [SoftmaxGroups] = [
        SoftmaxGroups(inputShape: [2, 4], axis: 1, coercedTo2D: false),
        SoftmaxGroups(inputShape: [3, 2], axis: 0, coercedTo2D: false),   // stride 2
        SoftmaxGroups(inputShape: [2, 3], axis: 0, coercedTo2D: true),    // one group of 6
        SoftmaxGroups(inputShape: [3, 1], axis: 1, coercedTo2D: false),   // groups of one: exactly 1 (0)
    ]

    @Test(arguments: groupings.indices)
    func testSoftmax_linesHoldOnRandomBoxes(_ k: Int) throws {
        let g = Self.groupings[k]
        for op in [Softmax(groups: g) as any LinearBoundPropagating, LogSoftmax(groups: g)] {
            for (i, (range, width)) in [(-3.0...3, 0.5), (-3.0...3, 3), (-20.0...20, 10)].enumerated() {
                let failures = RelaxationChecks.sweep(op, shapes: [g.inputShape], rounds: 40, seed: UInt64(10 * k + i),
                                                      range: range, maxWidth: width)
                #expect(failures.isEmpty, "\(op.kind) grouping \(k): \(failures.prefix(2))")
            }
        }
    }

    @Test func testSoftmax_unboundedLogits_keepTheTrivialBounds() throws {
        let op = Softmax(groups: SoftmaxGroups(inputShape: [2], axis: 0, coercedTo2D: false))
        let box = IntervalTensor(lower: Tensor(shape: [1, 2], data: [0, -.infinity]), upper: Tensor(shape: [1, 2], data: [1, .infinity]))
        let step = op.backward(.identityAndNegation(2), operandBounds: [box], parameters: nil)
        let bounds = RelaxationChecks.concretized(step, boxes: [box])
        #expect(bounds.allSatisfy { !$0.isNaN })
        #expect(bounds[0] <= 0 && -bounds[2] >= 1)
    }
}
