import VernierCore
import Numerics

/// α-CROWN: CROWN whose activation relaxation slopes are optimised by projected gradient ascent
/// (Adam) on the certified lower bounds — separately for every bounded row, as the slopes that help
/// one row hurt another.
///
/// Two stages (`bounds`):
/// 1. *Intermediate bounds* (`optimizeIntermediate`): layer by layer, the bounds of every inexact
///    element that feeds an activation (an unstable ReLU, a curved function) are optimised as rows
///    of their own, each with its own slopes for every earlier activation; a tightened layer
///    changes the relaxations of the next one, so the layers are done in order, each on the
///    bounds the previous ones left (and IBP re-propagated from them). Where this pays: deep
///    networks, whose final-layer bounds are dominated by loose intermediate ones.
/// 2. *Specification rows*: all rows at once, each with its own slopes.
///
/// Soundness does not depend on the optimiser: every slope yields a valid line because intercepts
/// are computed rigorously (`ScalarRelaxation`/`SoundIntercept`), lines are per row
/// (`RowLines`: each row's inequality holds by itself), every iterate's bound is certified and the
/// best is kept, never below CROWN's.
///
/// Gradient (derived by hand, checked against finite differences in the tests). For one row, the
/// bound is L = min_x A₀·x + Σ biases. At an activation node with incoming coefficient c_j on
/// element j, the selected line (lower if c_j ≥ 0, upper otherwise) contributes c_j·(a_j·v_j +
/// b(a_j)), where v_j is the operand and b(a) = max/min_x (f(x) − a·x) has db/da = −x*(a) (the
/// touch point, by the envelope theorem). The derivative of the rest of the bound with respect to
/// the operand coefficients is the operand's *relaxed value* v̂: the value obtained by running the
/// graph forward from the concretising input vertex with every node replaced by the linear map its
/// backward step used (affine nodes: themselves; activations: the selected lines; interval-fallback
/// nodes: the bound end chosen by the coefficient's sign). Hence ∂L/∂a_j = c_j·(v̂_j − x*_j), for
/// every row at once (v̂ is computed for all rows as one batch).
public struct AlphaCROWN: Sendable {
    public struct Options: Sendable {
        public var iterations: Int = 40
        /// Adam step on the normalised slope θ ∈ [0, 1] (slope = min + θ·(max − min)) of curved
        /// activations (sigmoid, GELU, …), whose bound is curved in the slope: 0.2 loses on small
        /// GELU networks, 0.4 overshoots; 0.05 beats 0.1 on dist_shift (at 20 final steps; worst
        /// rows of indices 1263, 3321, 4462: −3.21 / 3.65 / 6.94 against −3.55 / 3.43 / 6.77;
        /// auto_LiRPA −3.10 / 3.73 / 6.83).
        public var learningRate: Double = 0.05
        /// The same for piecewise-linear activations (ReLU, leaky ReLU, …), whose bound is linear
        /// in each slope: large steps do not overshoot a curved optimum, and the optimal slopes of
        /// deep networks are far from CROWN's start. mnist_fc worst rows: 256x4 prop 6 (ε 0.03)
        /// −4.109 at 0.1, −3.584 at 0.3, −3.547 at 0.5 (auto_LiRPA −3.525); 256x6 prop 9 −285.7,
        /// −206.0, −202.9 (auto_LiRPA −199.1).
        public var piecewiseLinearLearningRate: Double = 0.5
        /// Multiplicative learning-rate decay per iteration.
        public var decay: Double = 0.96
        /// Stop after this many iterations without improvement of the summed objective
        /// (`StallDetector`). The objective can stall for a dozen steps and then climb again (Adam
        /// at the ReLU step), so this is generous. Before the fix of 2026-12-02 (`StallDetector`) a
        /// NaN comparison made every run stop after exactly `patience` steps, so the final stage
        /// ran 20 steps, not 40: measurements in benchmarks/README.md before then are at 20.
        public var patience: Int = 20
        /// Optimise only the lower bounds of the rows (the upper bounds are left at +∞).
        public var lowerOnly = false
        /// Stage 1: optimise intermediate bounds too (`iterations` scaled by
        /// `intermediateIterationShare`).
        public var optimizeIntermediate = true
        public var intermediateIterationShare: Double = 0.5
        /// Rows optimised together (memory: rows × widest layer per traced node).
        public var rowChunk = 256
        /// Adam step of β-CROWN's split multipliers (`SplitMultipliers`; unnormalised, unlike θ).
        public var betaLearningRate: Double = 0.05
        public var crown = CROWN.Options()
        public init() {}
    }

