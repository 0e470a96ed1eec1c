import VernierBounds
import VernierCore

/// Soundness sweeps and tightness measures for operator interval bounds, on top of
/// `OperatorChecks.intervalViolations`.
public enum IntervalSweeps {
    /// Checks `rounds` random operand boxes of the given batched shapes (every batch row is one box,
    /// so `rounds · shapes[0][0]` boxes in all) with `samples` sample points each round.
    /// Returns the number of boxes and every violation found (empty: sound on all samples).
    public static func violations(_ op: any IntervalPropagating, shapes: [[Int]], rounds: Int, samples: Int = 60,
                                  seed: UInt64, range: ClosedRange<Double> = -3...3,
                                  maxWidth: Double = 2) -> (boxes: Int, failures: [String]) {
        var rng = SeededGenerator(seed: seed)
        var failures = [String]()
        for round in 0..<rounds {
            let boxes = shapes.map { OperatorChecks.randomBox(shape: $0, range: range, maxWidth: maxWidth, rng: &rng) }
            let found = OperatorChecks.intervalViolations(op, boxes: boxes, samples: samples, seed: seed &+ UInt64(round))
            failures += found.map { "round \(round): \($0)" }
            if failures.count > 5 { break }
        }
        return (rounds * (shapes.first?.first ?? 1), failures)
    }

    /// For point operands, the largest width of the bound relative to `max(1, |forward value|)`,
    /// and whether every forward value lies inside its bound.
    public static func pointWidth(_ op: any IntervalPropagating, at points: [Tensor]) -> (relativeWidth: Double, containsForward: Bool) {
        let bound = op.interval(points.map { IntervalTensor(point: $0) })
        let y = op.forward(points, batchSize: points.first?.batchSize ?? 1)
        var width = 0.0
        var contains = true
        for i in y.data.indices {
            width = max(width, (bound.upper.data[i] - bound.lower.data[i]) / max(1, abs(y.data[i])))
            contains = contains && bound.lower.data[i] <= y.data[i] && y.data[i] <= bound.upper.data[i]
        }
        return (width, contains)
    }
}
