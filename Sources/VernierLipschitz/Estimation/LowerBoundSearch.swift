import VernierCore
import VernierBounds

/// The witnessed lower bound: search the region for a point where the Jacobian row's dual norm is
/// large (random samples, box vertices, then ascent), and certify a lower bound of L there by a
/// difference quotient of two nearby points whose outputs are enclosed by interval arithmetic.
///
/// Ascent on ‖J(x)‖: its gradient is H(x)·s with s the dual norm's subgradient at J and H the
/// Hessian of c·y, and H·s is the directional derivative of the gradient along s, estimated by
/// central differences of two reverse-mode gradients. Where H vanishes (piecewise-linear networks
/// are flat between kinks) the step direction is random, so the search becomes a local random
/// search; a step is kept only when it raises ‖J‖.
struct LowerBoundSearch {
    let network: Graph
    let coefficients: [Double]
    let norm: LipschitzNorm
    let options: LipschitzOptions

    /// J(x) = c·∂y/∂x at every point (one batched reverse pass).
    func gradients(_ points: [[Double]]) -> [[Double]] {
        guard !points.isEmpty else { return [] }
        let n = network.inputCount
        let x = Tensor(shape: [points.count] + network.inputShape, data: points.flatMap { $0 })
        let seed = Tensor(shape: [points.count] + network.outputShape,
                          data: Array((0..<points.count).map { _ in coefficients }.joined()))
        let dx = network.vectorJacobianProduct(at: x, outputGradient: seed).inputGradient.data
        return (0..<points.count).map { Array(dx[($0 * n)..<(($0 + 1) * n)]) }
    }

    struct Found {
        var point: [Double]
        var gradientNorm: Double
    }

    /// The point with the largest gradient norm found (centre, random vertices, uniform samples,
    /// then ascent from the best few).
    func search(lower: [Double], upper: [Double], deadline: Deadline) -> Found {
        var rng = SplitMix64(seed: options.seed)
        let n = lower.count
        var points = [zip(lower, upper).map { ($0 + $1) / 2 }]
        for s in 0..<max(0, options.samples) {
            points.append((0..<n).map { i in
                let t = s % 4 == 0 ? (rng.unit() < 0.5 ? 0.0 : 1.0) : rng.unit()
                return lower[i] + t * (upper[i] - lower[i])
            })
        }
        var values = [Double]()
        for chunk in stride(from: 0, to: points.count, by: 64) {
            let batch = Array(points[chunk..<min(points.count, chunk + 64)])
            values += gradients(batch).map { norm.dual($0) }
        }
        let order = values.indices.sorted { values[$0] > values[$1] }
        var best = Found(point: points[order[0]], gradientNorm: values[order[0]])
        for k in order.prefix(max(0, options.ascentStarts)) where !deadline.passed {
            let found = ascend(from: points[k], value: values[k], lower: lower, upper: upper, rng: &rng, deadline: deadline)
            if found.gradientNorm > best.gradientNorm { best = found }
        }
        return best
    }

    func ascend(from start: [Double], value: Double, lower: [Double], upper: [Double],
                rng: inout SplitMix64, deadline: Deadline) -> Found {
        var x = start, best = value
        let widths = zip(lower, upper).map { $1 - $0 }
        let meanWidth = widths.reduce(0, +) / Double(max(1, widths.count))
        guard meanWidth > 0 else { return Found(point: x, gradientNorm: value) }
        let h = 1e-5 * meanWidth
        var step = 0.25
        for _ in 0..<options.ascentSteps {
            if step < 1e-4 || deadline.passed { break }
            let j = gradients([x])[0]
            let s = norm.steepestDirection(j)
            let plus = zip(x, s).map { $0 + h * $1 }, minus = zip(x, s).map { $0 - h * $1 }
            let g = gradients([plus, minus])
            let direction = (0..<x.count).map { i -> Double in
                let v = (g[0][i] - g[1][i]) / (2 * h)
                if v > 0 { return 1 }
                if v < 0 { return -1 }
                return rng.unit() < 0.5 ? -1 : 1
            }
            let candidate = (0..<x.count).map { i in min(upper[i], max(lower[i], x[i] + step * widths[i] * direction[i])) }
            let v = norm.dual(gradients([candidate])[0])
            if v > best { x = candidate; best = v } else { step *= 0.5 }
        }
        return Found(point: x, gradientNorm: best)
    }

    /// A certified lower bound of L from pairs of points around `x` along the steepest direction:
    /// |c·y(x₁) − c·y(x₂)| / ‖x₁ − x₂‖, with both outputs enclosed by IBP on point boxes (so the
    /// numerator is rounded down rigorously) and the distance rounded up. Several spacings are
    /// tried, from 10⁻¹ to 10⁻⁶ of the box width; the best certified quotient is returned.
    func witness(at x: [Double], lower: [Double], upper: [Double]) throws -> (Double, LipschitzWitness?) {
        let j = gradients([x])[0]
        let s = norm.steepestDirection(j)
        var best = 0.0
        var pair: LipschitzWitness?
        let widths = zip(lower, upper).map { $1 - $0 }
        let usable = s.indices.filter { s[$0] != 0 && widths[$0] > 0 }
        guard !usable.isEmpty else { return (0, nil) }
        let span = usable.map { widths[$0] / abs(s[$0]) }.min()!
        for fraction in [1e-1, 1e-2, 1e-3, 1e-4, 1e-6] {
            let t = span * fraction / 2
            // Centre the pair so both points stay inside the box.
            var first = x, second = x
            for i in x.indices where s[i] != 0 {
                let r = t * abs(s[i])
                let centre = min(upper[i] - r, max(lower[i] + r, x[i]))
                first[i] = min(upper[i], max(lower[i], centre + t * s[i]))
                second[i] = min(upper[i], max(lower[i], centre - t * s[i]))
            }
            let q = try certifiedQuotient(first, second)
            if q > best { best = q; pair = LipschitzWitness(first: first, second: second) }
        }
        return (best, pair)
    }

    /// Rigorous enclosure of c·y(x) at one point.
    func enclosure(_ x: [Double]) throws -> (Double, Double) {
        let box = IntervalTensor(point: Tensor(shape: [1] + network.inputShape, data: x))
        let y = try IntervalBoundPropagation.outputBounds(network, input: box)
        let lo = LinearFormBounds.lowerBounds(of: [coefficients], lower: y.lower.data, upper: y.upper.data)[0]
        let hi = -LinearFormBounds.lowerBounds(of: [coefficients.map { -$0 }], lower: y.lower.data, upper: y.upper.data)[0]
        return (lo, hi)
    }

    /// max(0, |c·y(x₁) − c·y(x₂)| lower bound) / ‖x₁ − x₂‖ upper bound, rounded down.
    func certifiedQuotient(_ a: [Double], _ b: [Double]) throws -> Double {
        let distance = norm.distanceUp(a, b)
        guard distance > 0, distance.isFinite else { return 0 }
        let (aLo, aHi) = try enclosure(a), (bLo, bHi) = try enclosure(b)
        let difference = max((aLo - bHi).nextDown, (bLo - aHi).nextDown)
        guard difference > 0, difference.isFinite else { return 0 }
        return (difference / distance).nextDown
    }
}

