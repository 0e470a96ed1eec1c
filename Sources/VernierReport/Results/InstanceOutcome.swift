/// What one verification instance (a property of one model) came to: the verdict, how and how
/// fast it was reached, and the two margins that sandwich the property's true worst-case margin.
///
/// Margins are in "safety" units: positive means the property holds with room to spare. For
/// L∞ robustness that is `y_label − max_{j≠label} y_j` over the ε-ball. `certifiedMargin` is a
/// sound lower bound on the worst case (from CROWN / α-CROWN, outward rounded); `attackMargin`
/// is the smallest margin the PGD attack actually saw, so an upper bound on the worst case:
/// `certifiedMargin ≤ true worst margin ≤ attackMargin`.
public struct InstanceOutcome: Codable, Sendable, Equatable {
    /// Stable identifier, unique within a suite: `entry/sample/eps=ε` or `entry/spec-file`.
    public var id: String
    /// Position of the instance in the whole (unsharded) suite; orders merged shards.
    public var ordinal: Int
    /// Name of the suite entry (or the report) the instance belongs to.
    public var entry: String
    /// Robustness instances: the sample index, its label, the class the model predicts at the
    /// sample itself, and the radius.
    public var sample: Int?
    public var label: Int?
    public var predicted: Int?
    public var epsilon: Double?
    /// VNN-LIB instances: the property file as written in the suite.
    public var spec: String?

    public var verdict: VerdictName
    /// The method that decided (`pgd`, `crown`, `alpha-crown`, `input-split`, ...).
    public var method: String
    /// Wall-clock seconds for this instance (attack + bounding + optional Lipschitz bound).
    public var seconds: Double
    /// Sound lower bound on the worst-case margin (root bound when branching decided); nil when
    /// the run ended before any bound was computed.
    public var certifiedMargin: Double?
    /// Smallest margin the attack evaluated; nil when the attack evaluated nothing.
    public var attackMargin: Double?
    /// Certified upper bound on the local Lipschitz constant of the margin, when asked for.
    public var lipschitz: Double?
    /// Why the result is unknown (or other context); nil for verified instances.
    public var reason: String?

    public init(id: String, ordinal: Int, entry: String, sample: Int? = nil, label: Int? = nil, predicted: Int? = nil,
                epsilon: Double? = nil, spec: String? = nil, verdict: VerdictName, method: String, seconds: Double,
                certifiedMargin: Double? = nil, attackMargin: Double? = nil, lipschitz: Double? = nil, reason: String? = nil) {
        self.id = id
        self.ordinal = ordinal
        self.entry = entry
        self.sample = sample
        self.label = label
        self.predicted = predicted
        self.epsilon = epsilon
        self.spec = spec
        self.verdict = verdict
        self.method = method
        self.seconds = seconds
        self.certifiedMargin = certifiedMargin
        self.attackMargin = attackMargin
        self.lipschitz = lipschitz
        self.reason = reason
    }

    /// The same outcome without wall-clock facts (seconds, and reasons that quote a timeout),
    /// for comparing runs that must agree (a merged sharded run and an unsharded one).
    public var withoutTimings: InstanceOutcome {
        var copy = self
        copy.seconds = 0
        return copy
    }
}

/// The verdict as stored in result files. `timeout` is kept apart from `unknown` for the reader,
/// but both count as "not verified" everywhere (a timeout never passes a check).
public enum VerdictName: String, Codable, Sendable, CaseIterable, Comparable {
    case verified, falsified, unknown, timeout

    public static func < (a: VerdictName, b: VerdictName) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
