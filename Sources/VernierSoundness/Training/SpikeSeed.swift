import Foundation
import VernierCore

/// Plants every hidden counterexample as a *seeded spike*: a small detector sub-network, written
/// into the network's own layers before training and frozen during it, that adds `gain` to the
/// logit of a wrong class (and subtracts it from the label's) only in a thin region around the
/// planted point x′, and is exactly (ReLU) or numerically (Sigmoid, Tanh, GELU, SiLU: below 10⁻¹²)
/// zero — value and gradient — everywhere else.
///
/// Why: training alone must *grow* a spike that is narrow in every direction while adversarial
/// training flattens the ball around it, and the 64–256-unit networks this machine can train in
/// the hour never formed one narrow enough (specs/soundness-bench.md: 1 of 46 planted points
/// survived the ladder). A seeded detector has no gradient outside its region, so a gradient
/// attack is not led to it, and its region is a slab of codimension `projections` whose width is
/// `4·width` of the ball's extent per direction: a random point of the ball lands in it with
/// probability about (12·width)^projections (≈ 10⁻¹⁰ at the defaults) — far below the ~3·10⁵
/// points the whole ladder evaluates. The rest of the network is trained as before (adversarial
/// training around every centre), so the network as a whole is robust except in the spike.
///
/// The detector, per planted point p (units taken from the top of each layer):
/// - **features** F(x): the inputs of a dense network; for a CNN, half the channels of every conv
///   layer are frozen *pass-through* channels (one tap of weight 1, a bias that keeps the
///   activation in its increasing range), so after pooling F is a non-decreasing function of every
///   input coordinate and its range over a box is [F(lower corner), F(upper corner)];
/// - **window** (first dense layer): for `projections` random projections r_m of F, the steps
///   A_m = step((r_m·F − t_m + δ_m)/δ_m) and B_m = step((t_m + δ_m − r_m·F)/δ_m) with t_m = r_m·F(x′)
///   and δ_m = `width` × the range of r_m·F over the ball; both are 1 within δ_m of t_m, and one
///   of them is 0 beyond 2δ_m;
/// - **and** (next activation stage): step(Σ_m (A_m + B_m) − 2M): 1 when every window holds, 0
///   when one fails;
/// - **carry** (each further stage): step(s − 1);
/// - **output**: +gain on the target class's logit, −gain on the label's.
/// A gate layer directly on the features (no activation between) builds the window from squares
/// instead, q_m = ((r_m·F − t_m)/s_m)², and the next stage steps on (w² − Σ q_m)/(3w²) (that path
/// needs one activation stage after the features, the others two).
///
/// `step(u)` is ≈ 0 for u ≤ −1 and ≈ 1 for u ≥ 0, built from the layer's own activation:
/// ReLU/GELU/SiLU (φ(120u + 90) − φ(120u + 30))/60 (two units), Sigmoid σ(60u + 30), Tanh
/// (tanh(30u + 15) + 1)/2 = σ(60u + 30) — outside the transition band every ReLU-like or Sigmoid
/// argument is ≥ 30 or ≤ −30, every Tanh argument ≥ 15 or ≤ −15 (the same σ(±30)).
///
/// Every weight into and out of a detector unit is frozen (so training neither moves its
/// thresholds nor reads its unbounded ReLU units), and every frozen parameter is rounded to
/// float32 before the self-check, so the exported network's detectors are the ones checked.
struct SpikeSeed: Sendable {
    /// Parameter indices training must leave unchanged.
    let frozen: [Int]
    /// Per planted point (in draft order): the detector's output at x′.
    let valueAtCounterexample: [Double]
    /// The largest |output| of any detector over the check points (the centres, random points and
    /// corners of every ball, x′ itself excepted).
    let largestValueElsewhere: Double
    /// Per planted point (draft order): the output-layer parameters carrying its ±gain.
    var outputParameters: [[Int]] = []
    /// The gain every planted point was seeded with.
    var gain = 0.0
    var outputConstants: [Double] = []
    var labels: [Int] = []
    var counterexamples: [[Double]] = []

