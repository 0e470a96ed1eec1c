/// Two points of the region whose difference quotient certifies `LipschitzEstimate.lower`.
public struct LipschitzWitness: Sendable, Equatable {
    public var first: [Double]
    public var second: [Double]
}

/// The answer to a local Lipschitz query: lower ≤ L ≤ upper, with the baselines beside it.
///
/// `upper` is certified (sound under floating point): the best of the bounds below. `lower` is
/// witnessed: two points of the region whose outputs, enclosed rigorously by interval arithmetic,
/// differ by at least lower·‖x − x′‖ (so L ≥ lower even counting rounding).
public struct LipschitzEstimate: Sendable {
    public var norm: LipschitzNorm
    public var upper: Double
    public var lower: Double
    /// Interval-only bound (IBP on the Jacobian graph; the RecurJac/Fast-Lip style baseline).
    public var intervalOnly: Double
    /// The linear (CROWN or α-CROWN) bound on the whole region.
    public var linear: Double
    /// The bound after input-splitting branch and bound (nil when it did not run).
    public var branchAndBound: Double?
    /// The naive global bound ‖c‖·Π‖W_l‖·Π Lip(σ_l) (nil for graphs that are not a chain).
    public var naive: Double?
    /// The largest dual norm of a gradient met while searching (≥ lower in practice; not a certificate).
    public var sampledGradientNorm: Double
    public var witness: LipschitzWitness?
    /// Which bound gave `upper`: "interval", "crown", "alpha-crown" or "bab".
    public var method: String
    /// Sub-boxes bounded by branch and bound.
    public var domains: Int
    public var seconds: Double
    /// Whether the time limit stopped branch and bound before the gap target.
    public var timedOut: Bool

    /// upper / lower (∞ when lower is 0).
    public var gapRatio: Double { lower > 0 ? upper / lower : .infinity }
}
