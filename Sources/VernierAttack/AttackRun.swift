import VernierCore
import VernierSpec

/// The mutable state of one `PGDAttack.search`: the compiled targets, the tallies, the best
/// point so far and the confirmed violation, if any.
///
/// Every point is judged first by its margin from a batched pass (cheap, used for ranking and
/// for the best-so-far), and a point whose batched margin is non-negative is then confirmed by
/// `exactCheck` — a plain single-sample forward pass and `Property.isViolated` — before it is
/// reported. Batched and single-sample passes may round differently, so the batched margin is
/// never trusted on its own.
struct AttackRun {
    /// One PGD run: a start point of a target.
    struct Job {
        var target: Int
        var restart: Int
    }

    let graph: Graph
    let property: Property
    /// The caller's options with every count and weight clamped into range.
    let options: PGDAttack.Options
    /// All attacked (region, conjunction) pairs, grouped by region in region order.
    let targets: [AttackTarget]
    /// Per region, its slice of `targets` (empty when the region is not attacked).
    let targetRanges: [Range<Int>]
    let isUsable: Bool

    /// Per target, its best margin at the start points (decides the attack order).
    private var priority: [Double]
    private(set) var bestMargins: [Double]
    private var bestInput: [Double]?
    private var bestInputMargin = -Double.infinity
    private var bestInputRegion = 0
    private var found: AttackResult.Candidate?
    private var stats = AttackStatistics()
    private var interrupted = false

    var isFinished: Bool { found != nil || interrupted }

    init(graph: Graph, property: Property, options: PGDAttack.Options) {
        self.graph = graph
        self.property = property
        var o = options
        o.restarts = max(1, o.restarts)
        o.steps = max(0, o.steps)
        o.batchSize = max(1, o.batchSize)
        o.diversifyingSteps = o.steps > 0 ? max(0, o.diversifyingSteps) : 0
        o.momentum = o.momentum.isFinite ? min(max(o.momentum, 0), 0.999) : 0
        self.options = o
        isUsable = property.inputCount == graph.inputCount && property.outputCount == graph.outputCount
        var targets = [AttackTarget]()
        var ranges = [Range<Int>]()
        for (r, region) in property.regions.enumerated() {
            let first = targets.count
            if isUsable && Self.isAttackable(region.box, dimension: graph.inputCount) {
                for (j, c) in region.violation.enumerated() {
                    targets.append(AttackTarget(region: r, conjunction: j, c, outputCount: graph.outputCount))
                }
            }
            ranges.append(first..<targets.count)
        }
        self.targets = targets
        targetRanges = ranges
        priority = [Double](repeating: -.infinity, count: targets.count)
        bestMargins = [Double](repeating: -.infinity, count: property.regions.count)
    }

    static func isAttackable(_ box: InputBox, dimension: Int) -> Bool {
        guard box.lower.count == dimension, box.upper.count == dimension else { return false }
        for i in 0..<dimension {
            let l = box.lower[i], u = box.upper[i]
            guard l.isFinite, u.isFinite, l <= u else { return false }
        }
        return true
    }

    // MARK: Phase 1: start points

    /// Evaluates every region's start points: records margins, confirms any violation there,
    /// and fills `priority`, which orders the gradient phase.
    mutating func evaluateStarts(shouldStop: () -> Bool) {
        let n = graph.inputCount, m = graph.outputCount
        let restarts = options.restarts
        for (r, range) in targetRanges.enumerated() where !range.isEmpty {
            let box = property.regions[r].box
            var k0 = 0
            while k0 < restarts {
                if shouldStop() { interrupted = true; return }
                let k1 = min(restarts, k0 + options.batchSize)
                var x = [Double]()
                x.reserveCapacity((k1 - k0) * n)
                for k in k0..<k1 { options.starts.appendStart(restart: k, region: r, box: box, seed: options.seed, to: &x) }
                let y = graph.forward(Tensor(shape: [k1 - k0] + graph.inputShape, data: x)).data
                stats.forwardPasses += k1 - k0
                for k in k0..<k1 {
                    var regionMargin = -Double.infinity
                    for t in range {
                        let margin = y.withUnsafeBufferPointer { targets[t].margin($0, offset: (k - k0) * m) }
                        priority[t] = max(priority[t], margin)
                        regionMargin = max(regionMargin, margin)
                    }
                    record(margin: regionMargin, region: r, points: x, sample: k - k0)
                    if found != nil { return }
                }
                k0 = k1
            }
        }
    }

    // MARK: Phase 2: gradient steps

    /// The PGD runs, most promising target first, cut into batches. Targets without rows are
    /// left out: their margin is `+infinity` everywhere, so the start points settled them.
    func jobBatches() -> [[Job]] {
        guard options.steps > 0 else { return [] }
        let restarts = options.restarts, batchSize = options.batchSize
        let order = targets.indices
            .filter { !targets[$0].rows.isEmpty }
            .sorted { priority[$0] != priority[$1] ? priority[$0] > priority[$1] : $0 < $1 }
        var jobs = [Job]()
        jobs.reserveCapacity(order.count * restarts)
        for t in order { for k in 0..<restarts { jobs.append(Job(target: t, restart: k)) } }
        return stride(from: 0, to: jobs.count, by: batchSize).map { Array(jobs[$0..<min(jobs.count, $0 + batchSize)]) }
    }