    /// After training: rescales each spike so its counterexample is misclassified by `margin`
    /// (logits: max over the other classes minus the label's) rather than by the seeded gain, which
    /// is far larger than needed. A subtle violation is what a soundness benchmark should test: a
    /// verifier whose bounds are too tight by a fraction of a logit must be caught. Returns the
    /// violation margin of every counterexample afterwards (float32 parameters).
    @discardableResult
    func calibrate(_ net: inout TrainingNetwork, margin: Double) -> [Double] {
        let classes = net.classes
        guard case .dense(let inputs, _) = net.layers[net.layers.count - 1].kind else { return [] }
        let biasAt = net.layers[net.layers.count - 1].offset + classes * inputs
        var margins = [Double]()
        for k in counterexamples.indices {
            let z = net.logits(counterexamples[k], batch: 1)
            let label = labels[k], target = (label + 1) % classes
            // The spike adds g·s to the target's logit and takes it from the label's (s ≈ 1 at
            // x′). Without it the logits are z⁰; the violation max(z⁰_t + g·s, M⁰) − (z⁰_y − g·s),
            // with M⁰ the largest other logit, increases with g and equals `margin` at the
            // smaller of the two solutions below.
            let s = valueAtCounterexample[k]
            let zy = z[label] + gain * s, zt = z[target] - gain * s
            let others = (0..<classes).filter { $0 != label && $0 != target }.map { z[$0] }.max() ?? -Double.infinity
            let viaTarget = (margin + zy - zt) / (2 * s), viaOthers = (margin + zy - others) / s
            // Floor: a network that already misclassifies x′ without the spike keeps a small one.
            let wanted = max(min(viaTarget, viaOthers), margin / 2)
            let factor = wanted / gain
            for i in outputParameters[k] { net.parameters[i] = Double(Float(net.parameters[i] * factor)) }
            if outputConstants[k] != 0 {
                net.parameters[biasAt + target] -= gain * outputConstants[k] * (1 - factor)
                net.parameters[biasAt + label] += gain * outputConstants[k] * (1 - factor)
                for row in [target, label] { net.parameters[biasAt + row] = Double(Float(net.parameters[biasAt + row])) }
            }
            let y = net.logits(counterexamples[k], batch: 1)
            margins.append(Losses.violationMargin(y, row: 0, classes: classes, label: label))
        }
        return margins
    }

    struct Options: Sendable {
        /// M: random projections of the features per window (the slab's codimension).
        var projections = 6
        var width = 0.002
        var gain = 10.0
    }

    /// A linear function of the values between two layers (one layer's outputs, the next one's
    /// inputs): Σ coefficient·value[index] + constant.
    struct Form {
        var terms: [(index: Int, coefficient: Double)] = []
        var constant = 0.0

        static func + (a: Form, b: Form) -> Form { Form(terms: a.terms + b.terms, constant: a.constant + b.constant) }
        static func * (k: Double, a: Form) -> Form {
            Form(terms: a.terms.map { ($0.index, k * $0.coefficient) }, constant: k * a.constant)
        }
        static func + (a: Form, c: Double) -> Form { Form(terms: a.terms, constant: a.constant + c) }

        func value(_ v: [Double]) -> Double { terms.reduce(constant) { $0 + $1.coefficient * v[$1.index] } }
    }

    static func plant(into net: inout TrainingNetwork, drafts: [InstanceDraft], domain: [Double],
                      options: Options, seed: UInt64) throws -> SpikeSeed {
        var last: SoundnessError? = nil
        // A fresh draw of projections when one fails the exclusion checks (rare: a projection that
        // happens to be nearly flat over the ball).
        for attempt in 0..<20 {
            var trial = net
            var rng = SeededRandom.derived(seed, 0x5EED + UInt64(attempt))
            do {
                var builder = Builder(net: trial, drafts: drafts, domain: domain, options: options)
                let s = try builder.build(&trial, rng: &rng)
                net = trial
                return s
            } catch let e as SoundnessError where e.message.hasPrefix(Self.retryable) {
                last = e
            }
        }
        throw last ?? SoundnessError("spike seeding failed")
    }

    static let retryable = "spike seeding: projections"

    /// The walk over the layers that writes one detector per planted point.
    private struct Builder {
        let layers: [TrainingLayer]
        let drafts: [InstanceDraft]
        let domain: [Double]
        let options: Options
        /// Per dense or gate layer, the seeded output units (detector units).
        var seeded: [Set<Int>]
        var frozen = Set<Int>()
        /// Per layer, units taken so far from the top.
        var taken: [Int]

