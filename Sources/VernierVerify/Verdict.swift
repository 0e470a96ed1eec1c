/// The answer to "does the property hold?" — the one verdict type every method returns.
///
/// VNN-COMP semantics: the specification describes a *violation*; `verified` means no input in the
/// region violates it (`unsat`), `falsified` means a counterexample was found *and re-checked* by a
/// plain forward pass (`sat`).
public enum Verdict: Sendable, Equatable {
    case verified
    case falsified(Counterexample)
    case unknown(reason: String)
    case timeout

    /// The VNN-COMP result word.
    public var resultWord: String {
        switch self {
        case .verified: "unsat"
        case .falsified: "sat"
        case .unknown: "unknown"
        case .timeout: "timeout"
        }
    }

    /// The human word used in reports and JSON.
    public var name: String {
        switch self {
        case .verified: "verified"
        case .falsified: "falsified"
        case .unknown: "unknown"
        case .timeout: "timeout"
        }
    }

    /// Process exit code (specs/cli.md): 0 verified, 1 falsified, 2 unknown or timeout.
    public var exitCode: Int32 {
        switch self {
        case .verified: 0
        case .falsified: 1
        case .unknown, .timeout: 2
        }
    }
}
