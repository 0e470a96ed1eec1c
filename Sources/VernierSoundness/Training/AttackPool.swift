import Foundation

/// The inner attack of hidden-counterexample training: per centre, a pool of PGD runs that
/// persist across epochs, each advancing a few steps per epoch.
///
/// An attack that restarts every epoch can afford only short runs, while the hiding check ends with
/// runs of hundreds of small steps; what those find, training would never have seen. Here every run
/// keeps climbing from where the last epoch left it until its horizon (drawn per run, 30 to 500
/// steps) is used up or it finds a violation, and then starts over. A run is drawn to resemble a
/// rung of the hiding check: a start at a uniform point, a vertex or the centre of the ball (or, in
/// a planted ball, a point near the planted counterexample), a first step between 0.003 and 0.125
/// of the box width (log-uniform) decaying on a cosine to 5% of it, steps along the sign of a
/// momentum average of gradients, a first stretch climbing a random direction of the output
/// space, then the margin `z_t − z_y` of one other class `t`.
struct AttackPool {
    let inputs: Int
    let classes: Int
    let centres: [Double]
    let labels: [Int]
    /// Planted counterexample per centre (nil for clean ones): some runs start near it.
    let near: [[Double]?]
    let runsPerCentre: Int
    let domain: [Double]
    let momentum = 0.9

    var x: [Double]
    var average: [Double]
    var firstStep: [Double]
    var age: [Int]
    var horizon: [Int]
    var target: [Int]
    /// Random output direction of the diversifying stretch, per run.
    var direction: [Double]
    var radius: Double

    var runs: Int { labels.count * runsPerCentre }

    init(centres: [Double], labels: [Int], near: [[Double]?], runsPerCentre: Int, radius: Double, domain: [Double],
         classes: Int, rng: inout SeededRandom) {
        inputs = labels.isEmpty ? 0 : centres.count / labels.count
        self.classes = classes
        self.centres = centres
        self.labels = labels
        self.near = near
        self.runsPerCentre = max(1, runsPerCentre)
        self.domain = domain
        self.radius = radius
        let count = labels.count * self.runsPerCentre
        x = [Double](repeating: 0, count: count * inputs)
        average = x
        firstStep = [Double](repeating: 0, count: count)
        age = [Int](repeating: 0, count: count)
        horizon = age
        target = age
        direction = [Double](repeating: 0, count: count * classes)
        for run in 0..<count { restart(run, rng: &rng) }
    }

    func centreIndex(_ run: Int) -> Int { run / runsPerCentre }

    func bounds(_ run: Int, _ k: Int) -> (Double, Double) {
        let c = centres[centreIndex(run) * inputs + k]
        return (max(c - radius, domain[0]), min(c + radius, domain[1]))
    }

    /// Draws a fresh run: start point, step size, horizon, attacked class and output direction.
    mutating func restart(_ run: Int, rng: inout SeededRandom) {
        let i = centreIndex(run)
        let draw = rng.unit()
        let planted = i < near.count ? near[i] : nil
        for k in 0..<inputs {
            let (l, u) = bounds(run, k)
            let v: Double
            if draw < 0.35 {
                v = rng.next() & 1 == 0 ? l : u
            } else if draw < 0.45 {
                v = centres[i * inputs + k]
            } else if draw < 0.6, let p = planted {
                // Near the planted point: within half the radius of it, L∞.
                v = p[k] + rng.uniform(-0.5, 0.5) * radius
            } else {
                v = rng.uniform(l, u)
            }
            x[run * inputs + k] = min(max(v, l), u)
            average[run * inputs + k] = 0
        }
        // Half the runs like the check's strongest rungs: small steps for a long time.
        if rng.next() & 1 == 0 {
            firstStep[run] = 2 * radius * exp(rng.uniform(log(0.003), log(0.02)))
            horizon[run] = Int(exp(rng.uniform(log(200), log(600))).rounded())
        } else {
            firstStep[run] = 2 * radius * exp(rng.uniform(log(0.003), log(0.125)))
            horizon[run] = Int(exp(rng.uniform(log(30), log(500))).rounded())
        }
        age[run] = 0
        let others = (0..<classes).filter { $0 != labels[i] }
        target[run] = others[Int(rng.next() % UInt64(others.count))]
        for j in 0..<classes { direction[run * classes + j] = rng.normal() }
    }

