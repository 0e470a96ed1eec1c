import VernierCore

/// Extra interval constraints on graph values that hold on a sub-domain of the input region — the
/// split decisions of activation branch and bound ("z_j ≥ 0", "z_j ≤ 0", or "z_j ∈ [l, p]" for a
/// general activation split at p).
///
/// Soundness: a domain is the set of inputs of the region whose values satisfy all its
/// restrictions; bounds computed with the restricted intervals hold on that set (every point of it
/// has its restricted values inside the intervals, so every relaxation built on them is valid
/// there). The two children of a split cover the parent (closed intervals sharing the split point),
/// so a property proved on both is proved on the parent. When a restriction leaves an empty
/// interval the domain contains no input at all and is vacuously safe.
public struct BoundRestrictions: Sendable, Equatable {
    /// Per value id: element index → the interval the element is restricted to.
    public private(set) var intervals: [Int: [Int: ClosedInterval]] = [:]
    /// The smallest value id with a restriction: values with smaller ids do not depend on any
    /// restriction (nodes are topologically ordered), so a child domain can reuse their bounds.
    public private(set) var firstValue: Int = Int.max

    public init() {}

    public var isEmpty: Bool { intervals.isEmpty }
    public var count: Int { intervals.values.reduce(0) { $0 + $1.count } }

    /// Adds `lo ≤ value[element] ≤ hi`, intersected with any earlier restriction of the element.
    public mutating func restrict(value: Int, element: Int, lower lo: Double, upper hi: Double) {
        var perValue = intervals[value] ?? [:]
        let old = perValue[element] ?? ClosedInterval(lower: -.infinity, upper: .infinity)
        perValue[element] = ClosedInterval(lower: max(old.lower, lo), upper: min(old.upper, hi))
        intervals[value] = perValue
        firstValue = min(firstValue, value)
    }

    /// Intersects `bounds` (one value's per-sample bounds) with the restrictions of `value`.
    /// Returns false when some element's interval becomes empty (the domain is infeasible).
    public func apply(to bounds: inout IntervalTensor, value: Int) -> Bool {
        guard let perValue = intervals[value] else { return true }
        for (j, r) in perValue {
            bounds.lower.data[j] = max(bounds.lower.data[j], r.lower)
            bounds.upper.data[j] = min(bounds.upper.data[j], r.upper)
            if !(bounds.lower.data[j] <= bounds.upper.data[j]) { return false }
        }
        return true
    }
}

/// A closed interval [lower, upper] of one scalar (may be empty when lower > upper).
public struct ClosedInterval: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }
}
