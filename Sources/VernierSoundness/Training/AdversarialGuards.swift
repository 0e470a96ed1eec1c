import Foundation

/// Moat guards found by attack: per planted point, guard points that persist across epochs and
/// climb the violation margin `max_{j≠y} z_j − z_y` inside the moat, the shell of L∞ distance
/// [inner, outer] around the planted point (within its ball).
///
/// Random guards are sparse in a shell of six or more dimensions: the hiding check found planted
/// points' violations at a quarter of ε from them, between random guards. Guards that ascend the
/// violation sit where the moat is weakest, so training raises the margin exactly there — the
/// adversarial training of the moat, as the attack pool is that of the rest of the ball.
struct AdversarialGuards {
    let inputs: Int
    /// Planted points, labels and ball bounds (flat, `inputs` per planted point).
    let points: [Double]
    let labels: [Int]
    let lower: [Double]
    let upper: [Double]
    let perPoint: Int
    /// Current guard positions, `perPoint` per planted point, and each guard's step length.
    var x: [Double]
    var step: [Double]

    var count: Int { labels.count * perPoint }

    init(planted: [InstanceDraft], perPoint: Int, inner: Double, outer: Double, rng: inout SeededRandom) {
        inputs = planted.first?.centre.count ?? 0
        points = planted.flatMap { $0.counterexample! }
        labels = planted.map(\.label)
        lower = planted.flatMap(\.lower)
        upper = planted.flatMap(\.upper)
        self.perPoint = perPoint
        x = [Double](repeating: 0, count: planted.count * perPoint * inputs)
        step = [Double](repeating: 0, count: planted.count * perPoint)
        for g in 0..<(planted.count * perPoint) { restart(g, inner: inner, outer: outer, rng: &rng) }
    }

    func owner(_ g: Int) -> Int { g / perPoint }

    /// A fresh guard: a uniform point of the shell's bounding box projected onto the shell, with a
    /// step between 1% and 10% of the shell's width (log-uniform).
    mutating func restart(_ g: Int, inner: Double, outer: Double, rng: inout SeededRandom) {
        let p = owner(g)
        for k in 0..<inputs { x[g * inputs + k] = points[p * inputs + k] + rng.uniform(-outer, outer) }
        project(g, inner: inner, outer: outer)
        step[g] = max(outer - inner, 1e-9) * exp(rng.uniform(log(0.01), log(0.1)))
    }

    /// Clamps guard `g` into its ball and into the L∞ ball of radius `outer` around its planted
    /// point, then, when it is closer than `inner`, pushes its farthest coordinate out to `inner`
    /// (to the other side when that side leaves the ball).
    mutating func project(_ g: Int, inner: Double, outer: Double) {
        let p = owner(g)
        var far = 0, farDistance = -1.0
        for k in 0..<inputs {
            let c = points[p * inputs + k]
            let lo = max(lower[p * inputs + k], c - outer), hi = min(upper[p * inputs + k], c + outer)
            let v = min(max(x[g * inputs + k], lo), hi)
            x[g * inputs + k] = v
            if abs(v - c) > farDistance { (far, farDistance) = (k, abs(v - c)) }
        }
        guard farDistance < inner else { return }
        let k = far, c = points[p * inputs + k]
        let up = x[g * inputs + k] >= c
        let preferred = up ? c + inner : c - inner, other = up ? c - inner : c + inner
        let lo = lower[p * inputs + k], hi = upper[p * inputs + k]
        x[g * inputs + k] = (lo...hi).contains(preferred) ? preferred : min(max(other, lo), hi)
    }

    /// L∞ distance of guard `g` from its planted point.
    func distance(_ g: Int) -> Double {
        let p = owner(g)
        var d = 0.0
        for k in 0..<inputs { d = max(d, abs(x[g * inputs + k] - points[p * inputs + k])) }
        return d
    }

    /// `steps` signed-gradient steps up the violation margin for every guard, each followed by the
    /// projection onto the shell; a guard restarts with probability `renewal` per call, so the
    /// guards keep exploring the shell instead of all settling in one weak spot.
    mutating func advance(_ net: TrainingNetwork, steps: Int, inner: Double, outer: Double, renewal: Double,
                          rng: inout SeededRandom) {
        let n = inputs, c = net.classes
        guard count > 0 else { return }
        for g in 0..<count {
            if rng.unit() < renewal { restart(g, inner: inner, outer: outer, rng: &rng) } else { project(g, inner: inner, outer: outer) }
        }
        for _ in 0..<steps {
            let t = net.trace(x, batch: count)
            var lg = [Double](repeating: 0, count: count * c)
            for g in 0..<count {
                let y = labels[owner(g)]
                let (j, _) = Losses.strongestOther(t.logits, row: g * c, classes: c, label: y)
                lg[g * c + j] = 1
                lg[g * c + y] = -1
            }
            let dx = net.backward(t, logitGradient: lg).input
            for g in 0..<count {
                for k in (g * n)..<((g + 1) * n) where dx[k] != 0 { x[k] += dx[k] > 0 ? step[g] : -step[g] }
                project(g, inner: inner, outer: outer)
            }
        }
    }
}
