import Foundation
import Testing
import VernierCore
import VernierTestSupport

/// The declared mathematical facts of every activation, checked against the function itself:
/// critical points, monotonicity, curvature pieces, image and the computed constants.
@Suite("Activation facts")
struct ActivationFactsTests {
    static let cases = ActivationCatalog.all + ActivationCatalog.variants

    /// A grid over [−12, 12] inside the domain.
    static func grid(_ a: any ScalarActivation, step: Double = 0.005) -> [Double] {
        stride(from: -12.0, through: 12.0, by: step).map { $0 }.filter { a.domain.contains($0) }
    }

    @Test("computed constants agree with 40-digit references")
    func constants() {
        func near(_ p: [CriticalPoint], _ x: Double) -> Bool { p.count == 1 && abs(p[0].location - x) < 1e-12 }
        #expect(near(Silu().criticalPoints(in: -5, 5), -1.2784645427610738))
        #expect(near(Gelu().criticalPoints(in: -5, 5), -0.7517915246935645))
        #expect(near(GeluTanh().criticalPoints(in: -5, 5), -0.7524614220710163))
        #expect(near(Mish().criticalPoints(in: -5, 5), -1.1924312145154952))
        #expect(near(Swish(beta: 2).criticalPoints(in: -5, 5), -1.2784645427610738 / 2))
        // f(x*) of SiLU is x* + 1.
        let x = Silu().criticalPoints(in: -5, 5)[0].location
        #expect(abs(Silu().value(x) - (x + 1)) < 1e-15)
        func inflections(_ a: any ScalarActivation) -> [Double] {
            a.curvature(in: -10, 10).filter { $0.curvature == .mixed }.map { ($0.lower + $0.upper) / 2 }
        }
        func close(_ a: [Double], _ b: [Double]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-12 } }
        #expect(close(inflections(Silu()), [-2.3993572805154677, 2.3993572805154677]))
        #expect(close(inflections(GeluTanh()), [-1.4185040087908284, 1.4185040087908284]))
        #expect(close(inflections(Gelu()), [-2.0.squareRoot(), 2.0.squareRoot()]))
        #expect(close(inflections(Mish()), [-2.2563763963607931, 1.4905711794854285]))
    }

    /// The critical points declared over windows of length 3 covering [−12, 12] (short windows so
    /// periodic functions list actual points rather than representatives).
    static func declaredPoints(_ f: any ScalarActivation) -> [CriticalPoint] {
        var seen = Set<Double>(), result = [CriticalPoint]()
        for start in stride(from: -12.0, to: 12.0, by: 3.0) {
            for p in f.criticalPoints(in: start, start + 3) where p.locationRadius.isFinite && seen.insert(p.location).inserted {
                result.append(p)
            }
        }
        return result
    }

    @Test("every sign change of f′ is a declared critical point of the right kind", arguments: cases)
    func criticalPointsAreComplete(_ c: ActivationCase) {
        let f = c.activation
        let xs = Self.grid(f)
        if f.monotonicity.isMonotone {
            #expect(f.criticalPoints(in: -12, 12).isEmpty, "\(c.label) is monotone but lists critical points")
        }
        // Sign changes of f′ on the grid (ignoring exact zeros on plateaus).
        var lastSign = 0, lastX = xs[0]
        for x in xs {
            let d = f.derivative(x)
            let s = d > 1e-12 ? 1 : (d < -1e-12 ? -1 : 0)
            guard s != 0 else { continue }
            if lastSign != 0 && s != lastSign && (f.domain.isReal || lastX * x > 0) {
                let kind: CriticalPoint.Kind = lastSign < 0 ? .minimum : .maximum
                let hit = f.criticalPoints(in: lastX, x).contains { $0.kind == kind }
                #expect(hit, "\(c.label): f′ changes sign in [\(lastX), \(x)] but no \(kind) is declared there")
            }
            lastSign = s
            lastX = x
        }
        // Each declared point really is an extremum of the declared kind.
        for p in Self.declaredPoints(f) {
            let h = 1e-3
            let (l, m, r) = (f.value(p.location - h), f.value(p.location), f.value(p.location + h))
            switch p.kind {
            case .minimum: #expect(m <= l + 1e-15 && m <= r + 1e-15, "\(c.label): no minimum at \(p.location)")
            case .maximum: #expect(m >= l - 1e-15 && m >= r - 1e-15, "\(c.label): no maximum at \(p.location)")
            }
            if let v = p.exactValue { #expect(abs(m - v) <= 1e-15 * max(1, abs(v)), "\(c.label): f(\(p.location)) = \(m) ≠ \(v)") }
            // The declared margin covers the value error of the located point: check with the
            // derivative that the location is accurate to the radius (|f′| ≤ sup|f″|·radius).
            if p.exactValue == nil { #expect(abs(f.derivative(p.location)) < 1e-8, "\(c.label): f′(x̃) = \(f.derivative(p.location))") }
        }
    }

    @Test("declared monotonicity and image hold on a grid", arguments: cases)
    func monotonicityAndImage(_ c: ActivationCase) {
        let f = c.activation
        let xs = Self.grid(f, step: 0.01)
        let ys = xs.map(f.value)
        for y in ys { #expect(f.valueRange.contains(y), "\(c.label): value \(y) outside the declared image \(f.valueRange)") }
        // Pairs inside one domain component only (Reciprocal jumps at 0).
        for i in 1..<xs.count where xs[i - 1] * xs[i] > 0 || f.domain.isReal {
            let (a, b) = (ys[i - 1], ys[i])
            let slack = 1e-13 * max(abs(a), abs(b), 1)
            switch f.monotonicity {
            case .increasing: #expect(b > a - slack, "\(c.label) not increasing at \(xs[i])")
            case .nondecreasing: #expect(b >= a - slack, "\(c.label) not nondecreasing at \(xs[i])")
            case .decreasing: #expect(b < a + slack, "\(c.label) not decreasing at \(xs[i])")
            case .nonincreasing: #expect(b <= a + slack, "\(c.label) not nonincreasing at \(xs[i])")
            case .constant: #expect(abs(b - a) <= slack, "\(c.label) not constant at \(xs[i])")
            case .nonMonotone: break
            }
        }
    }

    @Test("curvature pieces partition the interval and the function has the declared shape on each", arguments: cases)
    func curvature(_ c: ActivationCase) {
        let f = c.activation
        var rng = SeededGenerator(seed: 11)
        var pieces = [CurvaturePiece]()
        for start in stride(from: -12.0, to: 12.0, by: 3.0) {
            let window = f.curvature(in: start, start + 3)
            if f.domain.isReal {
                #expect(window.first?.lower == start && window.last?.upper == start + 3, "\(c.label): pieces do not cover [\(start), \(start + 3)]")
            }
            for (p, q) in zip(window, window.dropFirst()) { #expect(p.upper == q.lower, "\(c.label): pieces do not meet") }
            pieces += window
        }
        for p in pieces where p.curvature != .mixed {
            let lo = max(p.lower, -12), hi = min(p.upper, 12)
            guard lo < hi else { continue }
            for _ in 0..<300 {
                var a = rng.uniform(lo...hi), b = rng.uniform(lo...hi)
                if a > b { swap(&a, &b) }
                guard f.domain.contains(a), f.domain.contains(b) else { continue }
                let t = rng.uniform(0...1)
                let m = a + t * (b - a)
                let chord = (1 - t) * f.value(a) + t * f.value(b)
                let fm = f.value(m)
                let slack = 1e-12 * max(1, abs(f.value(a)), abs(f.value(b)))
                switch p.curvature {
                case .convex: #expect(fm <= chord + slack, "\(c.label) not convex on [\(a), \(b)]")
                case .concave: #expect(fm >= chord - slack, "\(c.label) not concave on [\(a), \(b)]")
                case .linear: #expect(abs(fm - chord) <= slack, "\(c.label) not affine on [\(a), \(b)]")
                case .mixed: break
                }
            }
        }
    }

    @Test("curvature of known shapes")
    func knownCurvature() {
        #expect(Relu().curvature(in: -1, 1) == [CurvaturePiece(lower: -1, upper: 0, curvature: .linear),
                                                CurvaturePiece(lower: 0, upper: 1, curvature: .linear)])
        #expect(Clip(lower: 0, upper: 1).curvature(in: -1, 2).map(\.curvature) == [.convex, .concave])
        #expect(Elu(alpha: 2).curvature(in: -1, 1).map(\.curvature) == [.convex, .linear])
        #expect(Elu(alpha: 0.5).curvature(in: -1, 1).map(\.curvature) == [.convex])
        #expect(Sigmoid().curvature(in: -1, 1).map(\.curvature) == [.convex, .concave])
        #expect(Sigmoid().curvature(in: 0.5, 0.5) == [CurvaturePiece(lower: 0.5, upper: 0.5, curvature: .linear)])
        #expect(Log().curvature(in: -1, 1) == [CurvaturePiece(lower: 0, upper: 1, curvature: .concave)])
        #expect(Sqrt().curvature(in: -3, -1).isEmpty)
        #expect(Sin().curvature(in: 0.5, 2.5).map(\.curvature) == [.concave])
        #expect(Sin().curvature(in: 2, 4).map(\.curvature) == [.concave, .mixed, .convex])
        #expect(Sin().curvature(in: -100, 100).map(\.curvature) == [.mixed])
    }

    @Test("Sin and Cos list their extrema per interval, with representatives for long intervals")
    func periodicCriticalPoints() {
        let s = Sin().criticalPoints(in: 0, 6)
        #expect(s.map(\.kind) == [.maximum, .minimum])
        #expect(s.map(\.exactValue) == [1, -1])
        #expect(abs(s[0].location - Double.pi / 2) < 1e-15)
        #expect(Cos().criticalPoints(in: -1, 1).map(\.location) == [0])
        #expect(Sin().criticalPoints(in: 0.1, 1.5).isEmpty)
        let far = Sin().criticalPoints(in: 1e12, 1e12 + 1)
        #expect(Set(far.compactMap(\.exactValue)) == [1, -1])
        let wide = Cos().criticalPoints(in: -1000, 1000)
        #expect(wide.count == 2)
    }

    @Test("certified root finding locates a simple root to the last bit")
    func solver() {
        let r = CriticalPointSolver.root(of: { $0 * $0 - 2 }, in: 1, 2)
        #expect(abs(r - 2.0.squareRoot()) < 1e-15)
    }
}
