import Foundation
import Yams

/// Everything a generation run depends on; with the seed it determines the output exactly
/// (apart from timings). Read from YAML or JSON (`load(path:)`); every key has a default, so a
/// config only states what it changes. `GeneratorConfig.standard` is the built-in default
/// (`examples/soundness/default.yaml` spells it out).
public struct GeneratorConfig: Sendable, Codable, Equatable {
    public var seed: UInt64 = 0
    /// Every input lies in `[domain[0], domain[1]]`; each ε-ball lies inside it.
    public var domain: [Double] = [-1, 1]
    /// Per-instance timeout written to `instances.csv` (seconds).
    public var timeout: Double = 60
    /// Models trained in parallel.
    public var jobs: Int = 2
    public var training = TrainingSettings()
    /// The attacks every planted counterexample must survive, weakest first.
    public var ladder: [AttackRung] = AttackRung.standardLadder
    public var models: [ModelConfig] = []

    public init(seed: UInt64 = 0, models: [ModelConfig] = []) {
        self.seed = seed
        self.models = models
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = GeneratorConfig()
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed
        domain = try c.decodeIfPresent([Double].self, forKey: .domain) ?? d.domain
        timeout = try c.decodeIfPresent(Double.self, forKey: .timeout) ?? d.timeout
        jobs = try c.decodeIfPresent(Int.self, forKey: .jobs) ?? d.jobs
        training = try c.decodeIfPresent(TrainingSettings.self, forKey: .training) ?? d.training
        ladder = try c.decodeIfPresent([AttackRung].self, forKey: .ladder) ?? d.ladder
        models = try c.decodeIfPresent([ModelConfig].self, forKey: .models) ?? d.models
    }

    /// Reads a YAML (or JSON, a subset of YAML) config and validates it.
    public static func load(path: String) throws -> GeneratorConfig {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SoundnessError("cannot read the config '\(path)'")
        }
        return try parse(text, source: path)
    }

    public static func parse(_ text: String, source: String = "config") throws -> GeneratorConfig {
        let config: GeneratorConfig
        do {
            config = try YAMLDecoder().decode(GeneratorConfig.self, from: text)
        } catch let e as DecodingError {
            throw SoundnessError("\(source): \(Self.describe(e))")
        } catch {
            throw SoundnessError("\(source): not valid YAML (\(error))")
        }
        try config.validate(source: source)
        return config
    }

    /// Checks ranges and that every layer string parses; errors name the model and setting.
    public func validate(source: String = "config") throws {
        func fail(_ m: String) -> SoundnessError { SoundnessError("\(source): \(m)") }
        guard domain.count == 2, domain[0].isFinite, domain[1].isFinite, domain[0] < domain[1] else {
            throw fail("domain must be [lo, hi] with lo < hi")
        }
        guard timeout > 0 else { throw fail("timeout must be positive") }
        guard jobs >= 1 else { throw fail("jobs must be at least 1") }
        try training.validate(fail)
        guard !ladder.isEmpty else { throw fail("ladder needs at least one attack rung") }
        for (k, r) in ladder.enumerated() where r.restarts < 1 || r.steps < 1 || !(r.initialStep > 0) {
            throw fail("ladder[\(k)]: restarts and steps must be >= 1 and initialStep > 0")
        }
        guard !models.isEmpty else { throw fail("models is empty") }
        var names = Set<String>()
        for m in models {
            guard !m.name.isEmpty, m.name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
                throw fail("model name '\(m.name)' must be non-empty letters, digits, '-', '_' or '.'")
            }
            guard names.insert(m.name).inserted else { throw fail("model name '\(m.name)' is used twice") }
            for l in m.layers where LayerSpec(l) == nil { throw fail("model '\(m.name)': unknown layer '\(l)'") }
            guard m.epsilon > 0, 2 * m.epsilon < domain[1] - domain[0] else {
                throw fail("model '\(m.name)': epsilon must be positive and the ball must fit the domain")
            }
            guard m.planted >= 0, m.clean >= 0, m.planted + m.clean > 0 else {
                throw fail("model '\(m.name)': needs planted + clean > 0 instances")
            }
            guard m.classes >= 2 else { throw fail("model '\(m.name)': classes must be >= 2") }
            _ = try m.network(seed: 0).inputCount
        }
    }

    private static func describe(_ e: DecodingError) -> String {
        func path(_ c: DecodingError.Context) -> String {
            c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch e {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            return "\(path(c)): \(c.debugDescription)"
        case .keyNotFound(let k, let c):
            return "\(path(c)): missing key '\(k.stringValue)'"
        @unknown default:
            return "\(e)"
        }
    }
}

