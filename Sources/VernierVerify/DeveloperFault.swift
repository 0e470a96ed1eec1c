/// Deliberately broken verifier behaviours, for the soundness runner's self-test only: a runner
/// that judges a verifier must catch these as unsound claims on instances with hidden
/// counterexamples. Never set outside that test (the CLI exposes them only behind a hidden flag).
public enum DeveloperFault: String, Sendable, CaseIterable {
    /// Bounds shifted to be too tight: every certified margin is raised by 0.5 before it is
    /// judged, as a relaxation scaled past the function would do.
    case tightenedBounds = "tightened-bounds"
    /// The final decision skipped: a property the bounds leave open is reported verified
    /// (every margin forced positive), so no branching or check ever runs.
    case verifiedWhenOpen = "verified-when-open"

    /// The margins the broken verifier acts on.
    public func corrupt(_ margins: [[Double]]) -> [[Double]] {
        switch self {
        case .tightenedBounds: margins.map { $0.map { $0 + 0.5 } }
        case .verifiedWhenOpen: margins.map { $0.map { max($0, 1) } }
        }
    }
}
