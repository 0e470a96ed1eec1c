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
    let restarts: Int
    let steps: Int
    let batchSize: Int
    let schedule: StepSchedule
    let momentum: Double
    let starts: StartMix
    let seed: UInt64
    /// All attacked (region, conjunction) pairs, grouped by region in region order.
    let targets: [AttackTarget]
    /// Per region, its slice of `targets` (empty when the region is not attacked).
    let targetRanges: [Range<Int>]
    let isUsable: Bool

    /// Per target, its best margin at the start points (decides the attack order).
    private var priority: [Double]
    /// Per target and restart (`target * restarts + restart`), the active row at the start point.
    private var startActive: [Int]
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
        restarts = max(1, options.restarts)
        steps = max(0, options.steps)
        batchSize = max(1, options.batchSize)
        schedule = options.stepSchedule
        momentum = options.momentum.isFinite ? min(max(options.momentum, 0), 0.999) : 0
        starts = options.starts
        seed = options.seed
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
        startActive = [Int](repeating: -1, count: targets.count * restarts)
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
    /// and fills `priority` and `startActive` for the gradient phase.
    mutating func evaluateStarts(shouldStop: () -> Bool) {
        let n = graph.inputCount, m = graph.outputCount
        for (r, range) in targetRanges.enumerated() where !range.isEmpty {
            let box = property.regions[r].box
            var k0 = 0
            while k0 < restarts {
                if shouldStop() { interrupted = true; return }
                let k1 = min(restarts, k0 + batchSize)
                var x = [Double]()
                x.reserveCapacity((k1 - k0) * n)
                for k in k0..<k1 { starts.appendStart(restart: k, region: r, box: box, seed: seed, to: &x) }
                let y = graph.forward(Tensor(shape: [k1 - k0] + graph.inputShape, data: x)).data
                stats.forwardPasses += k1 - k0
                for k in k0..<k1 {
                    var regionMargin = -Double.infinity
                    for t in range {
                        let (margin, row) = y.withUnsafeBufferPointer { targets[t].evaluate($0, offset: (k - k0) * m) }
                        startActive[t * restarts + k] = row
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
        guard steps > 0 else { return [] }
        let order = targets.indices
            .filter { !targets[$0].rows.isEmpty }
            .sorted { priority[$0] != priority[$1] ? priority[$0] > priority[$1] : $0 < $1 }
        var jobs = [Job]()
        jobs.reserveCapacity(order.count * restarts)
        for t in order { for k in 0..<restarts { jobs.append(Job(target: t, restart: k)) } }
        return stride(from: 0, to: jobs.count, by: batchSize).map { Array(jobs[$0..<min(jobs.count, $0 + batchSize)]) }
    }

    /// Runs `steps` signed-gradient steps on a batch of jobs, checking every iterate.
    mutating func attack(_ jobs: [Job], shouldStop: () -> Bool) {
        let b = jobs.count, n = graph.inputCount, m = graph.outputCount
        var x = [Double]()
        x.reserveCapacity(b * n)
        var lower = [Double](), upper = [Double]()
        lower.reserveCapacity(b * n)
        upper.reserveCapacity(b * n)
        var active = [Int](repeating: -1, count: b)
        for (i, job) in jobs.enumerated() {
            let region = targets[job.target].region
            let box = property.regions[region].box
            starts.appendStart(restart: job.restart, region: region, box: box, seed: seed, to: &x)
            lower.append(contentsOf: box.lower)
            upper.append(contentsOf: box.upper)
            active[i] = startActive[job.target * restarts + job.restart]
        }
        stats.restarts += b
        let inputShape = [b] + graph.inputShape, outputShape = [b] + graph.outputShape
        var outputGradient = [Double](repeating: 0, count: b * m)
        var direction = [Double](repeating: 0, count: b * n)
        for step in 0..<steps {
            if shouldStop() { interrupted = true; return }
            outputGradient.withUnsafeMutableBufferPointer { g in
                g.update(repeating: 0)
                for (i, job) in jobs.enumerated() { targets[job.target].writeGradient(row: active[i], into: g, offset: i * m) }
            }
            let (y, dx) = graph.vectorJacobianProduct(at: Tensor(shape: inputShape, data: x),
                                                      outputGradient: Tensor(shape: outputShape, data: outputGradient))
            stats.backwardPasses += b
            // The start point (step 0) was judged in phase 1.
            if step > 0 {
                scan(y.data, points: x, jobs: jobs, active: &active)
                if found != nil { return }
            }
            Self.accumulate(dx.data, into: &direction, momentum: momentum)
            let fraction = schedule.fraction(step: step, of: steps)
            Self.signedStep(&x, direction: direction, fraction: fraction, lower: lower, upper: upper)
        }
        let y = graph.forward(Tensor(shape: inputShape, data: x))
        stats.forwardPasses += b
        scan(y.data, points: x, jobs: jobs, active: &active)
    }

    /// `m ← momentum · m + (1 − momentum) · g`; NaN partials count as 0 so that one bad
    /// gradient cannot freeze a coordinate for the rest of the run.
    static func accumulate(_ gradient: [Double], into m: inout [Double], momentum: Double) {
        m.withUnsafeMutableBufferPointer { ms in
            gradient.withUnsafeBufferPointer { g in
                for i in 0..<ms.count {
                    let gi = g[i].isNaN ? 0 : g[i]
                    ms[i] = momentum * ms[i] + (1 - momentum) * gi
                }
            }
        }
    }

    /// `x ← clamp(x − fraction · width · sign(direction))` per coordinate, where `direction`
    /// estimates ∂loss/∂x. The clamp uses the box bounds themselves, so the result lies in the
    /// box exactly; a zero partial leaves its coordinate where it is.
    static func signedStep(_ x: inout [Double], direction: [Double], fraction: Double, lower: [Double], upper: [Double]) {
        x.withUnsafeMutableBufferPointer { xs in
            direction.withUnsafeBufferPointer { g in
                lower.withUnsafeBufferPointer { lo in
                    upper.withUnsafeBufferPointer { hi in
                        for i in 0..<xs.count {
                            let step = fraction * (hi[i] - lo[i])
                            let v: Double
                            if g[i] > 0 { v = xs[i] - step } else if g[i] < 0 { v = xs[i] + step } else { continue }
                            xs[i] = min(max(v, lo[i]), hi[i])
                        }
                    }
                }
            }
        }
    }

    /// Judges the batched outputs of the iterates: updates each job's active row (from its own
    /// conjunction), and records the margin of the job's whole region — an iterate pushed
    /// towards one conjunction may well satisfy another — confirming non-negative ones.
    private mutating func scan(_ y: [Double], points: [Double], jobs: [Job], active: inout [Int]) {
        let m = graph.outputCount
        for (i, job) in jobs.enumerated() {
            let target = targets[job.target]
            let range = targetRanges[target.region]
            let (row, regionMargin) = y.withUnsafeBufferPointer { out in
                let (own, row) = target.evaluate(out, offset: i * m)
                var best = own
                for t in range where t != job.target { best = max(best, targets[t].evaluate(out, offset: i * m).margin) }
                return (row, best)
            }
            active[i] = row
            record(margin: regionMargin, region: target.region, points: points, sample: i)
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