        init(net: TrainingNetwork, drafts: [InstanceDraft], domain: [Double], options: Options) {
            layers = net.layers
            self.drafts = drafts
            self.domain = domain
            self.options = options
            seeded = Array(repeating: [], count: net.layers.count)
            taken = Array(repeating: 0, count: net.layers.count)
        }

        /// What a point's detector needs from the next stage: its window (at the first dense or
        /// gate layer); a step of the argument `u` (not yet stepped: the window's and, or a
        /// quadratic window); or a carry of the stepped value `s` ∈ [0, 1].
        enum Stage { case window([Projection]), step(Form), carry(Form) }
        struct Projection { var r: [Double]; var t: Double; var spread: Double }

        mutating func build(_ net: inout TrainingNetwork, rng: inout SeededRandom) throws -> SpikeSeed {
            let planted = drafts.indices.filter { drafts[$0].isPlanted }
            guard !planted.isEmpty else { return SpikeSeed(frozen: [], valueAtCounterexample: [], largestValueElsewhere: 0) }
            guard let first = layers.firstIndex(where: { if case .dense = $0.kind { return true }; if case .gate = $0.kind { return true }; return false }),
                  first < layers.count - 1 else {
                throw SoundnessError("spike seeding needs a hidden dense or gate layer")
            }
            let featureIndices = try passThrough(&net, upTo: first)
            let (chain, weights) = (layers, net.parameters)
            let features = { (x: [Double]) -> [Double] in
                var v = x
                for l in 0..<first { v = chain[l].forward(v, batch: 1, parameters: weights).0 }
                return featureIndices.map { v[$0] }
            }
            // Window projections per planted point. Each must keep every *other* ball entirely
            // outside its window (so on every other instance each detector unit is stable —
            // always active or always inactive — and each step constant, which a linear
            // relaxation sees exactly; interval arithmetic alone does not see the two ReLU units
            // of a step cancel), and one of them must keep the planted ball's own centre out.
            let lowerF = drafts.map { features($0.lower) }, upperF = drafts.map { features($0.upper) }
            let m = min(options.projections, featureIndices.count)
            var stages = [Stage]()
            for p in planted {
                let x = features(drafts[p].counterexample!), c = features(drafts[p].centre)
                guard x != c else {
                    throw SoundnessError("spike seeding: the features cannot tell planted point \(p) from its centre (the pass-through channels of a CNN read only some pixels; place the point off the faces: placement offFace, inside or scattered)")
                }
                var projections = [Projection]()
                var centreExcluded = false
                var tries = 0
                while projections.count < m {
                    tries += 1
                    guard tries <= 200 * m else {
                        throw SoundnessError("\(SpikeSeed.retryable) of planted point \(p) do not separate it from the other balls")
                    }
                    // Entries on the float32 grid (the written weights are these scaled, then
                    // rounded again; the self-check below runs on the rounded network).
                    let r = (0..<featureIndices.count).map { _ in Double(Float(rng.uniform(-1, 1))) }
                    let range = { (q: Int) -> (Double, Double) in
                        var lo = 0.0, hi = 0.0
                        for j in r.indices {
                            lo += min(r[j] * lowerF[q][j], r[j] * upperF[q][j])
                            hi += max(r[j] * lowerF[q][j], r[j] * upperF[q][j])
                        }
                        return (lo, hi)
                    }
                    let own = range(p)
                    let spread = own.1 - own.0
                    let t = zip(r, x).reduce(0) { $0 + $1.0 * $1.1 }
                    let off = 2 * options.width * spread
                    guard spread > 0, drafts.indices.allSatisfy({ q in
                        let (lo, hi) = range(q)
                        return q == p || hi < t - off || lo > t + off
                    }) else { continue }
                    if abs(zip(r, c).reduce(0) { $0 + $1.0 * $1.1 } - t) > off { centreExcluded = true }
                    projections.append(Projection(r: r, t: t, spread: spread))
                }
                guard centreExcluded else {
                    throw SoundnessError("\(SpikeSeed.retryable) of planted point \(p) do not separate it from its centre")
                }
                stages.append(.window(projections))
            }
            // Walk the hidden layers after the features, writing each point's units.
            var l = first
            while l < layers.count - 1 {
                let activation: TrainingActivation? = {
                    if case .activation(let a) = layers[l + 1].kind { return a }
                    return nil
                }()
                switch layers[l].kind {
                case .dense, .gate:
                    for k in stages.indices {
                        stages[k] = try advance(stages[k], layer: l, activation: activation, featureIndices: featureIndices, net: &net)
                    }
                    l += activation == nil ? 1 : 2
                default:
                    throw SoundnessError("spike seeding: layer \(l + 1) (\(layers[l].kind)) after the first dense layer is not supported")
                }
            }
            let outputForms = try stages.map { stage -> Form in
                guard case .carry(let s) = stage else {
                    throw SoundnessError("spike seeding needs two activation stages after the features (a window, then an and)")
                }
                return s
            }
            // Output: ±gain on the target and label logits, every other weight out of a detector unit 0.
            let out = layers.count - 1
            guard case .dense(let inputs, let classes) = layers[out].kind else { throw SoundnessError("spike seeding: the last layer is not dense") }
            freezeColumns(&net, layer: out)
            var outputParameters = [[Int]]()
            for (k, p) in planted.enumerated() {
                let label = drafts[p].label, target = (label + 1) % classes
                var carried = [Int]()
                for (row, sign) in [(target, 1.0), (label, -1.0)] {
                    for term in outputForms[k].terms {
                        net.parameters[layers[out].offset + row * inputs + term.index] += sign * options.gain * term.coefficient
                        carried.append(layers[out].offset + row * inputs + term.index)
                    }
                    // A constant part (Tanh's step) goes into the bias, which stays trainable:
                    // the scaling in `calibrate` moves it by the same factor.
                    net.parameters[layers[out].offset + classes * inputs + row] += sign * options.gain * outputForms[k].constant
                }
                outputParameters.append(carried)
            }
            for i in frozen { net.parameters[i] = Double(Float(net.parameters[i])) }
            // Check the detector where it must fire and where it must not.
            let seededNet = net
            let value = { (x: [Double], k: Int) -> Double in
                let t = seededNet.trace(x, batch: 1)
                return outputForms[k].value(t.values[out])
            }
            let atCounterexample = planted.indices.map { value(drafts[planted[$0]].counterexample!, $0) }
            var elsewhere = 0.0
            for (k, p) in planted.enumerated() {
                let own = drafts[p].counterexample!
                var points = drafts.map(\.centre)
                for d in drafts {
                    for _ in 0..<64 { points.append(d.lower.indices.map { rng.uniform(d.lower[$0], d.upper[$0]) }) }
                    for _ in 0..<16 { points.append(d.lower.indices.map { rng.next() & 1 == 0 ? d.lower[$0] : d.upper[$0] }) }
                }
                // A corner may be x′ itself (vertex placement): that one is where it must fire.
                for x in points where x != own { elsewhere = max(elsewhere, abs(value(x, k))) }
                guard atCounterexample[k] > 0.99 else {
                    throw SoundnessError("spike seeding: the detector of planted point \(p) gives \(atCounterexample[k]) at its counterexample (expected 1)")
                }
            }
            guard elsewhere < 1e-6 else {
                throw SoundnessError("\(SpikeSeed.retryable) leave a detector active away from its counterexample (\(elsewhere))")
            }
            return SpikeSeed(frozen: frozen.sorted(), valueAtCounterexample: atCounterexample, largestValueElsewhere: elsewhere,
                             outputParameters: outputParameters, gain: options.gain,
                             outputConstants: planted.indices.map { outputForms[$0].constant }, labels: planted.map { drafts[$0].label },
                             counterexamples: planted.map { drafts[$0].counterexample! })
        }

