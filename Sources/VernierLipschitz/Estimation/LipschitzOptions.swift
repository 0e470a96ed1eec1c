import VernierBounds

/// How a Lipschitz estimate is computed (typed options; no global settings).
public struct LipschitzOptions: Sendable {
    /// The linear bound on the Jacobian graph.
    public enum LinearMethod: String, Sendable, CaseIterable {
        /// CROWN with CROWN-tightened intermediate bounds.
        case crown
        /// CROWN, then α-CROWN's optimised slopes for the final bound (slower; helps smooth activations).
        case alphaCROWN = "alpha-crown"
    }

    public var linearMethod: LinearMethod = .crown
    /// Tighten the upper bound by splitting the input box (anytime, only ever lowers it).
    public var branchAndBound = true
    /// Let branch and bound fix the derivative of unstable ReLU/LeakyReLU neurons (both signs)
    /// before bisecting the input box.
    public var activationSplitting = true
    /// Budget of domains bounded by branch and bound.
    public var maxDomains = 4000
    /// Branch and bound stops once upper ≤ lower·(1 + this).
    public var targetRelativeGap = 1e-3
    /// Random points sampled for the lower bound (besides the centre and box vertices).
    public var samples = 1024
    /// Best samples refined by ascent on the Jacobian norm, and ascent steps for each.
    public var ascentStarts = 4
    public var ascentSteps = 40
    public var seed: UInt64 = 0x5EED
    public var crown = CROWN.Options()

    public init() {}
}