/// One generated model: its architecture and its instances.
public struct ModelConfig: Sendable, Codable, Equatable {
    public var name: String
    /// Per-sample input shape, `[n]` or `[C, H, W]`.
    public var inputShape: [Int]
    public var classes: Int = 3
    /// Hidden layers (see `LayerSpec`); a dense layer with `classes` outputs is appended.
    public var layers: [String]
    /// L∞ radius of every instance of this model.
    public var epsilon: Double
    public var planted: Int = 4
    public var clean: Int = 2
    /// Where planted counterexamples go: on a `face` of the ball (one coordinate at ±ε, the others
    /// at the centre: far, in L∞, from the vertices signed-gradient attacks run to), `offFace`
    /// (one coordinate at ±3/4·ε, every other one at a common offset ±ε/16 from the centre: off
    /// the faces and vertices where signed-gradient steps clamp their iterates), `inside` the ball,
    /// at a `vertex`, `mixed` (face, inside and vertex in turn), or `scattered` (every coordinate
    /// between 1/4 and 5/8 of ε from the centre, independent signs: an off-face point near neither
    /// the centre — where the attacks' first start lies — nor a face, a vertex or a diagonal).
    public var placement: Placement = .face
    /// Overrides the run's training settings for this model.
    public var epochs: Int? = nil

    public enum Placement: String, Sendable, Codable, Equatable { case face, offFace, inside, vertex, mixed, scattered }

    public init(name: String, inputShape: [Int], classes: Int = 3, layers: [String], epsilon: Double,
                planted: Int = 4, clean: Int = 2, placement: Placement = .face, epochs: Int? = nil) {
        self.name = name
        self.inputShape = inputShape
        self.classes = classes
        self.layers = layers
        self.epsilon = epsilon
        self.planted = planted
        self.clean = clean
        self.placement = placement
        self.epochs = epochs
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        inputShape = try c.decode([Int].self, forKey: .inputShape)
        classes = try c.decodeIfPresent(Int.self, forKey: .classes) ?? 3
        layers = try c.decode([String].self, forKey: .layers)
        epsilon = try c.decode(Double.self, forKey: .epsilon)
        planted = try c.decodeIfPresent(Int.self, forKey: .planted) ?? 4
        clean = try c.decodeIfPresent(Int.self, forKey: .clean) ?? 2
        placement = try c.decodeIfPresent(Placement.self, forKey: .placement) ?? .face
        epochs = try c.decodeIfPresent(Int.self, forKey: .epochs)
    }

    /// A freshly initialised network of this architecture.
    public func network(seed: UInt64) throws -> TrainingNetwork {
        let specs = try layers.map { text -> LayerSpec in
            guard let s = LayerSpec(text) else { throw SoundnessError("model '\(name)': unknown layer '\(text)'") }
            return s
        }
        do {
            return try TrainingNetwork(inputShape: inputShape, hidden: specs, classes: classes, seed: seed)
        } catch let e as SoundnessError {
            throw SoundnessError("model '\(name)': \(e.message)")
        }
    }
}

