/// Everything a run found out: the verdict, how, with which certified margins, and how long it took.
public struct VerificationResult: Sendable {
    public var verdict: Verdict
    /// The method that decided (e.g. `ibp`, `alpha-crown`, `input-split`, `pgd`).
    public var method: String
    /// Per region and violation conjunction, the certified margin (> 0: refuted). nil when the
    /// run ended before bounding (e.g. a counterexample was found first).
    public var margins: [[Double]]?
    public var seconds: Double
    /// Seconds per phase (`falsify`, `bound`, ...).
    public var timings: [String: Double]
    /// Branch-and-bound domains bounded (0 when no branching happened).
    public var domains: Int
    /// Domain LPs solved with GLPK during branch and bound.
    public var lps: Int = 0

    public init(verdict: Verdict, method: String, margins: [[Double]]?, seconds: Double, timings: [String: Double], domains: Int = 0,
                lps: Int = 0) {
        self.lps = lps
        self.verdict = verdict
        self.method = method
        self.margins = margins
        self.seconds = seconds
        self.timings = timings
        self.domains = domains
    }

    /// The smallest certified margin over all violation cases (the property's certified margin).
    public var certifiedMargin: Double? {
        margins.map { $0.flatMap { $0 }.min() ?? .infinity }
    }
}