    public let graph: Graph
    public var options: Options

    public init(graph: Graph, options: Options = Options()) {
        self.graph = graph
        self.options = options
    }

    public struct Result: Sendable {
        public var lower: [Double]
        public var upper: [Double]
        /// The CROWN bounds before optimisation (lower, upper), for reporting the gain.
        public var crownLower: [Double]
        public var crownUpper: [Double]
        public var intermediate: [IntervalTensor]
        public var iterations: Int
    }

    /// Bounds on every row of `specification` applied to the output.
    public func bounds(lower: [Double], upper: [Double], specification c: CoefficientMatrix,
                       deadline: (() -> Bool)? = nil) throws -> Result {
        let crown = CROWN(graph: graph, options: options.crown)
        let crownResult = try crown.bounds(lower: lower, upper: upper, specification: c)
        var inter = crownResult.intermediate
        var iterations = 0
        if options.optimizeIntermediate {
            iterations += try tightenIntermediate(&inter, deadline: deadline)
        }
        let m = c.rows
        var stacked = c
        if !options.lowerOnly {
            stacked.rows = 2 * m
            stacked.data += c.data.map { -$0 }
        }
        let (best, _, used) = try optimizeRows(stacked, at: graph.outputValue, bounds: inter,
                                               iterations: options.iterations, deadline: deadline)
        iterations += used
        // Never below CROWN's own bounds on the original intermediate bounds (both are sound).
        let lo = (0..<m).map { max(best[$0], crownResult.lower[$0]) }
        let hi = options.lowerOnly ? [Double](repeating: .infinity, count: m)
                                   : (0..<m).map { min(-best[m + $0], crownResult.upper[$0]) }
        return Result(lower: lo, upper: hi, crownLower: crownResult.lower, crownUpper: crownResult.upper,
                      intermediate: inter, iterations: iterations)
    }

    /// Optimised lower bound of one row `row·y` given precomputed intermediate bounds; returns
    /// (optimised, CROWN's) — the optimised value is never below CROWN's.
    public func lowerBound(of row: [Double], intermediate: [IntervalTensor], deadline: (() -> Bool)? = nil) throws -> (Double, Double) {
        let a = CoefficientMatrix(rows: 1, columns: row.count, data: row)
        let (best, initial, _) = try optimizeRows(a, at: graph.outputValue, bounds: intermediate,
                                                  iterations: options.iterations, deadline: deadline)
        return (best[0], initial[0])
    }

    /// α,β-CROWN on a branch-and-bound domain: optimised lower bounds of every row of
    /// `rows · y` given the domain's intermediate bounds, with the slopes and, per row, one
    /// Lagrange multiplier per split element of `splits` (see `SplitMultipliers`) optimised jointly.
    /// Returns (optimised, CROWN's) per row; the optimised value is never below CROWN's.
    public func lowerBounds(of rows: CoefficientMatrix, intermediate: [IntervalTensor], splits: BoundRestrictions,
                            deadline: (() -> Bool)? = nil) throws -> ([Double], [Double]) {
        let target = graph.outputValue
        let multipliers = SplitMultipliers(restrictions: splits, bounds: intermediate, before: target)
        let (best, initial, _) = try optimizeRows(rows, at: target, bounds: intermediate, iterations: options.iterations,
                                                  multipliers: multipliers, deadline: deadline)
        return (best, initial)
    }