/// How hidden-counterexample training runs.
public struct TrainingSettings: Sendable, Codable, Equatable {
    public var epochs = 2000
    public var learningRate = 0.01
    /// PGD steps and random starts of the inner (adversarial) loop, per centre and epoch.
    public var attackSteps = 10
    public var attackRestarts = 32
    /// Adversarial points kept per centre (the most recent ones); each epoch trains on all.
    public var window = 256
    /// Adversarial points added to each centre's window per epoch (the strongest runs of its pool).
    public var harvest = 4
    /// Guard points per planted counterexample and epoch, the "moat": correctly labelled points
    /// at an L∞ distance from it between an inner radius (shrinking from ε/2 to `guardRadius`·ε over
    /// the first half of training) and `moatRadius`·ε, which must win by `guardMargin` — more than
    /// the rest of the ball — so the violation narrows to a spike and the margin landscape
    /// slopes away from it outside the moat. Their hinge is a separate mean, weighted `guardWeight`.
    public var guards = 0
    public var guardRadius = 0.02
    public var moatRadius = 0.25
    public var guardMargin = 0.3
    public var guardWeight = 1.0
    /// Adversarial moat guards per planted point (`AdversarialGuards`): persistent points that
    /// climb the violation inside the moat `guardSteps` signed steps per epoch; trained on with
    /// the random guards' distance-dependent margins. 0: random guards only.
    public var adversarialGuards = 0
    public var guardSteps = 5
    /// Per planted point, the factor by which its hinge weight grows every epoch it is not
    /// misclassified by `hingeMargin` (and by whose square root it falls back towards
    /// `hingeWeight` once it is, capped at 8·`hingeWeight`): a multiplier that makes the
    /// planted constraint win against the ball and moat losses where the network cannot satisfy
    /// both at a fixed weight. 1: a fixed weight.
    public var hingeGrowth = 1.02
    /// Plateau: uniform points per planted ball and epoch (outside the moat) whose margin may not
    /// exceed `plateauCap` (`Losses.confidenceCap`, weight `plateauWeight`), so the ball's margin
    /// landscape is flat and does not funnel attacks towards the spike. 0: off.
    public var plateau = 0
    public var plateauCap = 0.3
    public var plateauWeight = 1.0
    /// Epochs between quick checks of the planted points; the best-scoring parameters are kept.
    public var checkInterval = 100
    /// Share of the epochs over which the adversarial radius grows from 0 to ε.
    public var warmup = 0.3
    /// Loss on the ball points: a hinge requiring the label to win by this logit margin (0: the
    /// softmax cross-entropy instead, which keeps widening the gap and so fights the spikes).
    public var robustMargin = 0.1
    /// Required misclassification margin of a planted counterexample (logit units).
    public var hingeMargin = 0.01
    public var hingeWeight = 1.0
    /// Seed every planted counterexample as a frozen spike detector inside the network's own
    /// layers before training (`SpikeSeed`): `seedProjections` random projections, each window
    /// `seedWidth` of the ball's extent, adding `seedGain` to a wrong logit and taking it from the
    /// label's. false: the spike must be learned by the hinge, moat and plateau alone.
    /// (The moat, adversarial guards and plateau default to 0 because they would fight a seeded
    /// spike; the learned path's last measured recipe was guards 16, adversarialGuards 16,
    /// plateau 32, 4000 epochs — specs/soundness-bench.md.)
    public var spikeSeed = true
    public var seedProjections = 6
    public var seedWidth = 0.002
    public var seedGain = 10.0
    /// After training each seeded spike is rescaled so its counterexample is misclassified by
    /// this logit margin: small, so bounds too tight by a fraction of a logit are caught.
    public var seedMargin = 0.05

    public init() {}

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = TrainingSettings()
        epochs = try c.decodeIfPresent(Int.self, forKey: .epochs) ?? d.epochs
        learningRate = try c.decodeIfPresent(Double.self, forKey: .learningRate) ?? d.learningRate
        attackSteps = try c.decodeIfPresent(Int.self, forKey: .attackSteps) ?? d.attackSteps
        attackRestarts = try c.decodeIfPresent(Int.self, forKey: .attackRestarts) ?? d.attackRestarts
        window = try c.decodeIfPresent(Int.self, forKey: .window) ?? d.window
        harvest = try c.decodeIfPresent(Int.self, forKey: .harvest) ?? d.harvest
        checkInterval = try c.decodeIfPresent(Int.self, forKey: .checkInterval) ?? d.checkInterval
        guards = try c.decodeIfPresent(Int.self, forKey: .guards) ?? d.guards
        guardRadius = try c.decodeIfPresent(Double.self, forKey: .guardRadius) ?? d.guardRadius
        moatRadius = try c.decodeIfPresent(Double.self, forKey: .moatRadius) ?? d.moatRadius
        guardMargin = try c.decodeIfPresent(Double.self, forKey: .guardMargin) ?? d.guardMargin
        guardWeight = try c.decodeIfPresent(Double.self, forKey: .guardWeight) ?? d.guardWeight
        adversarialGuards = try c.decodeIfPresent(Int.self, forKey: .adversarialGuards) ?? d.adversarialGuards
        guardSteps = try c.decodeIfPresent(Int.self, forKey: .guardSteps) ?? d.guardSteps
        hingeGrowth = try c.decodeIfPresent(Double.self, forKey: .hingeGrowth) ?? d.hingeGrowth
        plateau = try c.decodeIfPresent(Int.self, forKey: .plateau) ?? d.plateau
        plateauCap = try c.decodeIfPresent(Double.self, forKey: .plateauCap) ?? d.plateauCap
        plateauWeight = try c.decodeIfPresent(Double.self, forKey: .plateauWeight) ?? d.plateauWeight
        warmup = try c.decodeIfPresent(Double.self, forKey: .warmup) ?? d.warmup
        hingeMargin = try c.decodeIfPresent(Double.self, forKey: .hingeMargin) ?? d.hingeMargin
        robustMargin = try c.decodeIfPresent(Double.self, forKey: .robustMargin) ?? d.robustMargin
        hingeWeight = try c.decodeIfPresent(Double.self, forKey: .hingeWeight) ?? d.hingeWeight
        spikeSeed = try c.decodeIfPresent(Bool.self, forKey: .spikeSeed) ?? d.spikeSeed
        seedProjections = try c.decodeIfPresent(Int.self, forKey: .seedProjections) ?? d.seedProjections
        seedWidth = try c.decodeIfPresent(Double.self, forKey: .seedWidth) ?? d.seedWidth
        seedGain = try c.decodeIfPresent(Double.self, forKey: .seedGain) ?? d.seedGain
        seedMargin = try c.decodeIfPresent(Double.self, forKey: .seedMargin) ?? d.seedMargin
    }

    func validate(_ fail: (String) -> SoundnessError) throws {
        guard epochs >= 1, attackSteps >= 0, attackRestarts >= 1, window >= 1, harvest >= 1, checkInterval >= 1 else {
            throw fail("training: epochs, attackRestarts, window, harvest, checkInterval must be >= 1 and attackSteps >= 0")
        }
        guard learningRate > 0, learningRate.isFinite else { throw fail("training: learningRate must be positive") }
        guard guards >= 0, guardRadius > 0, guardRadius <= 1, moatRadius > 0, moatRadius <= 2 else {
            throw fail("training: guards >= 0, guardRadius in (0, 1] and moatRadius in (0, 2]")
        }
        guard guardMargin >= 0, guardWeight >= 0 else { throw fail("training: guardMargin and guardWeight must be >= 0") }
        guard adversarialGuards >= 0, guardSteps >= 0 else { throw fail("training: adversarialGuards and guardSteps must be >= 0") }
        guard hingeGrowth >= 1, hingeGrowth.isFinite else { throw fail("training: hingeGrowth must be >= 1") }
        guard plateau >= 0, plateauCap > robustMargin, plateauWeight >= 0 else {
            throw fail("training: plateau >= 0, plateauCap > robustMargin, plateauWeight >= 0")
        }
        guard (0...1).contains(warmup) else { throw fail("training: warmup must be in [0, 1]") }
        guard robustMargin >= 0 else { throw fail("training: robustMargin must be >= 0") }
        guard hingeMargin > 0, hingeWeight > 0 else { throw fail("training: hingeMargin and hingeWeight must be positive") }
        guard seedProjections >= 1, seedWidth > 0, seedWidth <= 0.1, seedGain > 0, seedGain.isFinite, seedMargin > 0 else {
            throw fail("training: seedProjections >= 1, seedWidth in (0, 0.1], seedGain > 0 and seedMargin > 0")
        }
    }
}

