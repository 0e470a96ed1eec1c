/// The bounding method `vernier verify --method` selects.
public enum VerificationMethod: String, Sendable, CaseIterable, Codable {
    /// Interval bound propagation.
    case ibp
    /// Linear bound propagation (CROWN) with IBP as a floor.
    case crown
    /// CROWN, then α-CROWN (optimised relaxation slopes) on what CROWN leaves open.
    case alphaCrown = "alpha-crown"
    /// α-CROWN, then branch and bound on the input box (for low-dimensional inputs).
    case inputSplit = "input-split"
    /// α-CROWN, then branch and bound on activation inputs (ReLU phases, GenBaB-style splits of
    /// general activations) — for networks with many inputs.
    case activationSplit = "activation-split"
    /// The strongest method available that fits the time limit.
    case auto

    /// What `auto` resolves to today.
    public var resolved: VerificationMethod { self == .auto ? .alphaCrown : self }
}
