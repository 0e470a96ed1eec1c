import VernierCore
import VernierBounds

/// Shared behavioural checks for operators, used by every operator test.
public enum OperatorChecks {
    /// Compares `op.backward` with central finite differences of `sum(w ⊙ forward(x))` for random `w`.
    ///
    /// `inputs` are batched operands. Returns the largest discrepancy found, relative to
    /// `max(1, |finite difference|)`; callers assert it is below a tolerance (e.g. 1e-5).
    /// Choose inputs away from kinks (ReLU at 0, Abs at 0, pooling ties): there the derivative
    /// is not unique and finite differences straddle two pieces.
    public static func gradientError(_ op: any Operator, inputs: [Tensor], seed: UInt64 = 1,
                                     step: Double = 1e-6) -> Double {
        var rng = SeededGenerator(seed: seed)
        let b = inputs.first?.batchSize ?? 1
        let out = op.forward(inputs, batchSize: b)
        let w = Tensor(shape: out.shape, data: rng.uniformArray(out.count, -1...1))
        let analytic = op.backward(inputs, output: out, outputGradient: w)
        func objective(_ xs: [Tensor]) -> Double {
            let y = op.forward(xs, batchSize: b)
            return zip(y.data, w.data).reduce(0) { $0 + $1.0 * $1.1 }
        }
        var worst = 0.0
        for k in inputs.indices {
            for i in inputs[k].data.indices {
                var plus = inputs, minus = inputs
                let h = step * max(1, abs(inputs[k].data[i]))
                plus[k].data[i] += h
                minus[k].data[i] -= h
                let fd = (objective(plus) - objective(minus)) / (2 * h)
                let err = abs(fd - analytic[k].data[i]) / max(1, abs(fd))
                worst = max(worst, err)
            }
        }
        return worst
    }

    /// Samples points of the operand boxes (all vertices when there are at most 2^12 of them, else
    /// random vertices; plus uniform interior points and points a hair inside the faces) and
    /// returns every sample whose forward result escapes the operator's interval bound.
    /// An empty result is the pass condition.
    public static func intervalViolations(_ op: any IntervalPropagating, boxes: [IntervalTensor],
                                          samples: Int = 2000, seed: UInt64 = 7) -> [String] {
        var rng = SeededGenerator(seed: seed)
        let b = boxes.first?.lower.batchSize ?? 1
        let bound = op.interval(boxes)
        var failures = [String]()
        let dims = boxes.reduce(0) { $0 + $1.count }
        func point(_ pick: (Double, Double) -> Double) -> [Tensor] {
            boxes.map { box in
                Tensor(shape: box.shape, data: zip(box.lower.data, box.upper.data).map { pick($0, $1) })
            }
        }
        var points = [[Tensor]]()
        if dims <= 12 {
            for mask in 0..<(1 << dims) {
                var bit = 0
                points.append(boxes.map { box in
                    Tensor(shape: box.shape, data: zip(box.lower.data, box.upper.data).map { l, u in
                        defer { bit += 1 }
                        return (mask >> bit) & 1 == 1 ? u : l
                    })
                })
            }
        }
        for s in 0..<samples {
            switch s % 3 {
            case 0: points.append(point { l, u in rng.uniform(0...1) < 0.5 ? l : u })
            case 1: points.append(point { l, u in l == u ? l : rng.uniform(l...u) })
            default:
                points.append(point { l, u in
                    let t = rng.uniform(0...1) < 0.5 ? 1e-9 : 1 - 1e-9
                    return l + (u - l) * t
                })
            }
        }
        for p in points {
            let y = op.forward(p, batchSize: b)
            for i in y.data.indices where !(bound.lower.data[i] <= y.data[i] && y.data[i] <= bound.upper.data[i]) {
                failures.append("\(op.kind): output[\(i)] = \(y.data[i]) outside [\(bound.lower.data[i]), \(bound.upper.data[i])] at \(p.map(\.data))")
                if failures.count > 5 { return failures }
            }
        }
        return failures
    }

    /// A random box of the given batched shape with centres in `range` and widths up to `maxWidth`
    /// (some zero-width entries included, to exercise degenerate intervals).
    public static func randomBox(shape: [Int], range: ClosedRange<Double> = -3...3, maxWidth: Double = 2,
                                 rng: inout SeededGenerator) -> IntervalTensor {
        let n = Shape.count(shape)
        var lo = [Double](), hi = [Double]()
        for i in 0..<n {
            let c = rng.uniform(range)
            let w = i % 7 == 3 ? 0 : rng.uniform(0...maxWidth)
            lo.append(c - w / 2)
            hi.append(c + w / 2)
        }
        return IntervalTensor(lower: Tensor(shape: shape, data: lo), upper: Tensor(shape: shape, data: hi))
    }
}