/// One rung of the hiding check: a PGD budget and step size.
public struct AttackRung: Sendable, Codable, Equatable {
    public var name: String
    public var restarts: Int
    public var steps: Int
    /// First step as a fraction of the box width (cosine decay to 5% of it).
    public var initialStep: Double
    /// Share of restarts starting at a random vertex of the box.
    public var cornerFraction: Double = 0.25
    public var seed: UInt64 = 1
    /// Run Vernier's own falsification stage instead (the `Verifier`'s default PGD options; the
    /// other budget fields are ignored), so no kept instance is one `vernier verify` would solve
    /// by attack alone.
    public var verifierDefault: Bool = false

    public init(name: String, restarts: Int, steps: Int, initialStep: Double, cornerFraction: Double = 0.25, seed: UInt64 = 1,
                verifierDefault: Bool = false) {
        self.verifierDefault = verifierDefault
        self.name = name
        self.restarts = restarts
        self.steps = steps
        self.initialStep = initialStep
        self.cornerFraction = cornerFraction
        self.seed = seed
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        restarts = try c.decode(Int.self, forKey: .restarts)
        steps = try c.decode(Int.self, forKey: .steps)
        initialStep = try c.decode(Double.self, forKey: .initialStep)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? "pgd-\(restarts)x\(steps)"
        cornerFraction = try c.decodeIfPresent(Double.self, forKey: .cornerFraction) ?? 0.25
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? 1
        verifierDefault = try c.decodeIfPresent(Bool.self, forKey: .verifierDefault) ?? false
    }

    /// Growing budgets, shrinking steps: the checks a planted counterexample must survive.
    public static let standardLadder: [AttackRung] = [
        AttackRung(name: "vernier-verify-pgd", restarts: 100, steps: 120, initialStep: 0.125, verifierDefault: true),
        AttackRung(name: "pgd-10x50", restarts: 10, steps: 50, initialStep: 0.1),
        AttackRung(name: "pgd-100x100", restarts: 100, steps: 100, initialStep: 0.05),
        AttackRung(name: "pgd-200x300-small", restarts: 200, steps: 300, initialStep: 0.01),
        AttackRung(name: "pgd-400x500-tiny", restarts: 400, steps: 500, initialStep: 0.003, cornerFraction: 0.5),
    ]
}
