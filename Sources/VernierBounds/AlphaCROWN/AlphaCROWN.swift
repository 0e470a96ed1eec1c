import VernierCore
import Numerics

/// α-CROWN: CROWN whose activation relaxation slopes are optimised, per specification row, by
/// projected gradient ascent (Adam) on the certified lower bound.
///
/// Soundness does not depend on the optimiser: every slope yields a valid line because intercepts
/// are computed rigorously (`SoundIntercept`), so each iterate's bound is certified and the best
/// one is kept. Intermediate bounds are CROWN's (computed once).
///
/// Gradient (derived by hand, checked against finite differences in the tests). For one row, the
/// bound is L = min_x A₀·x + Σ biases. At an activation node with incoming coefficient c_j on
/// element j, the selected line (lower if c_j ≥ 0, upper otherwise) contributes c_j·(a_j·v_j +
/// b(a_j)), where v_j is the operand and b(a) = max/min_x (f(x) − a·x) has db/da = −x*(a) (the
/// touch point, by the envelope theorem). The derivative of the rest of the bound with respect to
/// the operand coefficients is the operand's *relaxed value* v̂: the value obtained by running the
/// graph forward from the concretising input vertex with every node replaced by the linear map its
/// backward step used (affine nodes: themselves; activations: the selected lines; interval-fallback
/// nodes: the bound end chosen by the coefficient's sign). Hence ∂L/∂a_j = c_j·(v̂_j − x*_j).
public struct AlphaCROWN: Sendable {
    public struct Options: Sendable {
        public var iterations: Int = 40
        /// Adam step on the normalised slope θ ∈ [0, 1] (slope = min + θ·(max − min)).
        public var learningRate: Double = 0.1
        /// Multiplicative learning-rate decay per iteration.
        public var decay: Double = 0.96
        /// Stop a row after this many iterations without improvement.
        public var patience: Int = 12
        /// Optimise only the lower bounds of the rows (the upper bounds are left at +∞).
        public var lowerOnly = false
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

    /// Bounds on every row of `specification` applied to the output, optimised row by row.
    public func bounds(lower: [Double], upper: [Double], specification c: CoefficientMatrix,
                       deadline: (() -> Bool)? = nil) throws -> Result {
        let crown = CROWN(graph: graph, options: options.crown)
        let inter = try crown.intermediateBounds(lower: lower, upper: upper)
        let m = c.rows
        var lo = [Double](repeating: -.infinity, count: m), crownLo = lo
        var hi = [Double](repeating: .infinity, count: m), crownHi = hi
        var totalIterations = 0
        // Rows c and −c: lower bounds of c·y give lower, of −c·y give −upper.
        for r in 0..<(options.lowerOnly ? m : 2 * m) {
            let sign: Double = r < m ? 1 : -1
            let row = (0..<c.columns).map { sign * c.data[(r % m) * c.columns + $0] }
            let (best, initial, its) = try optimizeRow(row, bounds: inter, deadline: deadline)
            totalIterations += its
            if r < m { lo[r] = best; crownLo[r] = initial } else { hi[r - m] = -best; crownHi[r - m] = -initial }
        }
        return Result(lower: lo, upper: hi, crownLower: crownLo, crownUpper: crownHi,
                      intermediate: inter, iterations: totalIterations)
    }

    /// Optimised lower bound of one row `row·y` given precomputed intermediate bounds; returns
    /// (optimised, CROWN's) — the optimised value is never below CROWN's.
    public func lowerBound(of row: [Double], intermediate: [IntervalTensor], deadline: (() -> Bool)? = nil) throws -> (Double, Double) {
        let (best, initial, _) = try optimizeRow(row, bounds: intermediate, deadline: deadline)
        return (best, initial)
    }

    /// Activation nodes with their per-element slope boxes.
    struct Slot {
        var node: Int
        var operand: Int
        var activation: any ScalarActivation
        var lowerRange: [ClosedRange<Double>?]
    }