    /// Stage 1: tightens, in graph order, the bounds of every inexact element that feeds an
    /// activation, by optimising its lower and upper bound as rows; later values' intervals are
    /// re-propagated from the tightened ones. Returns the iterations spent.
    @discardableResult
    public func tightenIntermediate(_ bounds: inout [IntervalTensor], deadline: (() -> Bool)? = nil) throws -> Int {
        let crown = CROWN(graph: graph, options: options.crown)
        let consumers = graph.consumers()
        let steps = max(1, Int((Double(options.iterations) * options.intermediateIterationShare).rounded()))
        var done = Set<Int>()
        var used = 0
        for node in graph.nodes where node.op is any ActivationOperator {
            let v = node.inputs[0]
            guard v > 0, !done.contains(v), !(graph.nodes[v - 1].op is ConstantOperator) else { continue }
            done.insert(v)
            if let deadline, deadline() { break }
            // Only values with an activation before them have slopes to optimise.
            guard graph.nodes[..<(v - 1)].contains(where: { $0.op is any ActivationOperator }) else { continue }
            let n = bounds[v].count
            guard n <= options.crown.maxIntermediateSize else { continue }
            let elements = crown.inexactElements(of: v, bounds: bounds[v], consumers: consumers[v])
            if elements.isEmpty { continue }
            let chunk = max(1, options.rowChunk / 2)
            for start in stride(from: 0, to: elements.count, by: chunk) {
                let part = Array(elements[start..<min(start + chunk, elements.count)])
                let k = part.count
                var rows = CoefficientMatrix.zeros(rows: 2 * k, columns: n)
                for (r, j) in part.enumerated() {
                    rows.data[r * n + j] = 1
                    rows.data[(k + r) * n + j] = -1
                }
                let (best, _, its) = try optimizeRows(rows, at: v, bounds: bounds, iterations: steps, deadline: deadline)
                used += its
                var b = bounds[v]
                for (r, j) in part.enumerated() {
                    let lo = max(b.lower.data[j], best[r]), hi = min(b.upper.data[j], -best[k + r])
                    // Both bounds are sound; crossing by ulps on a point value keeps the old pair.
                    if lo <= hi { b.lower.data[j] = lo; b.upper.data[j] = hi }
                }
                bounds[v] = b
            }
            // Later intervals from the tightened value (kept where tighter; both are sound).
            for index in graph.nodes.indices where index + 1 > v { CROWN.repropagate(graph, node: index, bounds: &bounds) }
        }
        return used
    }

    /// An activation node before the bounded value, with per-element slope boxes and CROWN's lines.
    struct Slot {
        var node: Int
        var operand: Int
        var activation: any ScalarActivation
        /// Per element, the range of slopes worth trying (nil: nothing to optimise).
        var slopeRange: [ClosedRange<Double>?]
        /// CROWN's heuristic lines on the operand bounds (used where nothing is optimised).
        var heuristic: [LinearRelaxation]
        /// Whether the upper line is optimised too. Not for ReLU: it is convex, so every valid
        /// upper line lies above the chord on the whole interval — moving off it only costs steps.
        var optimizeUpper = true
        /// Linear pieces only (ReLU and kin): optimised with `piecewiseLinearLearningRate`.
        var piecewiseLinear = false
    }

    /// Per slot, slopes for every (row, element), row-major; NaN: CROWN's heuristic line.
    struct Slopes {
        var lower: [Double]
        var upper: [Double]
    }