    /// Moves every run `steps` steps, with the ball radius `radius` (it grows during warm-up).
    mutating func advance(_ net: TrainingNetwork, steps: Int, radius: Double) {
        self.radius = radius
        let n = inputs
        for run in 0..<runs {
            for k in 0..<n {
                let (l, u) = bounds(run, k)
                x[run * n + k] = min(max(x[run * n + k], l), u)
            }
        }
        for _ in 0..<steps {
            let t = net.trace(x, batch: runs)
            var g = [Double](repeating: 0, count: runs * classes)
            for run in 0..<runs {
                let row = run * classes
                if age[run] < min(20, horizon[run] / 5) {
                    for j in 0..<classes { g[row + j] = direction[row + j] }
                } else {
                    g[row + target[run]] = 1
                    g[row + labels[centreIndex(run)]] = -1
                }
            }
            let dx = net.backward(t, logitGradient: g).input
            for run in 0..<runs {
                let progress = min(1, Double(age[run]) / Double(horizon[run]))
                let step = firstStep[run] * (0.05 + 0.475 * (1 + cos(Double.pi * progress)))
                for k in (run * n)..<((run + 1) * n) {
                    average[k] = momentum * average[k] + (1 - momentum) * dx[k]
                    guard average[k] != 0 else { continue }
                    let (l, u) = bounds(run, k - run * n)
                    x[k] = min(max(x[k] + (average[k] > 0 ? step : -step), l), u)
                }
                age[run] += 1
            }
        }
    }

    /// Per centre, the points of the `count` runs with the largest violation margins
    /// `max_{j≠y} z_j − z_y` (centre by centre, `count` points each), then restarts every run that
    /// found a violation or used up its horizon. In a planted ball, runs closer than `spare` (L∞)
    /// to the planted point are not picked: that neighbourhood is the moat's, and a window full of
    /// points near the spike would leave the rest of the ball untrained.
    mutating func harvest(_ net: TrainingNetwork, count: Int = 1, spare: Double = 0, rng: inout SeededRandom) -> [[Double]] {
        let n = inputs
        let logits = net.logits(x, batch: runs)
        var out = [[Double]]()
        var finished = [Int]()
        for i in labels.indices {
            var ranked = [(run: Int, margin: Double)]()
            for run in (i * runsPerCentre)..<((i + 1) * runsPerCentre) {
                let m = Losses.strongestOther(logits, row: run * classes, classes: classes, label: labels[i]).1
                    - logits[run * classes + labels[i]]
                if !isNear(run, within: spare) { ranked.append((run, m)) }
                if m > 0 || age[run] >= horizon[run] { finished.append(run) }
            }
            ranked.sort { $0.margin > $1.margin || ($0.margin == $1.margin && $0.run < $1.run) }
            // With every run near the planted point, fall back to the centre itself.
            var points = [Double]()
            for r in ranked.prefix(max(1, count)) { points += x[(r.run * n)..<((r.run + 1) * n)] }
            if points.isEmpty { points = Array(centres[(i * n)..<((i + 1) * n)]) }
            out.append(points)
        }
        for run in finished { restart(run, rng: &rng) }
        return out
    }

    func isNear(_ run: Int, within distance: Double) -> Bool {
        let i = centreIndex(run)
        guard distance > 0, i < near.count, let p = near[i] else { return false }
        return (0..<inputs).allSatisfy { k in abs(x[run * inputs + k] - p[k]) < distance }
    }
}
