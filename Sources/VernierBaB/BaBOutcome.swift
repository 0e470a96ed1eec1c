/// How a branch-and-bound run on one region ended (input or activation splitting alike).
public enum BaBOutcome: Sendable {
    case verified
    /// A candidate that the caller must re-check with a forward pass (it did check here).
    case counterexample([Double])
    case unknown(String)
    case timeout
}
