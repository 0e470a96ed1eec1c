import Foundation
import Testing
import VernierBounds
import VernierCore
import VernierTestSupport

@Suite("Softmax interval bounds")
struct SoftmaxIntervalTests {
    private static let groups = [SoftmaxGroups(inputShape: [2, 4], axis: 1, coercedTo2D: false),
                                 SoftmaxGroups(inputShape: [3, 2], axis: 0, coercedTo2D: false),
                                 SoftmaxGroups(inputShape: [2, 3], axis: 0, coercedTo2D: true)]

    @Test(arguments: [false, true])
    func soundOnRandomBoxes(log: Bool) throws {
        for (k, g) in Self.groups.enumerated() {
            let op: any IntervalPropagating = log ? LogSoftmax(groups: g) : Softmax(groups: g)
            let shape = [4] + g.inputShape
            let ordinary = IntervalSweeps.violations(op, shapes: [shape], rounds: 250, seed: 80 + UInt64(k))
            #expect(ordinary.boxes >= 1000)
            #expect(ordinary.failures.isEmpty, "\(op.kind): \(ordinary.failures.prefix(2))")
            // Far apart and very wide logits: exp overflows and underflows, the bound stays sound.
            let extreme = IntervalSweeps.violations(op, shapes: [shape], rounds: 40, seed: 90 + UInt64(k), range: -800...800, maxWidth: 400)
            #expect(extreme.failures.isEmpty, "\(op.kind): \(extreme.failures.prefix(2))")
        }
    }

    @Test func pointBoxesGiveNearPointBounds() throws {
        var rng = SeededGenerator(seed: 95)
        let g = Self.groups[0]
        let x = Tensor(shape: [3, 2, 4], data: rng.uniformArray(24, -5...5))
        for op: any IntervalPropagating in [Softmax(groups: g), LogSoftmax(groups: g)] {
            let (width, contains) = IntervalSweeps.pointWidth(op, at: [x])
            #expect(contains, "\(op.kind)")
            #expect(width < 1e-12, "\(op.kind): point width \(width)")
        }
    }

    @Test func boundsFollowTheClosedForm() throws {
        // Two logits, x0 ∈ [0, 1], x1 ∈ [−1, 2]: softmax_0 ∈ [1/(1 + e²), 1/(1 + e⁻²)].
        let g = SoftmaxGroups(inputShape: [2], axis: 0, coercedTo2D: false)
        let box = IntervalTensor(lower: Tensor(shape: [1, 2], data: [0, -1]), upper: Tensor(shape: [1, 2], data: [1, 2]))
        let b = Softmax(groups: g).interval([box])
        let lo = 1 / (1 + exp(2.0)), hi = 1 / (1 + exp(-2.0))
        #expect(b.lower.data[0] <= lo && lo - b.lower.data[0] < 1e-13)
        #expect(b.upper.data[0] >= hi && b.upper.data[0] - hi < 1e-13)
        let l = LogSoftmax(groups: g).interval([box])
        #expect(l.lower.data[0] <= log(lo) && log(lo) - l.lower.data[0] < 1e-12)
        #expect(l.upper.data[0] >= log(hi) && l.upper.data[0] - log(hi) < 1e-12)
    }
}