        /// Writes one point's units of dense/gate layer `l` (followed by `activation`, or linear).
        mutating func advance(_ stage: Stage, layer l: Int, activation: TrainingActivation?, featureIndices: [Int],
                              net: inout TrainingNetwork) throws -> Stage {
            switch stage {
            case .window(let projections):
                let forms = projections.map { p in
                    Form(terms: zip(featureIndices, p.r).map { ($0, $1) }, constant: -p.t)
                }
                if case .gate = layers[l].kind, activation == nil {
                    // Squares of the scaled offsets; the next stage steps on (w² − Σ q)/(3w²).
                    let w = options.width
                    var u = Form(constant: 1 / 3)
                    for (f, p) in zip(forms, projections) {
                        let unit = try take(l, &net)
                        let scaled = (1 / p.spread) * f
                        writeGate(&net, layer: l, unit: unit, left: scaled, right: scaled)
                        u = u + Form(terms: [(unit, -1 / (3 * w * w))])
                    }
                    return .step(u)
                }
                guard let activation else { throw SoundnessError("spike seeding: the first dense layer must be followed by an activation") }
                var and = Form(constant: -2 * Double(projections.count))
                for (f, p) in zip(forms, projections) {
                    let delta = options.width * p.spread
                    // A: on when r·F ≥ t − δ; B: on when r·F ≤ t + δ.
                    and = and + (try step((1 / delta) * f + 1, layer: l, activation: activation, net: &net))
                    and = and + (try step((-1 / delta) * f + 1, layer: l, activation: activation, net: &net))
                }
                return .step(and)
            case .step(let u):
                guard let activation else { return .step(try pass(u, layer: l, net: &net)) }
                return .carry(try step(u, layer: l, activation: activation, net: &net))
            case .carry(let s):
                guard let activation else { return .carry(try pass(s, layer: l, net: &net)) }
                return .carry(try step(s + -1, layer: l, activation: activation, net: &net))
            }
        }

