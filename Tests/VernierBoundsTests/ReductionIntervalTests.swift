import Testing
import VernierBounds
import VernierCore
import VernierTestSupport

@Suite("Reduction interval bounds")
struct ReductionIntervalTests {
    @Test(arguments: [Reduction.Mode.sum, .mean, .max, .min])
    func soundOnRandomBoxesAndTightAtPoints(mode: Reduction.Mode) throws {
        for (axes, keep) in [([1], true), ([0, 2], false)] {
            let op = Reduction(mode, inputShape: [2, 3, 2], axes: axes, keepDims: keep)
            let (boxes, failures) = IntervalSweeps.violations(op, shapes: [[4, 2, 3, 2]], rounds: 250, seed: 70)
            #expect(boxes >= 1000)
            #expect(failures.isEmpty, "\(op.kind) \(axes): \(failures.prefix(2))")
            var rng = SeededGenerator(seed: 71)
            let (width, contains) = IntervalSweeps.pointWidth(op, at: [Tensor(shape: [3, 2, 3, 2], data: rng.uniformArray(36, -3...3))])
            #expect(contains)
            #expect(width <= (mode == .max || mode == .min ? 0 : 1e-14), "\(op.kind): point width \(width)")
        }
    }

    @Test func sumBoundIsTheSumOfTheEnds() throws {
        let op = Reduction(.sum, inputShape: [4], axes: [0], keepDims: false)
        let b = op.interval([IntervalTensor(lower: Tensor(shape: [1, 4], data: [-1, 0.5, 2, -3]),
                                            upper: Tensor(shape: [1, 4], data: [1, 0.5, 4, 0]))])
        #expect(b.lower.data[0] <= -1.5 && b.lower.data[0] > -1.5 - 1e-14)
        #expect(b.upper.data[0] >= 5.5 && b.upper.data[0] < 5.5 + 1e-14)
    }
}