    /// Runs a batch of jobs through all their iterations, checking every iterate.
    ///
    /// The gradient at an iterate is taken for the loss rows chosen at the previous iterate's
    /// output (the start's, for the first step), so one `vectorJacobianProduct` per step both
    /// differentiates and evaluates; see `PGDAttack`.
    mutating func attack(_ jobs: [Job], shouldStop: () -> Bool) {
        var batch = PGDBatch(jobs: jobs, targets: targets, property: property, options: options,
                             inputCount: graph.inputCount, outputCount: graph.outputCount)
        let inputShape = [jobs.count] + graph.inputShape, outputShape = [jobs.count] + graph.outputShape
        stats.restarts += jobs.count
        var latest = graph.forward(Tensor(shape: inputShape, data: batch.points)).data
        stats.forwardPasses += jobs.count
        for step in 0..<batch.length {
            if shouldStop() { interrupted = true; return }
            let g = batch.outputGradient(step: step, outputs: latest, targets: targets, loss: options.conjunctionLoss)
            let (y, dx) = graph.vectorJacobianProduct(at: Tensor(shape: inputShape, data: batch.points),
                                                      outputGradient: Tensor(shape: outputShape, data: g))
            stats.backwardPasses += jobs.count
            // The start points (step 0) were judged in phase 1.
            if step > 0 {
                scan(y.data, points: batch.points, jobs: jobs)
                if found != nil { return }
            }
            latest = y.data
            stats.plateauResamples += batch.advance(step: step, inputGradient: dx.data, schedule: options.stepSchedule,
                                                    momentum: options.momentum, resamplesPlateaus: options.resamplesPlateaus)
        }
        let y = graph.forward(Tensor(shape: inputShape, data: batch.points))
        stats.forwardPasses += jobs.count
        scan(y.data, points: batch.points, jobs: jobs)
    }

    /// Judges the batched outputs of the iterates by the margin of each job's whole region (an
    /// iterate pushed towards one conjunction may well satisfy another), confirming non-negative
    /// ones.
    private mutating func scan(_ y: [Double], points: [Double], jobs: [Job]) {
        let m = graph.outputCount
        for (i, job) in jobs.enumerated() {
            let region = targets[job.target].region
            let regionMargin = y.withUnsafeBufferPointer { out in
                targetRanges[region].reduce(-Double.infinity) { max($0, targets[$1].margin(out, offset: i * m)) }
            }
            record(margin: regionMargin, region: region, points: points, sample: i)
            if found != nil { return }
        }
    }

    // MARK: Bookkeeping and the exact check

    /// Notes the batched margin of sample `sample` of `points` in region `region`; a new best
    /// point is copied, and a non-negative margin is confirmed by `exactCheck`.
    private mutating func record(margin: Double, region: Int, points: [Double], sample: Int) {
        bestMargins[region] = max(bestMargins[region], margin)
        let n = graph.inputCount
        guard margin > bestInputMargin || margin >= 0 else { return }
        let x = Array(points[(sample * n)..<((sample + 1) * n)])
        if margin > bestInputMargin {
            bestInput = x
            bestInputMargin = margin
            bestInputRegion = region
        }
        if margin >= 0, let c = exactCheck(x, region: region) { found = c }
    }

    /// The confirmed violation at `x`, or nil: `x` finite and in a region's box, and the output
    /// of a plain single-sample forward pass finite and satisfying one of that region's
    /// conjunctions (`Property.isViolated`, no tolerance).
    private mutating func exactCheck(_ x: [Double], region: Int) -> AttackResult.Candidate? {
        stats.exactChecks += 1
        let (y, candidate) = plainEvaluation(x, region: region)
        return property.isViolated(input: x, output: y) ? candidate : nil
    }

    /// A plain forward pass at `x` as a candidate; when `x` violates, the candidate names the
    /// first region it violates (as `Counterexample.check` does), else `region`.
    private mutating func plainEvaluation(_ x: [Double], region: Int) -> ([Double], AttackResult.Candidate?) {
        guard x.count == graph.inputCount, x.allSatisfy(\.isFinite) else { return ([], nil) }
        let y = graph.evaluate(x)
        stats.forwardPasses += 1
        guard y.allSatisfy(\.isFinite) else { return (y, nil) }
        let r = property.regions.indices.first {
            property.regions[$0].box.contains(x) && property.regions[$0].isViolated(byOutput: y)
        } ?? region
        return (y, AttackResult.Candidate(input: x, output: y, region: r, margin: property.violationMargin(region: r, output: y)))
    }

    /// The final result. Without a confirmed violation the best point is re-evaluated plainly
    /// (and, should that plain pass violate, it is reported as the violation it is).
    mutating func result() -> AttackResult {
        if let c = found {
            return AttackResult(candidate: c, violates: true, bestMargins: bestMargins, statistics: stats, interrupted: false)
        }
        var candidate: AttackResult.Candidate?
        var violates = false
        if let x = bestInput {
            let (y, c) = plainEvaluation(x, region: bestInputRegion)
            candidate = c
            violates = c != nil && property.isViolated(input: x, output: y)
        }
        return AttackResult(candidate: candidate, violates: violates, bestMargins: bestMargins, statistics: stats,
                            interrupted: interrupted)
    }
}
