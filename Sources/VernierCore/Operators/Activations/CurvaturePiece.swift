/// The curvature of an activation on a closed piece of its domain.
public enum Curvature: Sendable, Equatable {
    /// f is affine on the piece (so both convex and concave).
    case linear
    /// f is convex on the piece (chords lie above, tangents and subgradient lines below).
    case convex
    /// f is concave on the piece.
    case concave
    /// Nothing is claimed: a tiny piece around an inflection point known only approximately.
    case mixed

    /// The curvature of −f (or of f(−x) mirrored in value).
    public var negated: Curvature {
        switch self {
        case .convex: .concave
        case .concave: .convex
        case .linear, .mixed: self
        }
    }
}

/// One piece of a curvature partition: f restricted to [lower, upper] has the stated curvature.
///
/// Pieces of a partition are consecutive (each starts where the previous ends). Kinks are part of
/// the pieces that contain them — ReLU is one convex piece — and a piece boundary is placed at
/// every kink or inflection where the curvature class changes. Adjacent pieces must not be assumed
/// to combine: f is convex on a union of convex pieces only when it is stated for the union.
public struct CurvaturePiece: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public var curvature: Curvature

    public init(lower: Double, upper: Double, curvature: Curvature) {
        self.lower = lower
        self.upper = upper
        self.curvature = curvature
    }

    /// The whole line with one curvature.
    public static func whole(_ c: Curvature) -> [CurvaturePiece] {
        [CurvaturePiece(lower: -.infinity, upper: .infinity, curvature: c)]
    }

    /// A partition of ℝ from sorted breakpoints: `curvatures[i]` holds between `breaks[i-1]` and
    /// `breaks[i]` (with −∞ and +∞ at the ends); `curvatures.count == breaks.count + 1`.
    public static func layout(breaks: [Double], curvatures: [Curvature]) -> [CurvaturePiece] {
        precondition(curvatures.count == breaks.count + 1, "one curvature per piece")
        let ends = [-Double.infinity] + breaks + [Double.infinity]
        return curvatures.indices.map { CurvaturePiece(lower: ends[$0], upper: ends[$0 + 1], curvature: curvatures[$0]) }
    }

    /// A partition of ℝ around inflection points known to lie within `radius` of `locations`
    /// (sorted): each gets a `.mixed` piece [location − radius, location + radius] (none when the
    /// location is exact, radius 0) and the `curvatures` (one more than the inflections) hold
    /// between them.
    public static func layout(inflections locations: [Double], radius: Double,
                              curvatures: [Curvature]) -> [CurvaturePiece] {
        precondition(curvatures.count == locations.count + 1, "one curvature per piece")
        var pieces = [CurvaturePiece]()
        var start = -Double.infinity
        for (i, x) in locations.enumerated() {
            let a = x - radius, b = x + radius
            pieces.append(CurvaturePiece(lower: start, upper: a, curvature: curvatures[i]))
            if a < b { pieces.append(CurvaturePiece(lower: a, upper: b, curvature: .mixed)) }
            start = b
        }
        pieces.append(CurvaturePiece(lower: start, upper: .infinity, curvature: curvatures[locations.count]))
        return pieces
    }

    /// Two pieces meeting at a kink at 0: `left` on (−∞, 0], `right` on [0, ∞), and the slope
    /// jumping by `slopeJump` (right minus left derivative) at 0. They merge into one piece when the
    /// kink agrees with their curvature (a kink whose slope increases is convex).
    public static func kinkAtZero(left: Curvature, right: Curvature, slopeJump: Double) -> [CurvaturePiece] {
        let kink: Curvature = slopeJump > 0 ? .convex : (slopeJump < 0 ? .concave : .linear)
        if let merged = combine(combine(left, kink), right) {
            return whole(merged)
        }
        return layout(breaks: [0], curvatures: [left, right])
    }

    /// The curvature of a union whose parts have curvatures a and b, when it is one of them.
    static func combine(_ a: Curvature?, _ b: Curvature) -> Curvature? {
        guard let a else { return nil }
        switch (a, b) {
        case (.linear, _): return b == .mixed ? nil : b
        case (_, .linear): return a == .mixed ? nil : a
        case (.convex, .convex): return .convex
        case (.concave, .concave): return .concave
        default: return nil
        }
    }

    /// The pieces of a partition (of ℝ or of a domain) restricted to [lower, upper]; empty when
    /// they do not meet. A single point is one `.linear` piece (f on a point is trivially affine).
    public static func clip(_ layout: [CurvaturePiece], to lower: Double, _ upper: Double) -> [CurvaturePiece] {
        guard lower <= upper else { return [] }
        if lower == upper {
            let inside = layout.contains { $0.lower <= lower && lower <= $0.upper }
            return inside ? [CurvaturePiece(lower: lower, upper: upper, curvature: .linear)] : []
        }
        var result = [CurvaturePiece]()
        for p in layout where p.upper > lower && p.lower < upper {
            result.append(CurvaturePiece(lower: max(p.lower, lower), upper: min(p.upper, upper), curvature: p.curvature))
        }
        return result
    }
}
