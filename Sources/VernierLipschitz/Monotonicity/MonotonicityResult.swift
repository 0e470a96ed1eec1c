/// Which way an output must move with a feature.
public enum MonotonicityDirection: String, Sendable, CaseIterable, Codable {
    /// ∂y/∂x_i ≥ 0: raising the feature never lowers the output.
    case increasing
    /// ∂y/∂x_i ≤ 0: raising the feature never raises the output.
    case decreasing

    var sign: Double { self == .increasing ? 1 : -1 }
}

/// The answer to a monotonicity query over a region.
public struct MonotonicityResult: Sendable {
    public enum Verdict: String, Sendable {
        /// Certified over the whole region (every Clarke partial derivative has the right sign).
        case certified
        /// Two points of the region, differing only in the feature, where the output moves the
        /// wrong way — checked with rigorous output enclosures.
        case violated
        /// Neither, within the time and domain budget.
        case unknown
    }

    public var verdict: Verdict
    public var direction: MonotonicityDirection
    /// Certified enclosure of ∂y/∂x_i over the region (from the bound on the whole region; branch
    /// and bound may have certified the sign even when this enclosure straddles 0).
    public var derivativeLower: Double
    public var derivativeUpper: Double
    /// For `violated`: `first` has the smaller feature value and the output moves against `direction` from it to `second`.
    public var witness: LipschitzWitness?
    public var domains: Int
    public var seconds: Double
    public var timedOut: Bool
}
