/// Where a run stands, passed to the progress callback after every finished instance.
public struct RunProgress: Sendable {
    public var done: Int
    public var total: Int
    public var elapsed: Double
    public var counts: [VerdictName: Int]
    /// Worker threads running instances.
    public var jobs: Int

    /// Remaining seconds, extrapolated from the mean wall time per finished instance; nil
    /// before the first instance finishes.
    public var eta: Double? {
        guard done > 0 else { return nil }
        return elapsed / Double(done) * Double(total - done)
    }

    /// One status line, e.g. `[#########-----------]  45/100  v 30 f 10 ? 5  1m12s, ETA 1m28s`,
    /// `width` characters of bar. No terminal control characters: the caller adds `\r`.
    public func line(width: Int = 24) -> String {
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let filled = min(width, Int((fraction * Double(width)).rounded(.down)))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let c = { (v: VerdictName) in counts[v, default: 0] }
        var text = "[\(bar)] \(done)/\(total)  verified \(c(.verified)) falsified \(c(.falsified)) unknown \(c(.unknown) + c(.timeout))"
        text += "  \(Self.duration(elapsed))"
        if let eta, done < total { text += ", ETA \(Self.duration(eta))" }
        return text
    }

    /// `42s`, `3m05s`, `2h07m`.
    public static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" + String(format: "%02ds", s % 60) }
        return "\(s / 3600)h" + String(format: "%02dm", (s % 3600) / 60)
    }
}