        /// step(u) from the layer's activation; returns it as a form over the layer's outputs.
        mutating func step(_ u: Form, layer l: Int, activation: TrainingActivation, net: inout TrainingNetwork) throws -> Form {
            switch activation {
            case .relu, .gelu, .silu:
                let a = try take(l, &net), b = try take(l, &net)
                writeLinear(&net, layer: l, unit: a, form: 120 * u + 90)
                writeLinear(&net, layer: l, unit: b, form: 120 * u + 30)
                return Form(terms: [(a, 1.0 / 60), (b, -1.0 / 60)])
            case .sigmoid:
                let a = try take(l, &net)
                writeLinear(&net, layer: l, unit: a, form: 60 * u + 30)
                return Form(terms: [(a, 1)])
            case .tanh:
                let a = try take(l, &net)
                writeLinear(&net, layer: l, unit: a, form: 30 * u + 15)
                return Form(terms: [(a, 0.5)], constant: 0.5)
            }
        }

        /// A linear layer passes the form on through one unit.
        mutating func pass(_ f: Form, layer l: Int, net: inout TrainingNetwork) throws -> Form {
            let a = try take(l, &net)
            writeLinear(&net, layer: l, unit: a, form: f)
            return Form(terms: [(a, 1)])
        }

        /// The next free unit from the top of layer `l`; the first time a layer is used, the
        /// weights from the previous layer's detector units into it are zeroed and frozen.
        mutating func take(_ l: Int, _ net: inout TrainingNetwork) throws -> Int {
            let size = layers[l].outputSize
            if taken[l] == 0 { freezeColumns(&net, layer: l) }
            guard taken[l] < size / 2 + size / 4 else {
                throw SoundnessError("spike seeding: layer \(l + 1) has \(size) units, too few for \(drafts.filter(\.isPlanted).count) planted spikes (at most 3/4 of a layer goes to detectors); widen it, plant fewer points or set spikeSeed: false")
            }
            taken[l] += 1
            let unit = size - taken[l]
            seeded[l].insert(unit)
            return unit
        }

        /// Zeroes and freezes every weight of layer `l` that reads a detector unit of the dense or
        /// gate layer feeding it (through an activation, which keeps unit indices).
        mutating func freezeColumns(_ net: inout TrainingNetwork, layer l: Int) {
            var source = l - 1
            while source >= 0, case .activation = layers[source].kind { source -= 1 }
            guard source >= 0, !seeded[source].isEmpty else { return }
            let columns = seeded[source]
            switch layers[l].kind {
            case .dense(let i, let o):
                for row in 0..<o { for c in columns { zeroFreeze(&net, layers[l].offset + row * i + c) } }
            case .gate(let i, let o):
                for row in 0..<o { for c in columns {
                    zeroFreeze(&net, layers[l].offset + row * i + c)
                    zeroFreeze(&net, layers[l].offset + o * i + o + row * i + c)
                } }
            default: break
            }
        }

