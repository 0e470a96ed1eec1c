import RealModule

/// Sine (ONNX `Sin`). Facts: image [−1, 1]; maxima +1 at π/2 + 2kπ, minima −1 at −π/2 + 2kπ,
/// concave where sin > 0 and convex where sin < 0 (sin″ = −sin), inflections at kπ — all generated
/// per interval by `QuarterWave`. libm accuracy (glibc reduces arguments exactly, so the relative
/// error model holds for every finite x). sin′ = cos.
public struct Sin: ScalarActivation {
    public init() {}
    public var name: String { "Sin" }
    public func value(_ x: Double) -> Double { Double.sin(x) }
    public func derivative(_ x: Double) -> Double { Double.cos(x) }
    public var valueRange: ClosedRange<Double> { -1...1 }
    public var monotonicity: Monotonicity { .nonMonotone }
    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {
        QuarterWave(phase: 0).appendCriticalPoints(in: lower, upper, to: &points)
    }
    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        QuarterWave(phase: 0).curvature(in: lower, upper)
    }
}

/// Cosine (ONNX `Cos`): as `Sin` shifted by a quarter period (cos x = sin(x + π/2)). cos′ = −sin.
public struct Cos: ScalarActivation {
    public init() {}
    public var name: String { "Cos" }
    public func value(_ x: Double) -> Double { Double.cos(x) }
    public func derivative(_ x: Double) -> Double { -Double.sin(x) }
    public var valueRange: ClosedRange<Double> { -1...1 }
    public var monotonicity: Monotonicity { .nonMonotone }
    public func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {
        QuarterWave(phase: 1).appendCriticalPoints(in: lower, upper, to: &points)
    }
    public func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        QuarterWave(phase: 1).curvature(in: lower, upper)
    }
}

/// The grid of quarter-period points mπ/2 of g(x) = sin(x + phase·π/2): with k = (m + phase) mod 4,
/// k = 1 is a maximum (+1), k = 3 a minimum (−1), k = 0 and k = 2 zeros (inflections) after which g
/// is positive (k = 0, concave) or negative (k = 2, convex).
///
/// Location error: x̃ = fl(m·fl(π/2)) differs from mπ/2 by ≤ |m|·6.2·10⁻¹⁷ + u·|x̃| ≤ 1.6·10⁻¹⁶·|x̃|,
/// covered by the radius 2⁻⁵¹·|x̃|. The grid is used for intervals shorter than 7 (> 2π) within
/// |x| ≤ 2³⁰ (where m is an exact small integer); otherwise one representative maximum and minimum
/// (exact values ±1, location unknown: infinite radius) are reported — an interval longer than a
/// period contains both, and for huge |x| claiming both is merely conservative.
struct QuarterWave {
    let phase: Int

    static let halfPi = 1.5707963267948966
    static let gridLimit = 0x1p30
    static let maxGridWidth = 7.0

    static func radius(_ x: Double) -> Double { abs(x) * 0x1p-51 }

    /// The grid indices m to inspect for [lower, upper], or nil when the interval is too long/far.
    func gridIndices(_ lower: Double, _ upper: Double) -> ClosedRange<Int>? {
        guard lower.isFinite, upper.isFinite, lower <= upper, upper - lower < Self.maxGridWidth,
              abs(lower) <= Self.gridLimit, abs(upper) <= Self.gridLimit else { return nil }
        let first = Int((lower / Self.halfPi).rounded(.down)) - 1
        let last = Int((upper / Self.halfPi).rounded(.up)) + 1
        return first...last
    }

    func kind(_ m: Int) -> Int { ((m + phase) % 4 + 4) % 4 }

    func appendCriticalPoints(in lower: Double, _ upper: Double, to points: inout [CriticalPoint]) {
        guard let grid = gridIndices(lower, upper) else {
            points.append(CriticalPoint(kind: .maximum, location: 0, locationRadius: .infinity, exactValue: 1))
            points.append(CriticalPoint(kind: .minimum, location: 0, locationRadius: .infinity, exactValue: -1))
            return
        }
        for m in grid {
            let k = kind(m)
            guard k == 1 || k == 3 else { continue }
            let x = Double(m) * Self.halfPi
            let p = CriticalPoint(kind: k == 1 ? .maximum : .minimum, location: x,
                                  locationRadius: Self.radius(x), exactValue: k == 1 ? 1 : -1)
            if p.mayLie(in: lower, upper) { points.append(p) }
        }
    }

    func curvature(in lower: Double, _ upper: Double) -> [CurvaturePiece] {
        guard let grid = gridIndices(lower, upper) else {
            return lower <= upper ? [CurvaturePiece(lower: lower, upper: upper, curvature: lower == upper ? .linear : .mixed)] : []
        }
        // Zeros of g on the grid, and the curvature before each and after the last.
        var zeros = [Double]()
        var curvatures = [Curvature]()
        for m in grid where kind(m) % 2 == 0 {
            if curvatures.isEmpty { curvatures.append(kind(m) == 0 ? .convex : .concave) }
            zeros.append(Double(m) * Self.halfPi)
            curvatures.append(kind(m) == 0 ? .concave : .convex)
        }
        let radius = Self.radius(max(abs(lower), abs(upper)) + 2 * Self.halfPi)
        return CurvaturePiece.clip(CurvaturePiece.layout(inflections: zeros, radius: radius, curvatures: curvatures),
                                   to: lower, upper)
    }
}