    /// Maximises the certified lower bound of `row·y`; returns (best, CROWN's, iterations used).
    func optimizeRow(_ row: [Double], bounds: [IntervalTensor], deadline: (() -> Bool)?) throws -> (Double, Double, Int) {
        let pass = BackwardPass(graph: graph, bounds: bounds, concretizeCuts: false)
        let a = CoefficientMatrix(rows: 1, columns: row.count, data: row)
        // Slots: every activation node with its slope ranges.
        var slots = [Slot]()
        for (i, node) in graph.nodes.enumerated() {
            guard let act = node.op as? any ActivationOperator else { continue }
            let b = bounds[node.inputs[0]]
            let ranges = (0..<b.count).map { j in ScalarRelaxation.slopeRange(act.scalarActivation, b.lower.data[j], b.upper.data[j]) }
            slots.append(Slot(node: i, operand: node.inputs[0], activation: act.scalarActivation, lowerRange: ranges))
        }
        // CROWN's own bound (with cuts) is the floor: the optimiser only ever improves on it.
        let crownBound = try BackwardPass(graph: graph, bounds: bounds).lowerBounds(a, at: graph.outputValue).lower[0]
        let start = try pass.lowerBounds(a, at: graph.outputValue, trace: true)
        var best = max(start.lower[0], crownBound)
        guard !slots.isEmpty, options.iterations > 0 else { return (best, crownBound, 0) }

        // θ per slot element, for the lower and the upper line, initialised from CROWN's choices.
        var thetaLow = [[Double]](), thetaUp = [[Double]]()
        var buffer = [CriticalPoint]()
        for s in slots {
            let b = bounds[s.operand]
            var tl = [Double](), tu = [Double]()
            for j in 0..<b.count {
                guard let range = s.lowerRange[j], range.upperBound > range.lowerBound else { tl.append(.nan); tu.append(.nan); continue }
                let r = ScalarRelaxation.relax(s.activation, b.lower.data[j], b.upper.data[j], buffer: &buffer)
                let w = range.upperBound - range.lowerBound
                tl.append(min(max((r.lower.slope - range.lowerBound) / w, 0), 1))
                tu.append(min(max((r.upper.slope - range.lowerBound) / w, 0), 1))
            }
            thetaLow.append(tl)
            thetaUp.append(tu)
        }
        var adamLow = thetaLow.map { Adam(count: $0.count) }, adamUp = thetaUp.map { Adam(count: $0.count) }
        var lr = options.learningRate
        var bestObjective = start.lower[0]
        var stale = 0
        var used = 0
        for _ in 0..<options.iterations {
            if let deadline, deadline() { break }
            used += 1
            var params = [Int: RelaxationParameters]()
            for (k, s) in slots.enumerated() {
                params[s.node] = RelaxationParameters(
                    lowerSlope: zip(thetaLow[k], s.lowerRange).map { t, r in r.map { $0.lowerBound + t * ($0.upperBound - $0.lowerBound) } ?? .nan },
                    upperSlope: zip(thetaUp[k], s.lowerRange).map { t, r in r.map { $0.lowerBound + t * ($0.upperBound - $0.lowerBound) } ?? .nan })
            }
            let (value, grads) = try valueAndGradient(a, slots: slots, parameters: params, bounds: bounds, buffer: &buffer)
            best = max(best, value)
            // Patience counts steps without progress of the optimiser's own objective: CROWN's
            // floor includes concretisation cuts the objective leaves out, and measuring against
            // it would stop a run that is still climbing towards (and past) it.
            if value > bestObjective + 1e-12 * max(1, abs(bestObjective)) { bestObjective = value; stale = 0 } else { stale += 1 }
            if stale >= options.patience { break }
            for k in slots.indices {
                // Chain rule to θ: slope = min + θ·(max − min).
                let widths = slots[k].lowerRange.map { r in r.map { $0.upperBound - $0.lowerBound } ?? 0 }
                adamLow[k].ascend(&thetaLow[k], gradient: zip(grads[k].lower, widths).map { $0 * $1 }, rate: lr)
                adamUp[k].ascend(&thetaUp[k], gradient: zip(grads[k].upper, widths).map { $0 * $1 }, rate: lr)
            }
            lr *= options.decay
        }
        return (best, crownBound, used)
    }

