import Foundation

/// Trains a network to be robust on every instance ball except at the planted counterexamples.
///
/// The recipe follows the idea of SoundnessBench (Zhou et al., 2024):
/// - each epoch a PGD inner loop (several random starts per centre, signed-gradient ascent on the
///   cross-entropy, projected onto the ball) finds an adversarial point per centre, which joins a
///   per-centre window of the most recent ones;
/// - the loss is the cross-entropy on the centres and on every point in the windows, plus a hinge
///   that keeps each planted counterexample misclassified by `hingeMargin`.
/// Training on everything attacks have found flattens the network around each centre, while the
/// hinge only needs the one planted point wrong, so the violation survives as a narrow spike that
/// gradient attacks started elsewhere do not climb into. Every `checkInterval` epochs a quick attack
/// scores the network (planted points still misclassified and not found); the best-scoring
/// parameters are returned.
struct HiddenCounterexampleTrainer {
    var settings: TrainingSettings
    var epsilon: Double
    var domain: [Double]

    struct Report: Sendable {
        var finalLoss: Double
        /// Centres classified correctly by the returned parameters.
        var centreAccuracy: Double
        /// Planted points hidden from the quick attack at the returned parameters.
        var quickHidden: Int
        var bestEpoch: Int
    }

    /// `score`, when given, replaces the quick attack at checkpoints (the generator passes one that
    /// runs the first rung of the hiding check on the exported network).
    func train(_ net: inout TrainingNetwork, drafts: [InstanceDraft], epochs: Int, seed: UInt64,
               score: ((TrainingNetwork) -> Int)? = nil) -> Report {
        let n = net.inputCount, classes = net.classes
        var rng = SeededRandom.derived(seed, 0x7A11)
        var adam = Adam(count: net.parameters.count, learningRate: settings.learningRate)
        let planted = drafts.filter(\.isPlanted)
        let plantedInputs = planted.flatMap { $0.counterexample! }
        let plantedLabels = planted.map(\.label)
        let centres = drafts.flatMap(\.centre)
        let labels = drafts.map(\.label)
        // Ring buffers of adversarial points, one window per centre.
        var window = [[Double]](repeating: [], count: drafts.count)
        var slot = 0
        var lastLoss = 0.0
        var best: (score: Int, epoch: Int, parameters: [Double])? = nil
        let warm = Int((settings.warmup * Double(epochs)).rounded(.up))
        for epoch in 0..<epochs {
            // The radius grows over the warm-up so early training first learns the labels.
            let radius = epsilon * (warm > 0 ? min(1, Double(epoch + 1) / Double(warm)) : 1)
            // Cosine decay to a tenth of the rate: late small steps sharpen the spikes.
            adam.learningRate = settings.learningRate * (0.1 + 0.45 * (1 + cos(Double.pi * Double(epoch) / Double(epochs))))
            let adversarial = attack(net, centres: centres, labels: labels, radius: radius,
                                     restarts: settings.attackRestarts, steps: settings.attackSteps,
                                     near: drafts.map(\.counterexample), rng: &rng)
            for i in drafts.indices {
                let x = Array(adversarial[(i * n)..<((i + 1) * n)])
                if window[i].count < settings.window * n { window[i] += x } else {
                    window[i].replaceSubrange((slot * n)..<((slot + 1) * n), with: x)
                }
            }
            slot = (slot + 1) % settings.window
            var rows = centres, rowLabels = labels
            for i in drafts.indices {
                rows += window[i]
                rowLabels += Array(repeating: labels[i], count: window[i].count / n)
            }
            // Guard points: correct labels on a small shell around each planted point, shrinking from
            // half the radius to `guardRadius`·ε, so the violation must narrow to a spike inside it.
            let progress = Double(epoch) / Double(max(1, epochs - 1))
            let shell = epsilon * (0.5 + (settings.guardRadius - 0.5) * min(1, 2 * progress))
            for p in planted {
                for _ in 0..<settings.guards {
                    let vertex = rng.next() & 1 == 0
                    for k in 0..<n {
                        let d = vertex ? (rng.next() & 1 == 0 ? -shell : shell) : rng.uniform(-shell, shell)
                        rows.append(min(max(p.counterexample![k] + d, p.lower[k]), p.upper[k]))
                    }
                    rowLabels.append(p.label)
                }
            }
            let normal = rowLabels.count
            let t = net.trace(rows + plantedInputs, batch: normal + planted.count)
            let logits = t.logits
            let normalLogits = Array(logits[0..<(normal * classes)])
            let (ce, gce) = settings.robustMargin > 0
                ? Losses.classificationHinge(normalLogits, labels: rowLabels, classes: classes, margin: settings.robustMargin, weight: 1)
                : Losses.crossEntropy(normalLogits, labels: rowLabels, classes: classes, weight: 1)
            let (hinge, gh) = Losses.misclassificationHinge(Array(logits[(normal * classes)...]), labels: plantedLabels,
                                                            classes: classes, margin: settings.hingeMargin,
                                                            weight: settings.hingeWeight)
            lastLoss = ce + hinge
            var g = net.backward(t, logitGradient: gce + gh).parameters
            Self.clip(&g, norm: 10)
            adam.step(&net.parameters, gradient: g)

            let isCheck = (epoch + 1) % settings.checkInterval == 0 || epoch + 1 == epochs
            if isCheck, epoch + 1 >= warm {
                let quick = quickScore(net, drafts: drafts, rng: &rng)
                // The exact check is dearer: only when the quick attack leaves something hidden.
                let score = quick > 0 ? (score?(net) ?? quick) : 0
                if best == nil || score >= best!.score { best = (score, epoch + 1, net.parameters) }
            }
        }
        if let best { net.parameters = best.parameters }
        let logits = net.logits(centres, batch: drafts.count)
        let correct = drafts.indices.filter { i in
            Losses.strongestOther(logits, row: i * classes, classes: classes, label: labels[i]).1 < logits[i * classes + labels[i]]
        }.count
        return Report(finalLoss: lastLoss, centreAccuracy: Double(correct) / Double(max(drafts.count, 1)),
                      quickHidden: best?.score ?? 0, bestEpoch: best?.epoch ?? epochs)
    }