    func slots(before target: Int, bounds: [IntervalTensor]) -> [Slot] {
        var buffer = [CriticalPoint]()
        var out = [Slot]()
        for (i, node) in graph.nodes.enumerated() where i + 1 < target {
            guard let act = node.op as? any ActivationOperator else { continue }
            let f = act.scalarActivation
            let b = bounds[node.inputs[0]]
            let ranges = (0..<b.count).map { j -> ClosedRange<Double>? in
                guard let r = ScalarRelaxation.slopeRange(f, b.lower.data[j], b.upper.data[j]), r.upperBound > r.lowerBound else { return nil }
                return r
            }
            guard ranges.contains(where: { $0 != nil }) else { continue }
            let lines = (0..<b.count).map { ScalarRelaxation.relax(f, b.lower.data[$0], b.upper.data[$0], buffer: &buffer) }
            out.append(Slot(node: i, operand: node.inputs[0], activation: f, slopeRange: ranges, heuristic: lines,
                            optimizeUpper: !(f is Relu),
                            piecewiseLinear: f.curvature(in: -1, 1).allSatisfy { $0.curvature == .linear }))
        }
        return out
    }

    /// Maximises the certified lower bound of every row of `a · value(target)`, each row with its
    /// own slopes; returns (best per row, CROWN's per row, iterations used).
    func optimizeRows(_ a: CoefficientMatrix, at target: Int, bounds: [IntervalTensor], iterations: Int,
                      multipliers: SplitMultipliers? = nil, deadline: (() -> Bool)?) throws -> ([Double], [Double], Int) {
        let m = a.rows
        // CROWN's own bound (with concretisation cuts) is the floor.
        let floor = try BackwardPass(graph: graph, bounds: bounds).lowerBounds(a, at: target).lower
        var best = floor
        let slots = self.slots(before: target, bounds: bounds)
        let multipliers = multipliers.flatMap { $0.isEmpty ? nil : $0 }
        guard !slots.isEmpty || multipliers != nil, iterations > 0, m > 0 else { return (best, floor, 0) }
        // β: one multiplier per split element and row, starting at 0 (plain CROWN).
        var beta = [Double](repeating: 0, count: (multipliers?.elements.count ?? 0) * m)
        var adamBeta = Adam(count: beta.count)
        let betaLimits = multipliers?.limits(rows: m) ?? (lower: [], upper: [])
        var betaRate = options.betaLearningRate

        // θ per slot, row and element, initialised from CROWN's lines.
        var thetaLow = [[Double]](), thetaUp = [[Double]]()
        for s in slots {
            var tl = [Double](), tu = [Double]()
            for j in s.slopeRange.indices {
                guard let range = s.slopeRange[j] else { tl.append(.nan); tu.append(.nan); continue }
                let w = range.upperBound - range.lowerBound
                tl.append(min(max((s.heuristic[j].lower.slope - range.lowerBound) / w, 0), 1))
                tu.append(s.optimizeUpper ? min(max((s.heuristic[j].upper.slope - range.lowerBound) / w, 0), 1) : .nan)
            }
            thetaLow.append(Array([[Double]](repeating: tl, count: m).joined()))
            thetaUp.append(Array([[Double]](repeating: tu, count: m).joined()))
        }
        var adamLow = thetaLow.map { Adam(count: $0.count) }, adamUp = thetaUp.map { Adam(count: $0.count) }
        // Per slot, row and element: max − min of the slope box (the chain rule to θ).
        let widths = slots.map { s in
            Array(repeatElement(s.slopeRange.map { r in r.map { $0.upperBound - $0.lowerBound } ?? 0 }, count: m).joined())
        }
        // Learning rates per slot, decayed together.
        let rates = slots.map { $0.piecewiseLinear ? options.piecewiseLinearLearningRate : options.learningRate }
        var decayed = 1.0
        var stall = StallDetector(patience: options.patience)
        var relaxedCache = RelaxedValueCache()
        var used = 0
        for _ in 0..<iterations {
            if let deadline, deadline() { break }
            used += 1
            let slopes = slots.indices.map { k in Self.slopes(from: thetaLow[k], thetaUp[k], ranges: slots[k].slopeRange, rows: m) }
            let (values, grads, betaGrad) = try valueAndGradient(a, at: target, slots: slots, slopes: slopes, bounds: bounds,
                                                                 multipliers: multipliers, beta: beta, cache: &relaxedCache)
            var objective = 0.0
            for r in 0..<m {
                best[r] = max(best[r], values[r])
                if values[r].isFinite { objective += values[r] }
            }
            // Patience counts steps without progress of the optimiser's own objective: CROWN's
            // floor includes concretisation cuts the objective leaves out.
            if stall.shouldStop(after: objective) { break }
            for k in slots.indices {
                // Chain rule to θ: slope = min + θ·(max − min).
                adamLow[k].ascend(&thetaLow[k], gradient: zip(grads[k].lower, widths[k]).map { $0 * $1 }, rate: rates[k] * decayed)
                adamUp[k].ascend(&thetaUp[k], gradient: zip(grads[k].upper, widths[k]).map { $0 * $1 }, rate: rates[k] * decayed)
            }
            if multipliers != nil {
                adamBeta.ascend(&beta, gradient: betaGrad, rate: betaRate, lower: betaLimits.lower, upper: betaLimits.upper)
                betaRate *= options.decay
            }
            decayed *= options.decay
        }
        return (best, floor, used)
    }

