import VernierSpec

/// The iterates of one batch of PGD runs and the rules that move them.
///
/// Runs in a batch may belong to different regions and conjunctions; everything is stored flat,
/// one row of `inputCount` (or `outputCount`) numbers per run, so a step is a few passes over
/// contiguous arrays and the network sees one batched pass. A run's iterate always lies in its
/// region's box exactly.
///
/// A run lasts `warmup + steps` iterations. A *diversified* run (every restart but the centre,
/// when `warmup > 0`) first climbs a random direction of the output space for `warmup` steps
/// and then attacks its conjunction's loss for `steps`, with a fresh step schedule and momentum;
/// the others attack the loss for all `warmup + steps` iterations.
struct PGDBatch {
    let jobs: [AttackRun.Job]
    let inputCount: Int
    let outputCount: Int
    let warmup: Int
    let steps: Int
    /// Iterations per run.
    var length: Int { warmup + steps }

    /// The current iterates.
    private(set) var points: [Double]
    private let lower: [Double]
    private let upper: [Double]
    /// Per run, a moving average of its gradients, whose signs give the step direction.
    private var direction: [Double]
    private var fractions: [Double]
    private let diversified: [Bool]
    /// Per diversified run, its random output-space direction.
    private let outputDirections: [Double]
    /// Per run, the stream its plateau resamples are drawn from.
    private var plateauRandom: [SplitMixRandom]

    init(jobs: [AttackRun.Job], targets: [AttackTarget], property: Property, options: PGDAttack.Options,
         inputCount n: Int, outputCount m: Int) {
        self.jobs = jobs
        inputCount = n
        outputCount = m
        warmup = options.diversifyingSteps
        steps = options.steps
        var points = [Double](), lower = [Double](), upper = [Double]()
        points.reserveCapacity(jobs.count * n)
        lower.reserveCapacity(jobs.count * n)
        upper.reserveCapacity(jobs.count * n)
        var diversified = [Bool](repeating: false, count: jobs.count)
        var outputDirections = [Double](repeating: 0, count: jobs.count * m)
        var plateauRandom = [SplitMixRandom]()
        for (i, job) in jobs.enumerated() {
            let region = targets[job.target].region
            let box = property.regions[region].box
            options.starts.appendStart(restart: job.restart, region: region, box: box, seed: options.seed, to: &points)
            lower.append(contentsOf: box.lower)
            upper.append(contentsOf: box.upper)
            if options.diversifyingSteps > 0 && options.starts.kind(ofRestart: job.restart) != .centre {
                diversified[i] = true
                // Streams distinct from the start point's (which uses `seed` itself).
                var rng = SplitMixRandom.stream(seed: ~options.seed, region: region, restart: job.restart)
                for k in 0..<m { outputDirections[i * m + k] = 2 * rng.nextUnit() - 1 }
            }
            plateauRandom.append(SplitMixRandom.stream(seed: options.seed &+ 0x5BD1_E995, region: region, restart: job.restart))
        }
        self.points = points
        self.lower = lower
        self.upper = upper
        self.diversified = diversified
        self.outputDirections = outputDirections
        self.plateauRandom = plateauRandom
        direction = [Double](repeating: 0, count: jobs.count * n)
        fractions = [Double](repeating: 0, count: jobs.count)
    }

    /// `∂loss/∂y` for iteration `step`, each run's taken at its row of `outputs` (the latest
    /// outputs known for the iterates).
    func outputGradient(step: Int, outputs: [Double], targets: [AttackTarget], loss: ConjunctionLoss) -> [Double] {
        let m = outputCount
        var g = [Double](repeating: 0, count: jobs.count * m)
        g.withUnsafeMutableBufferPointer { g in
            outputs.withUnsafeBufferPointer { y in
                for (i, job) in jobs.enumerated() {
                    if step < warmup && diversified[i] {
                        for k in 0..<m { g[i * m + k] = outputDirections[i * m + k] }
                    } else {
                        targets[job.target].writeGradient(loss, at: y, outputOffset: i * m, into: g, gradientOffset: i * m)
                    }
                }
            }
        }
        return g
    }

    /// Moves every iterate one step against its gradient `inputGradient` (∂loss/∂x at the
    /// iterates). Returns how many iterates were on a plateau and were resampled.
    mutating func advance(step: Int, inputGradient: [Double], schedule: StepSchedule, momentum: Double,
                          resamplesPlateaus: Bool) -> Int {
        let n = inputCount
        if step == warmup && warmup > 0 {
            // The loss phase of a diversified run starts without the warm-up's momentum.
            for i in jobs.indices where diversified[i] { resetDirection(i) }
        }
        for i in jobs.indices {
            let warming = step < warmup
            let local = diversified[i] ? (warming ? step : step - warmup) : step
            let length = diversified[i] ? (warming ? warmup : steps) : self.length
            fractions[i] = schedule.fraction(step: local, of: length)
        }
        accumulate(inputGradient, momentum: momentum)
        signedStep()
        guard resamplesPlateaus else { return 0 }
        var resampled = 0
        for i in jobs.indices where inputGradient[(i * n)..<((i + 1) * n)].allSatisfy({ $0 == 0 }) {
            // A flat patch (for ReLU networks: every unit feeding the loss is off): no gradient
            // step can leave it, so spend the remaining steps from a fresh uniform point.
            for j in (i * n)..<((i + 1) * n) {
                points[j] = min(max(lower[j] + (upper[j] - lower[j]) * plateauRandom[i].nextUnit(), lower[j]), upper[j])
            }
            resetDirection(i)
            resampled += 1
        }
        return resampled
    }

    private mutating func resetDirection(_ i: Int) {
        for j in (i * inputCount)..<((i + 1) * inputCount) { direction[j] = 0 }
    }

    /// `d ← momentum · d + (1 − momentum) · g`; NaN partials count as 0 so that one bad gradient
    /// cannot freeze a coordinate for the rest of the run.
    private mutating func accumulate(_ gradient: [Double], momentum: Double) {
        direction.withUnsafeMutableBufferPointer { d in
            gradient.withUnsafeBufferPointer { g in
                for j in 0..<d.count {
                    let gj = g[j].isNaN ? 0 : g[j]
                    d[j] = momentum * d[j] + (1 - momentum) * gj
                }
            }
        }
    }

    /// `x ← clamp(x − fraction · width · sign(d))` per coordinate. The clamp uses the box bounds
    /// themselves, so the result lies in the box exactly; a zero direction leaves its coordinate.
    private mutating func signedStep() {
        let n = inputCount
        let fractions = self.fractions
        points.withUnsafeMutableBufferPointer { x in
            direction.withUnsafeBufferPointer { d in
                lower.withUnsafeBufferPointer { lo in
                    upper.withUnsafeBufferPointer { hi in
                        for j in 0..<x.count {
                            let step = fractions[j / n] * (hi[j] - lo[j])
                            let v: Double
                            if d[j] > 0 { v = x[j] - step } else if d[j] < 0 { v = x[j] + step } else { continue }
                            x[j] = min(max(v, lo[j]), hi[j])
                        }
                    }
                }
            }
        }
    }
}