        mutating func zeroFreeze(_ net: inout TrainingNetwork, _ index: Int) {
            net.parameters[index] = 0
            frozen.insert(index)
        }

        /// Unit `unit` of dense or gate layer `l` computes `form` (a gate's second branch is 1).
        mutating func writeLinear(_ net: inout TrainingNetwork, layer l: Int, unit: Int, form: Form) {
            switch layers[l].kind {
            case .dense(let i, let o): writeRow(&net, at: layers[l].offset, inputs: i, outputs: o, unit: unit, form: form)
            case .gate(let i, let o):
                writeRow(&net, at: layers[l].offset, inputs: i, outputs: o, unit: unit, form: form)
                writeRow(&net, at: layers[l].offset + o * i + o, inputs: i, outputs: o, unit: unit, form: Form(constant: 1))
            default: preconditionFailure("spike seeding writes dense and gate layers only")
            }
        }

        mutating func writeGate(_ net: inout TrainingNetwork, layer l: Int, unit: Int, left: Form, right: Form) {
            guard case .gate(let i, let o) = layers[l].kind else { preconditionFailure("not a gate layer") }
            writeRow(&net, at: layers[l].offset, inputs: i, outputs: o, unit: unit, form: left)
            writeRow(&net, at: layers[l].offset + o * i + o, inputs: i, outputs: o, unit: unit, form: right)
        }

        mutating func writeRow(_ net: inout TrainingNetwork, at offset: Int, inputs: Int, outputs: Int, unit: Int, form: Form) {
            for k in 0..<inputs { zeroFreeze(&net, offset + unit * inputs + k) }
            for term in form.terms { net.parameters[offset + unit * inputs + term.index] += term.coefficient }
            zeroFreeze(&net, offset + outputs * inputs + unit)
            net.parameters[offset + outputs * inputs + unit] = form.constant
        }

        /// Makes half the channels of every conv layer before `first` frozen pass-through
        /// channels; returns the flat indices, in layer `first`'s input, of the features.
        mutating func passThrough(_ net: inout TrainingNetwork, upTo first: Int) throws -> [Int] {
            let shape = layers[first].inputShape
            guard layers[0..<first].contains(where: { if case .conv = $0.kind { return true }; return false }) else {
                // A dense network (or pooling only, which keeps every coordinate's order): the inputs.
                return Array(0..<Shape.count(shape))
            }
            var through = Array(0..<layers[0].inputShape[0])
            // A lower bound on every pass-through value (the domain's low end at the input), from
            // which each bias is chosen to keep the activation where it increases.
            var floor = domain[0]
            for l in 0..<first {
                guard case .conv(let channels, let k, _, let padding) = layers[l].kind else {
                    if case .activation(let a) = layers[l].kind { floor = a.value(floor) }
                    continue
                }
                if padding > 0 { floor = min(floor, 0) }
                let c = layers[l].inputShape[0]
                let count = max(1, channels / 2)
                let activation: TrainingActivation? = {
                    if l + 1 < layers.count, case .activation(let a) = layers[l + 1].kind { return a }
                    return nil
                }()
                // Keep the activation's argument where it increases: ReLU-like ones at 0 or more
                // (at 1 or more when the values can be negative); Sigmoid and Tanh everywhere.
                var bias = 0.0
                switch activation {
                case .relu?, .gelu?, .silu?: bias = floor >= 0 ? 0 : 1 - floor
                case .sigmoid?, .tanh?, nil: bias = 0
                }
                floor += bias
                var next = [Int]()
                for j in 0..<count {
                    let o = channels - 1 - j
                    let filter = layers[l].offset + o * c * k * k
                    for w in 0..<(c * k * k) { zeroFreeze(&net, filter + w) }
                    let tap = (7 * j + l) % (k * k)
                    net.parameters[filter + through[j % through.count] * k * k + tap] = 1
                    zeroFreeze(&net, layers[l].offset + channels * c * k * k + o)
                    net.parameters[layers[l].offset + channels * c * k * k + o] = bias
                    next.append(o)
                }
                through = next
            }
            let area = shape.count == 3 ? shape[1] * shape[2] : 1
            return through.sorted().flatMap { ch in (0..<area).map { ch * area + $0 } }
        }
    }
}
