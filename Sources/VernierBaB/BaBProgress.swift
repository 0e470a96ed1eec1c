/// A snapshot of a branch-and-bound run, for progress lines on stderr.
public struct BaBProgress: Sendable {
    /// Domains bounded so far and domains still open.
    public var domains: Int
    public var open: Int
    /// The smallest certified margin over the open domains (the property is proved once every
    /// open domain's margin is positive; this is the global lower bound of the search).
    public var globalMargin: Double
    public var seconds: Double
}