    /// Slopes from normalised parameters, row-major (row, element): min + θ·(max − min) where the
    /// element has a slope box, NaN (CROWN's heuristic line) where it has none.
    static func slopes(from thetaLow: [Double], _ thetaUp: [Double], ranges: [ClosedRange<Double>?], rows m: Int) -> Slopes {
        let n = ranges.count
        var lower = [Double](repeating: .nan, count: m * n), upper = lower
        lower.withUnsafeMutableBufferPointer { lo in
            upper.withUnsafeMutableBufferPointer { up in
                for (j, range) in ranges.enumerated() {
                    guard let range else { continue }
                    let base = range.lowerBound, width = range.upperBound - range.lowerBound
                    for r in 0..<m {
                        lo[r * n + j] = base + thetaLow[r * n + j] * width
                        up[r * n + j] = base + thetaUp[r * n + j] * width
                    }
                }
            }
        }
        return Slopes(lower: lower, upper: upper)
    }

    /// The lines of every slot for the given slopes (rigorous intercepts), with touch points.
    func rowLines(_ slots: [Slot], _ slopes: [Slopes], rows m: Int, bounds: [IntervalTensor])
        -> (parameters: [Int: RelaxationParameters], lowerTouch: [[Double]], upperTouch: [[Double]]) {
        var buffer = [CriticalPoint]()
        var params = [Int: RelaxationParameters]()
        var lowTouch = [[Double]](), upTouch = [[Double]]()
        for (k, s) in slots.enumerated() {
            let b = bounds[s.operand]
            let n = b.count
            var ls = [Double](repeating: 0, count: m * n), li = ls, us = ls, ui = ls, lt = ls, ut = ls
            // Element-major: an element without a slope box has the same line in every row.
            for j in 0..<n {
                let fixed: LinearRelaxation? = s.slopeRange[j] == nil ? s.heuristic[j] : nil
                for r in 0..<m {
                    let e = r * n + j
                    let line = fixed ?? ScalarRelaxation.relax(s.activation, b.lower.data[j], b.upper.data[j],
                                                               lowerSlope: slopes[k].lower[e], upperSlope: slopes[k].upper[e],
                                                               buffer: &buffer)
                    ls[e] = line.lower.slope; li[e] = line.lower.intercept; lt[e] = line.lowerTouch
                    us[e] = line.upper.slope; ui[e] = line.upper.intercept; ut[e] = line.upperTouch
                }
            }
            params[s.node] = RelaxationParameters(rowLines: RowLines(rows: m, lowerSlope: ls, lowerIntercept: li,
                                                                     upperSlope: us, upperIntercept: ui))
            lowTouch.append(lt)
            upTouch.append(ut)
        }
        return (params, lowTouch, upTouch)
    }

