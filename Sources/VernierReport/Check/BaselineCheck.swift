/// The regression check of `vernier check`: a current run against a baseline.
///
/// It fails when (1) an instance verified in the baseline is not verified now (unknown and
/// timeout count as not verified — a timeout never passes), (2) a counterexample appears for an
/// instance that had none in the baseline (or is new), (3) a baseline instance is missing from
/// the current run, or (4) the certified accuracy of an (entry, ε) group falls more than
/// `tolerance` below the baseline's (or the group is gone).
public struct BaselineCheck: Sendable {
    /// The judgement of one instance (one JUnit test case).
    public struct InstanceCheck: Sendable, Equatable {
        public enum Status: String, Sendable { case pass, fail, skip }
        public var id: String
        public var entry: String
        public var baseline: VerdictName?
        public var current: VerdictName?
        public var status: Status
        /// One line: what changed and why it matters.
        public var message: String
        public var seconds: Double
    }

    /// The certified-accuracy comparison of one group.
    public struct AccuracyCheck: Sendable, Equatable {
        public var key: String
        public var baseline: Double
        /// nil when the group is missing from the current run.
        public var current: Double?
        public var tolerance: Double
        public var passed: Bool
    }

    public var instances: [InstanceCheck]
    public var accuracy: [AccuracyCheck]
    public var tolerance: Double
    /// Facts worth printing that do not fail the check (e.g. the suites differ).
    public var notes: [String]

    public var regressions: [InstanceCheck] { instances.filter { $0.status == .fail } }
    public var improvements: [InstanceCheck] { instances.filter { $0.status == .pass && $0.baseline != .verified } }
    public var failedAccuracy: [AccuracyCheck] { accuracy.filter { !$0.passed } }
    public var passed: Bool { regressions.isEmpty && failedAccuracy.isEmpty }

    public init(baseline: ResultsDocument, current: ResultsDocument, tolerance: Double) {
        self.tolerance = tolerance
        var notes = [String]()
        if baseline.fingerprint != current.fingerprint {
            notes.append("the runs differ in suite, seed or instances (fingerprint \(baseline.fingerprint) vs \(current.fingerprint)); instances are matched by id")
        }
        if !current.complete || current.instances.count < current.totalInstances {
            notes.append("the current run is incomplete: \(current.instances.count) of \(current.totalInstances) instances")
        }
        let now = Dictionary(current.instances.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let before = Dictionary(baseline.instances.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var checks = [InstanceCheck]()
        for b in baseline.instances where now[b.id] == nil {
            checks.append(InstanceCheck(id: b.id, entry: b.entry, baseline: b.verdict, current: nil, status: .fail,
                                        message: "missing from the current results (was \(b.verdict.rawValue))", seconds: 0))
        }
        for c in current.instances {
            let b = before[c.id]?.verdict
            checks.append(Self.judge(id: c.id, entry: c.entry, baseline: b, current: c.verdict, seconds: c.seconds, reason: c.reason))
        }
        let order = Dictionary(current.instances.map { ($0.id, $0.ordinal) } + baseline.instances.map { ($0.id, $0.ordinal) },
                               uniquingKeysWith: { a, _ in a })
        instances = checks.sorted { (order[$0.id] ?? 0, $0.id) < (order[$1.id] ?? 0, $1.id) }

        let currentGroups = Dictionary(current.summary.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        accuracy = baseline.summary.map { b in
            let c = currentGroups[b.key]?.certifiedAccuracy
            // A small slack absorbs the rounding of the two divisions, never a whole instance.
            let passed = c.map { $0 >= b.certifiedAccuracy - tolerance - 1e-9 } ?? false
            return AccuracyCheck(key: b.key, baseline: b.certifiedAccuracy, current: c, tolerance: tolerance, passed: passed)
        }
        self.notes = notes
    }

    static func judge(id: String, entry: String, baseline b: VerdictName?, current c: VerdictName, seconds: Double, reason: String?) -> InstanceCheck {
        func check(_ status: InstanceCheck.Status, _ message: String) -> InstanceCheck {
            InstanceCheck(id: id, entry: entry, baseline: b, current: c, status: status, message: message, seconds: seconds)
        }
        let was = b?.rawValue ?? "not in baseline"
        let why = reason.map { ": \($0)" } ?? ""
        switch c {
        case .verified:
            return check(.pass, b == .verified ? "verified" : "newly verified (was \(was))")
        case .falsified where b != .falsified:
            return check(.fail, "new counterexample (was \(was))")
        case .falsified:
            return check(.skip, "known counterexample (also falsified in the baseline)")
        case .unknown, .timeout:
            if b == .verified { return check(.fail, "no longer verified: \(c.rawValue)\(why)") }
            return check(.skip, "not verified: \(c.rawValue) (was \(was))\(why)")
        }
    }
}
