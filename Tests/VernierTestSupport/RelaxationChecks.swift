import VernierCore
import VernierBounds

/// Checks of an operator's backward linear-bound step (`LinearBoundPropagating`) by sampling: for
/// random coefficient matrices A (both signs, some zeros) and points x of the operand boxes,
/// `A·op(x) ≥ Σ_k A_k·x_k + bias − slack` must hold row by row.
public enum RelaxationChecks {
    /// A random m×n coefficient matrix: entries in [−1, 1], about one in five exactly 0.
    public static func randomCoefficients(rows m: Int, columns n: Int, rng: inout SeededGenerator) -> CoefficientMatrix {
        CoefficientMatrix(rows: m, columns: n, data: (0..<(m * n)).map { _ in
            rng.uniform(0...1) < 0.2 ? 0 : rng.uniform(-1...1)
        })
    }

    /// Points of the operand boxes (batch 1): every vertex when there are at most 2¹⁰, else
    /// `samples/4` random vertices; then uniform interior points and points a hair inside a face.
    public static func points(_ boxes: [IntervalTensor], samples: Int, rng: inout SeededGenerator) -> [[Tensor]] {
        let dims = boxes.reduce(0) { $0 + $1.count }
        var result = [[Tensor]]()
        func point(_ pick: (Double, Double) -> Double) -> [Tensor] {
            boxes.map { box in Tensor(shape: box.shape, data: zip(box.lower.data, box.upper.data).map { pick($0, $1) }) }
        }
        if dims <= 10 {
            for mask in 0..<(1 << dims) {
                var bit = 0
                result.append(point { l, u in
                    defer { bit += 1 }
                    return (mask >> bit) & 1 == 1 ? u : l
                })
            }
        } else {
            for _ in 0..<(samples / 4) { result.append(point { l, u in rng.uniform(0...1) < 0.5 ? l : u }) }
        }
        for s in 0..<samples {
            if s % 2 == 0 {
                result.append(point { l, u in l == u ? l : rng.uniform(l...u) })
            } else {
                result.append(point { l, u in
                    let t = rng.uniform(0...1) < 0.5 ? 1e-9 : 1 - 1e-9
                    return rng.uniform(0...1) < 0.3 ? (rng.uniform(0...1) < 0.5 ? l : u) : l + (u - l) * t
                })
            }
        }
        return result
    }

    /// Every violation of the contract at the sampled points (empty: sound on the samples), plus
    /// violations of the step's own invariants (NaN bias, negative or NaN slack, non-finite
    /// coefficients). Forward values that are NaN (outside the operator's domain) are skipped.
    /// Both sides are evaluated in floating point, so a violation must exceed `tolerance` times
    /// the magnitude of the terms (far below any error a wrong relaxation makes).
    public static func violations(_ op: any LinearBoundPropagating, boxes: [IntervalTensor], rows: Int = 8,
                                  samples: Int = 150, seed: UInt64, parameters: RelaxationParameters? = nil,
                                  tolerance: Double = 1e-10) -> [String] {
        var rng = SeededGenerator(seed: seed)
        let outputCount = op.forward(boxes.map(\.lower), batchSize: 1).count
        let a = randomCoefficients(rows: rows, columns: outputCount, rng: &rng)
        let step = op.backward(a, operandBounds: boxes, parameters: parameters)
        var failures = [String]()
        for r in 0..<rows {
            if step.bias[r].isNaN { failures.append("\(op.kind): bias[\(r)] is NaN") }
            if !(step.slack[r] >= 0) { failures.append("\(op.kind): slack[\(r)] = \(step.slack[r])") }
        }
        for (k, coef) in step.operandCoefficients.enumerated() {
            guard let coef else { continue }
            if coef.rows != rows || coef.columns != boxes[k].count {
                failures.append("\(op.kind): operand \(k) coefficients are \(coef.rows)×\(coef.columns)")
                return failures
            }
            if coef.data.contains(where: { !$0.isFinite }) { failures.append("\(op.kind): operand \(k) has non-finite coefficients") }
        }
        guard failures.isEmpty else { return failures }
        for x in points(boxes, samples: samples, rng: &rng) {
            let y = op.forward(x, batchSize: 1).data
            for r in 0..<rows {
                var lhs = 0.0, scale = 1.0
                var undefined = false
                for o in 0..<outputCount where a.data[r * outputCount + o] != 0 {
                    let c = a.data[r * outputCount + o]
                    if y[o].isNaN { undefined = true; break }
                    lhs += c * y[o]
                    scale += abs(c * y[o])
                }
                if undefined { continue }
                var rhs = step.bias[r] - step.slack[r]
                if rhs == -.infinity { continue }
                scale += abs(step.bias[r])
                for (k, coef) in step.operandCoefficients.enumerated() {
                    guard let coef else { continue }
                    for i in 0..<coef.columns {
                        let t = coef.data[r * coef.columns + i] * x[k].data[i]
                        rhs += t
                        scale += abs(t)
                    }
                }
                if lhs < rhs - tolerance * scale {
                    failures.append("\(op.kind): row \(r): A·y = \(lhs) < \(rhs) at \(x.map(\.data)) in \(boxes.map { zip($0.lower.data, $0.upper.data).map { "[\($0), \($1)]" } })")
                    if failures.count >= 5 { return failures }
                }
            }
        }
        return failures
    }

    /// `violations` on `rounds` random operand boxes of the given per-sample shapes
    /// (`OperatorChecks.randomBox`), each with its own coefficients. Returns every failure found.
    /// `ranges`, when given, holds one centre range per operand (e.g. a divisor kept away from 0).
    public static func sweep(_ op: any LinearBoundPropagating, shapes: [[Int]], rounds: Int, seed: UInt64,
                             range: ClosedRange<Double> = -3...3, ranges: [ClosedRange<Double>]? = nil,
                             maxWidth: Double = 2, samples: Int = 100,
                             parameters: RelaxationParameters? = nil) -> [String] {
        var rng = SeededGenerator(seed: seed)
        var failures = [String]()
        for round in 0..<rounds {
            let boxes = shapes.indices.map { k in
                OperatorChecks.randomBox(shape: [1] + shapes[k], range: ranges?[k] ?? range, maxWidth: maxWidth, rng: &rng)
            }
            failures += violations(op, boxes: boxes, samples: samples, seed: seed &+ UInt64(round), parameters: parameters)
                .map { "round \(round): \($0)" }
            if failures.count >= 5 { break }
        }
        return failures
    }

    /// Certified lower bounds of every row of A·op(x) over the boxes from the step alone:
    /// min over the boxes of Σ_k A_k·x_k, plus bias − slack (rounded down). For tightness checks.
    public static func concretized(_ step: BackwardStep, boxes: [IntervalTensor]) -> [Double] {
        let rows = step.bias.count
        var lower = [Double](), upper = [Double](), coefficients = [[Double]](repeating: [], count: rows)
        for (k, coef) in step.operandCoefficients.enumerated() {
            guard let coef else { continue }
            lower += boxes[k].lower.data
            upper += boxes[k].upper.data
            for r in 0..<rows { coefficients[r] += coef.data[(r * coef.columns)..<((r + 1) * coef.columns)] }
        }
        if lower.isEmpty { coefficients = [[Double]](repeating: [], count: rows) }
        let concrete = LinearFormBounds.lowerBounds(of: coefficients, lower: lower, upper: upper)
        return (0..<rows).map { ((concrete[$0] + step.bias[$0]).nextDown - step.slack[$0]).nextDown }
    }
}