    /// The certified bound of every row of `a · value(target)` for the given slopes (and split
    /// multipliers `beta`, index element·m + row), and its gradient with respect to every slot's
    /// lower and upper slopes (row-major, as `slopes`) and to `beta`.
    func valueAndGradient(_ a: CoefficientMatrix, at target: Int, slots: [Slot], slopes: [Slopes],
                          bounds: [IntervalTensor], multipliers: SplitMultipliers? = nil, beta: [Double] = [])
        throws -> ([Double], [(lower: [Double], upper: [Double])], [Double]) {
        var cache = RelaxedValueCache()
        return try valueAndGradient(a, at: target, slots: slots, slopes: slopes, bounds: bounds, multipliers: multipliers,
                                    beta: beta, cache: &cache)
    }

    /// The same, reusing the dense layers' relaxed outputs of the previous iteration (`cache`).
    func valueAndGradient(_ a: CoefficientMatrix, at target: Int, slots: [Slot], slopes: [Slopes],
                          bounds: [IntervalTensor], multipliers: SplitMultipliers?, beta: [Double],
                          cache: inout RelaxedValueCache)
        throws -> ([Double], [(lower: [Double], upper: [Double])], [Double]) {
        let m = a.rows
        let (params, lowTouch, upTouch) = rowLines(slots, slopes, rows: m, bounds: bounds)
        var injected = [Int: CoefficientMatrix](), injectedBias: [Double]? = nil
        if let multipliers {
            (injected, injectedBias) = multipliers.injection(beta, rows: m, graph: graph)
        }
        let result = try BackwardPass(graph: graph, bounds: bounds, parameters: params, concretizeCuts: false)
            .lowerBounds(a, at: target, trace: true, injected: injected, injectedBias: injectedBias)
        let relaxed = relaxedValues(result, parameters: params, bounds: bounds, rows: m, target: target, cache: &cache)
        var grads = [(lower: [Double], upper: [Double])]()
        for (k, s) in slots.enumerated() {
            let n = bounds[s.operand].count
            var gLow = [Double](repeating: 0, count: m * n), gUp = gLow
            if let coef = result.nodeCoefficients[s.node] {
                let v = relaxed[s.operand]
                for e in 0..<(m * n) {
                    let c = coef.data[e]
                    if c > 0 { gLow[e] = c * (v[e] - lowTouch[k][e]) } else if c < 0 { gUp[e] = c * (v[e] - upTouch[k][e]) }
                }
            }
            grads.append((gLow, gUp))
        }
        let betaGrad = multipliers?.gradient(beta, relaxed: relaxed, rows: m) ?? []
        return (result.lower, grads, betaGrad)
    }