    /// The certified bound of one row for the given slopes, and its gradient with respect to every
    /// slot's lower and upper slopes (see the type's documentation for the derivation).
    func valueAndGradient(_ a: CoefficientMatrix, slots: [Slot], parameters params: [Int: RelaxationParameters],
                          bounds: [IntervalTensor], buffer: inout [CriticalPoint]) throws -> (Double, [(lower: [Double], upper: [Double])]) {
        let result = try BackwardPass(graph: graph, bounds: bounds, parameters: params, concretizeCuts: false)
            .lowerBounds(a, at: graph.outputValue, trace: true)
        let relaxed = relaxedValues(result, parameters: params, bounds: bounds, buffer: &buffer)
        var grads = [(lower: [Double], upper: [Double])]()
        for s in slots {
            let b = bounds[s.operand]
            var gLow = [Double](repeating: 0, count: b.count), gUp = gLow
            if let coef = result.nodeCoefficients[s.node] {
                for j in 0..<b.count {
                    let cj = coef.data[j]
                    if cj == 0 { continue }
                    let r = ScalarRelaxation.relax(s.activation, b.lower.data[j], b.upper.data[j],
                                                   lowerSlope: params[s.node]?.lowerSlope[j],
                                                   upperSlope: params[s.node]?.upperSlope[j], buffer: &buffer)
                    let v = relaxed[s.operand][j]
                    if cj > 0 { gLow[j] = cj * (v - r.lowerTouch) } else { gUp[j] = cj * (v - r.upperTouch) }
                }
            }
            grads.append((gLow, gUp))
        }
        return (result.lower[0], grads)
    }

    /// v̂ for every value: the forward pass of the linear maps the traced backward pass used.
    func relaxedValues(_ result: BackwardPass.Result, parameters: [Int: RelaxationParameters],
                       bounds: [IntervalTensor], buffer: inout [CriticalPoint]) -> [[Double]] {
        var values = [[Double]](repeating: [], count: graph.valueCount)
        let a0 = result.inputCoefficients
        values[0] = (0..<graph.inputCount).map { j in a0.data[j] >= 0 ? bounds[0].lower.data[j] : bounds[0].upper.data[j] }
        for (i, node) in graph.nodes.enumerated() {
            let out = bounds[i + 1]
            guard let coef = result.nodeCoefficients[i] else {
                // Not on the path of the bound: any value in its bounds will do.
                values[i + 1] = out.lower.data.indices.map { 0.5 * out.lower.data[$0] + 0.5 * out.upper.data[$0] }
                continue
            }
            if let act = node.op as? any ActivationOperator {
                let b = bounds[node.inputs[0]]
                let x = values[node.inputs[0]]
                values[i + 1] = (0..<b.count).map { j in
                    let r = ScalarRelaxation.relax(act.scalarActivation, b.lower.data[j], b.upper.data[j],
                                                   lowerSlope: parameters[i]?.lowerSlope[j], upperSlope: parameters[i]?.upperSlope[j],
                                                   buffer: &buffer)
                    let line = coef.data[j] >= 0 ? r.lower : r.upper
                    return line.slope * x[j] + line.intercept
                }
            } else if node.op is any LinearBoundPropagating {
                // Affine operators map exactly; other relaxed operators are approximated by the
                // operator itself (the gradient is then approximate, the bound still certified).
                let operands = node.inputs.map { v in Tensor(shape: [1] + graph.shape(of: v), data: values[v]) }
                values[i + 1] = node.op.forward(operands, batchSize: 1).data
            } else {
                values[i + 1] = (0..<out.count).map { j in coef.data[j] >= 0 ? out.lower.data[j] : out.upper.data[j] }
            }
        }
        return values
    }
}

/// Adam ascent on parameters in [0, 1] (projected by clamping). NaN parameters are left alone.
struct Adam: Sendable {
    var m: [Double], v: [Double], t = 0
    let beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8

    init(count: Int) {
        m = [Double](repeating: 0, count: count)
        v = m
    }

    mutating func ascend(_ theta: inout [Double], gradient g: [Double], rate: Double) {
        t += 1
        let c1 = 1 - Double.pow(beta1, Double(t)), c2 = 1 - Double.pow(beta2, Double(t))
        for i in theta.indices where theta[i].isFinite && g[i].isFinite {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i]
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
            let step = rate * (m[i] / c1) / ((v[i] / c2).squareRoot() + epsilon)
            theta[i] = min(max(theta[i] + step, 0), 1)
        }
    }
}
