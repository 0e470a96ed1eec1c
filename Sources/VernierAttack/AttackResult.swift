/// What a falsification attack found.
///
/// `violates` is true only for an input that passed the exact check (a plain single-sample
/// forward pass in Double, then `Property.isViolated`); it is never set from a batched
/// margin. Callers that build a confirmed counterexample still re-check the input themselves
/// (VernierVerify's `Counterexample.check` is the one constructor of such a value).
public struct AttackResult: Sendable {
    /// A point the attack evaluated, with the output of a plain forward pass on it.
    public struct Candidate: Sendable, Hashable {
        /// Lies in `property.regions[region].box` exactly.
        public let input: [Double]
        /// `graph.evaluate(input)`.
        public let output: [Double]
        /// The region the point was attacked in, or (for a violation) the first region whose box
        /// contains it and whose violation it satisfies.
        public let region: Int
        /// `property.violationMargin(region:output:)`: `≥ 0` exactly when the output violates
        /// that region.
        public let margin: Double
    }

    /// The confirmed violation when `violates`; otherwise the best point seen (the largest
    /// margin), or nil when nothing was evaluated.
    public let candidate: Candidate?
    /// Whether `candidate` is a checked violation of the property.
    public let violates: Bool
    /// Per region, the largest violation margin seen in the attack's batched passes (`-infinity`
    /// for a region never evaluated). A margin that is negative everywhere is *no* evidence that
    /// the property holds: PGD is incomplete.
    public let bestMargins: [Double]
    public let statistics: AttackStatistics
    /// Whether `shouldStop` ended the search before the budget was spent.
    public let interrupted: Bool

    init(candidate: Candidate?, violates: Bool, bestMargins: [Double], statistics: AttackStatistics, interrupted: Bool) {
        self.candidate = candidate
        self.violates = violates
        self.bestMargins = bestMargins
        self.statistics = statistics
        self.interrupted = interrupted
    }
}

/// Work done by an attack, counted per sample so the numbers do not depend on the batch size.
public struct AttackStatistics: Sendable, Hashable {
    /// Samples evaluated by forward-only passes (start points, final iterates, exact checks).
    public internal(set) var forwardPasses = 0
    /// Samples differentiated by `vectorJacobianProduct` (each includes its own forward pass).
    public internal(set) var backwardPasses = 0
    /// PGD runs started (one per start point and attacked conjunction).
    public internal(set) var restarts = 0
    /// Iterates moved to a fresh random point because their gradient was exactly zero.
    public internal(set) var plateauResamples = 0
    /// Exact single-sample checks of points whose batched margin was non-negative.
    public internal(set) var exactChecks = 0

    public init() {}
}