    /// v̂ for every value before `target`, for all rows at once (row-major rows × elements): the
    /// forward pass of the linear maps the traced backward pass used.
    func relaxedValues(_ result: BackwardPass.Result, parameters: [Int: RelaxationParameters],
                       bounds: [IntervalTensor], rows m: Int, target: Int, cache: inout RelaxedValueCache) -> [[Double]] {
        var values = [[Double]](repeating: [], count: graph.valueCount)
        let a0 = result.inputCoefficients
        let n0 = graph.inputCount
        // The input vertex minimising each row's linear form: the lower end where the coefficient is ≥ 0.
        values[0] = [Double](unsafeUninitializedCapacity: m * n0) { x, count in
            a0.data.withUnsafeBufferPointer { a in
                bounds[0].lower.data.withUnsafeBufferPointer { lo in bounds[0].upper.data.withUnsafeBufferPointer { hi in
                    for r in 0..<m {
                        for j in 0..<n0 { x[r * n0 + j] = a[r * n0 + j] >= 0 ? lo[j] : hi[j] }
                    }
                }}
            }
            count = m * n0
        }
        for (i, node) in graph.nodes.enumerated() where i + 1 < target {
            let out = bounds[i + 1]
            let n = out.count
            guard let coef = result.nodeCoefficients[i] else {
                // Not on the path of the bound: any value in its bounds will do.
                let mid = out.lower.data.indices.map { 0.5 * out.lower.data[$0] + 0.5 * out.upper.data[$0] }
                values[i + 1] = Array(repeatElement(mid, count: m).joined())
                continue
            }
            if node.op is any ActivationOperator, let lines = parameters[i]?.rowLines {
                let x = values[node.inputs[0]]
                precondition(x.count == m * n && coef.data.count == m * n && lines.rows == m && lines.lowerSlope.count == m * n,
                             "relaxed values: \(m) rows of \(n) elements")
                values[i + 1] = [Double](unsafeUninitializedCapacity: m * n) { y, count in
                    coef.data.withUnsafeBufferPointer { c in x.withUnsafeBufferPointer { x in
                    lines.lowerSlope.withUnsafeBufferPointer { ls in lines.lowerIntercept.withUnsafeBufferPointer { li in
                    lines.upperSlope.withUnsafeBufferPointer { us in lines.upperIntercept.withUnsafeBufferPointer { ui in
                        for e in 0..<(m * n) {
                            y[e] = c[e] >= 0 ? ls[e] * x[e] + li[e] : us[e] * x[e] + ui[e]
                        }
                    }}}}}}
                    count = m * n
                }
            } else if node.inputs == [0], let linear = node.op as? Linear,
                      let y = linear.forwardFixingPoints(rows: values[0], box: bounds[0]) {
                // A dense layer on an input box that fixes most coordinates (dist_shift: 8 of 792
                // free): only the free columns vary between rows.
                values[i + 1] = y
            } else if node.inputs.count == 1, let linear = node.op as? Linear, !linear.dropsLastAxis {
                // From the last iteration where few inputs moved (the input vertex: only flipped
                // coefficient signs); else after a ReLU layer only the live columns (neurons off
                // on their interval contribute exact zeros); else the layer itself.
                let x = values[node.inputs[0]]
                values[i + 1] = cache.forward(linear, node: i, rows: x) {
                    linear.forwardOnLiveColumns(rows: x)
                        ?? linear.forward([Tensor(shape: [m] + graph.shape(of: node.inputs[0]), data: x)], batchSize: m).data
                }
            } else if node.op is any LinearBoundPropagating, !(node.op is any ActivationOperator) {
                // Affine operators map exactly; other relaxed operators are approximated by the
                // operator itself (the gradient is then approximate, the bound still certified).
                let operands = node.inputs.map { v in Tensor(shape: [m] + graph.shape(of: v), data: values[v]) }
                values[i + 1] = node.op.forward(operands, batchSize: m).data
            } else {
                values[i + 1] = (0..<(m * n)).map { e in coef.data[e] >= 0 ? out.lower.data[e % n] : out.upper.data[e % n] }
            }
        }
        return values
    }
}

/// Adam ascent on parameters in a box ([0, 1] unless given; projected by clamping). NaN
/// parameters are left alone.
struct Adam: Sendable {
    var m: [Double], v: [Double], t = 0
    let beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8

    init(count: Int) {
        m = [Double](repeating: 0, count: count)
        v = m
    }

    /// One step; `lower`/`upper` give per-parameter boxes (default [0, 1]).
    mutating func ascend(_ theta: inout [Double], gradient g: [Double], rate: Double,
                         lower: [Double]? = nil, upper: [Double]? = nil) {
        t += 1
        let c1 = 1 - Double.pow(beta1, Double(t)), c2 = 1 - Double.pow(beta2, Double(t))
        for i in theta.indices where theta[i].isFinite && g[i].isFinite {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i]
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
            let step = rate * (m[i] / c1) / ((v[i] / c2).squareRoot() + epsilon)
            theta[i] = min(max(theta[i] + step, lower?[i] ?? 0), upper?[i] ?? 1)
        }
    }
}