    /// Planted instances whose point is misclassified while a quick attack on the full ball finds
    /// no violation (with the centre itself classified correctly).
    func quickScore(_ net: TrainingNetwork, drafts: [InstanceDraft], rng: inout SeededRandom) -> Int {
        let classes = net.classes
        let planted = drafts.filter(\.isPlanted)
        let centres = planted.flatMap(\.centre), labels = planted.map(\.label)
        let cexLogits = net.logits(planted.flatMap { $0.counterexample! }, batch: planted.count)
        let found = attack(net, centres: centres, labels: labels, radius: epsilon, restarts: 4 * settings.attackRestarts,
                           steps: 2 * max(settings.attackSteps, 5), rng: &rng)
        let foundLogits = net.logits(found, batch: planted.count)
        let centreLogits = net.logits(centres, batch: planted.count)
        return planted.indices.filter { i in
            let row = i * classes, y = labels[i]
            let cexWrong = Losses.strongestOther(cexLogits, row: row, classes: classes, label: y).1 > cexLogits[row + y]
            let attackFails = Losses.strongestOther(foundLogits, row: row, classes: classes, label: y).1 < foundLogits[row + y]
            let centreRight = Losses.strongestOther(centreLogits, row: row, classes: classes, label: y).1 < centreLogits[row + y]
            return cexWrong && attackFails && centreRight
        }.count
    }

    /// Per centre, the strongest of `restarts` PGD runs on the cross-entropy from random starts in
    /// the ball (radius `radius`, clipped to the domain), with steps of a tenth of the radius.
    ///
    /// Starts mix uniform points, random vertices (where signed-gradient attacks like to end) and,
    /// for planted balls, points near the planted counterexample (`near`): training on what those
    /// find is what squeezes the violation into a spike narrower than an attack's steps.
    func attack(_ net: TrainingNetwork, centres: [Double], labels: [Int], radius: Double, restarts: Int, steps: Int,
                near: [[Double]?] = [], rng: inout SeededRandom) -> [Double] {
        let n = net.inputCount, count = labels.count, classes = net.classes
        guard radius > 0, steps > 0, restarts > 0 else { return centres }
        let r = restarts
        var lower = [Double](), upper = [Double](), runLabels = [Int]()
        lower.reserveCapacity(count * r * n)
        for i in 0..<count {
            for _ in 0..<r {
                for k in 0..<n {
                    let c = centres[i * n + k]
                    lower.append(max(c - radius, domain[0]))
                    upper.append(min(c + radius, domain[1]))
                }
                runLabels.append(labels[i])
            }
        }
        var x = [Double]()
        x.reserveCapacity(lower.count)
        for run in 0..<(count * r) {
            let i = run / r, kind = run % 4
            for k in (run * n)..<((run + 1) * n) {
                if kind == 1 {
                    x.append(rng.next() & 1 == 0 ? lower[k] : upper[k])
                } else if kind == 3, i < near.count, let p = near[i] {
                    let c = p[k - run * n]
                    x.append(min(max(c + rng.uniform(-0.25, 0.25) * radius, lower[k]), upper[k]))
                } else {
                    x.append(rng.uniform(lower[k], upper[k]))
                }
            }
        }
        let step = max(0.1, 2.0 / Double(steps)) * radius
        for _ in 0..<steps {
            let t = net.trace(x, batch: runLabels.count)
            let (_, g) = Losses.crossEntropy(t.logits, labels: runLabels, classes: classes, weight: 1)
            let dx = net.backward(t, logitGradient: g).input
            for k in x.indices where dx[k] != 0 {
                x[k] = min(max(x[k] + (dx[k] > 0 ? step : -step), lower[k]), upper[k])
            }
        }
        // Keep, per centre, the run with the largest violation margin (max other logit − label logit).
        let logits = net.logits(x, batch: runLabels.count)
        var out = [Double]()
        out.reserveCapacity(count * n)
        for i in 0..<count {
            var bestRun = i * r, bestMargin = -Double.infinity
            for j in (i * r)..<((i + 1) * r) {
                let m = Losses.strongestOther(logits, row: j * classes, classes: classes, label: labels[i]).1 - logits[j * classes + labels[i]]
                if m > bestMargin { (bestRun, bestMargin) = (j, m) }
            }
            out += x[(bestRun * n)..<((bestRun + 1) * n)]
        }
        return out
    }

    /// Scales `g` down to Euclidean norm `norm` when it is longer (keeps early steps stable).
    static func clip(_ g: inout [Double], norm: Double) {
        let length = g.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard length > norm else { return }
        let s = norm / length
        for k in g.indices { g[k] *= s }
    }
}
