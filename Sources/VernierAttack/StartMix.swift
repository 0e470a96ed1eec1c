import VernierSpec

/// Where PGD's restarts begin inside a box.
///
/// Restart 0 is the box centre when `includesCentre` (many violations of robustness properties
/// lie near the nominal point). The other restarts are spread evenly between random vertices
/// (a `cornerFraction` of them: for piecewise-linear networks an L∞ optimum is often a vertex)
/// and uniformly random interior points. Every start point is a pure function of
/// `(seed, region, restart)`, so batching never changes which points are tried.
public struct StartMix: Sendable, Hashable {
    public var includesCentre: Bool
    /// Share of the non-centre restarts that start at a random vertex, in [0, 1].
    public var cornerFraction: Double

    public init(includesCentre: Bool = true, cornerFraction: Double = 0.25) {
        self.includesCentre = includesCentre
        self.cornerFraction = cornerFraction
    }

    /// The kind of start used by `restart`.
    enum Kind { case centre, corner, uniform }

    func kind(ofRestart restart: Int) -> Kind {
        if includesCentre && restart == 0 { return .centre }
        let i = includesCentre ? restart - 1 : restart
        // Bresenham-style spreading: restart i is a corner when ⌊(i+1)·f⌋ steps past ⌊i·f⌋.
        let f = min(max(cornerFraction, 0), 1)
        return (Double(i + 1) * f).rounded(.down) > (Double(i) * f).rounded(.down) ? .corner : .uniform
    }

    /// Appends start point `restart` of `box` (region `region`) to `points`; every coordinate
    /// lies in `[lower, upper]` exactly.
    func appendStart(restart: Int, region: Int, box: InputBox, seed: UInt64, to points: inout [Double]) {
        var rng = SplitMixRandom.stream(seed: seed, region: region, restart: restart)
        let kind = kind(ofRestart: restart)
        for i in 0..<box.dimension {
            let l = box.lower[i], u = box.upper[i]
            let v: Double
            switch kind {
            case .centre: v = 0.5 * l + 0.5 * u
            case .corner: v = rng.nextBit() ? u : l
            case .uniform: v = l + (u - l) * rng.nextUnit()
            }
            // Rounding can push a computed point a hair outside; the exact check must pass.
            points.append(min(max(v, l), u))
        }
    }
}
