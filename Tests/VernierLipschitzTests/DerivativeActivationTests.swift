import Foundation
import Testing
import VernierCore
import VernierBounds
import VernierTestSupport
@testable import VernierLipschitz

/// The declared facts of the derivative activations, checked against the functions themselves,
/// and their generic interval and linear relaxations checked by sampling (the relaxations are
/// only as sound as these facts).
@Suite("Derivative activations")
struct DerivativeActivationTests {
    struct Case: CustomStringConvertible, Sendable {
        let derivative: any ScalarActivation
        /// The activation whose derivative it is.
        let primitive: any ScalarActivation
        var description: String { derivative.name }
    }

    static let cases = [
        Case(derivative: SigmoidDerivative(), primitive: Sigmoid()),
        Case(derivative: TanhDerivative(), primitive: Tanh()),
        Case(derivative: GeluDerivative(), primitive: Gelu()),
        Case(derivative: SiluDerivative(), primitive: Silu()),
    ]

    static let grid = stride(from: -14.0, through: 14.0, by: 0.004).map { $0 }

    @Test("value is the primitive's derivative and derivative is its second derivative", arguments: cases)
    func derivatives(_ c: Case) {
        let f = c.derivative
        for x in Self.grid {
            #expect(abs(f.value(x) - c.primitive.derivative(x)) <= 1e-13, "\(c): f(\(x))")
            let h = 1e-5
            let fd = (f.value(x + h) - f.value(x - h)) / (2 * h)
            #expect(abs(fd - f.derivative(x)) <= 1e-7, "\(c): f′(\(x)) = \(f.derivative(x)) vs \(fd)")
        }
        #expect(f.value(.infinity) == c.primitive.derivative(1e6))
        #expect(abs(f.value(-.infinity) - c.primitive.derivative(-1e6)) <= 1e-300)
    }

    @Test("image, extrema and curvature pieces hold on a grid", arguments: cases)
    func facts(_ c: Case) {
        let f = c.derivative
        let ys = Self.grid.map(f.value)
        // The image is a fact about the exact function; computed values may exceed it by their declared error.
        for y in ys {
            let e = ActivationCatalog.errorBound(f, value: y)
            #expect(y >= f.valueRange.lowerBound - e && y <= f.valueRange.upperBound + e, "\(c): \(y) outside \(f.valueRange)")
        }
        // Every sign change of f′ is a declared extremum of the right kind.
        var last = 0, lastX = Self.grid[0]
        for x in Self.grid {
            let d = f.derivative(x)
            let s = d > 1e-14 ? 1 : (d < -1e-14 ? -1 : 0)
            guard s != 0 else { continue }
            if last != 0 && s != last {
                let kind: CriticalPoint.Kind = last < 0 ? .minimum : .maximum
                #expect(f.criticalPoints(in: lastX, x).contains { $0.kind == kind }, "\(c): undeclared \(kind) in [\(lastX), \(x)]")
            }
            last = s
            lastX = x
        }
        for p in f.criticalPoints(in: -14, 14) {
            let m = f.value(p.location), l = f.value(p.location - 1e-3), r = f.value(p.location + 1e-3)
            #expect(p.kind == .maximum ? (m >= l && m >= r) : (m <= l && m <= r), "\(c): no \(p.kind) at \(p.location)")
            if let v = p.exactValue { #expect(m == v) }
        }
        // Chord tests on every piece of known curvature.
        var rng = SeededGenerator(seed: 7)
        let pieces = f.curvature(in: -14, 14)
        #expect(pieces.first?.lower == -14 && pieces.last?.upper == 14)
        for p in pieces where p.curvature != .mixed {
            for _ in 0..<400 {
                var a = rng.uniform(p.lower...p.upper), b = rng.uniform(p.lower...p.upper)
                if a > b { swap(&a, &b) }
                let t = rng.uniform(0...1), m = a + t * (b - a)
                let chord = (1 - t) * f.value(a) + t * f.value(b)
                switch p.curvature {
                case .convex: #expect(f.value(m) <= chord + 1e-13, "\(c) not convex on [\(a), \(b)]")
                case .concave: #expect(f.value(m) >= chord - 1e-13, "\(c) not concave on [\(a), \(b)]")
                default: break
                }
            }
        }
    }

    @Test("SiLU′'s inflection equation h(x) = x(3t² − 1) − 6t has one positive root")
    func siluInflectionUnique() {
        var changes = 0
        var previous = SiluDerivative.curvatureSign(1e-3)
        for x in stride(from: 2e-3, through: 50, by: 1e-3) {
            let h = SiluDerivative.curvatureSign(x)
            if (h < 0) != (previous < 0) { changes += 1 }
            previous = h
        }
        #expect(changes == 1)
        #expect(abs(SiluDerivative.inflection - 3.435840993535111) < 1e-9)
        #expect(abs(SiluDerivative.extremum - 2.3993572805154675) < 1e-9)
    }

    @Test("interval and linear relaxations of g·f′ factors are sound by sampling", arguments: cases)
    func relaxations(_ c: Case) {
        let op = JacobianGraphBuilderTestHooks.wrap(c.derivative)
        let interval = IntervalSweeps.violations(op as! any IntervalPropagating, shapes: [[6, 4]], rounds: 40, seed: 3, range: -6...6, maxWidth: 5)
        #expect(interval.failures.isEmpty, "\(c): \(interval.failures)")
        let linear = RelaxationChecks.sweep(op as! any LinearBoundPropagating, shapes: [[5]], rounds: 40, seed: 4, range: -6...6, maxWidth: 5)
        #expect(linear.isEmpty, "\(c): \(linear)")
    }
}

enum JacobianGraphBuilderTestHooks {
    static func wrap<A: ScalarActivation>(_ a: A) -> any Operator { ElementwiseActivation(a) }
}

/// The ReLU/LeakyReLU chain-rule gate: bounds over the Clarke set, checked by sampling.
@Suite("Piecewise-linear gate")
struct PiecewiseLinearGateTests {
    @Test("interval and linear bounds hold for every slope pair", arguments: [0.0, 0.1, -0.5, 2.0])
    func sound(_ alpha: Double) {
        let gate = PiecewiseLinearGate(left: alpha, atZero: 1)
        let interval = IntervalSweeps.violations(gate, shapes: [[4, 6], [4, 6]], rounds: 60, seed: 5)
        #expect(interval.failures.isEmpty, "\(interval.failures)")
        let linear = RelaxationChecks.sweep(gate, shapes: [[6], [6]], rounds: 60, seed: 6)
        #expect(linear.isEmpty, "\(linear)")
    }

    @Test("stable neurons pass the gradient through exactly; unstable ones get the chord of min(g, 0)")
    func shapes() {
        let gate = PiecewiseLinearGate(left: 0, atZero: 0)
        // Element 0 active, 1 inactive, 2 unstable; one row with coefficient 1 on each.
        let g = IntervalTensor(lower: Tensor(shape: [1, 3], data: [-1, -1, -1]), upper: Tensor(shape: [1, 3], data: [3, 3, 3]))
        let z = IntervalTensor(lower: Tensor(shape: [1, 3], data: [0.5, -2, -1]), upper: Tensor(shape: [1, 3], data: [1, -1, 1]))
        let a = CoefficientMatrix(rows: 3, columns: 3, data: [1, 0, 0, 0, 1, 0, 0, 0, 1])
        let step = gate.backward(a, operandBounds: [g, z], parameters: nil)
        let coefficients = step.operandCoefficients[0]!.data
        #expect(coefficients[0] == 1 && abs(step.bias[0]) < 1e-15)
        #expect(coefficients[4] == 0 && step.bias[1] == 0)
        // min(g, 0) on [−1, 3]: chord from (−1, −1) to (3, 0), slope 1/4, intercept −3/4.
        #expect(abs(coefficients[8] - 0.25) < 1e-15 && abs(step.bias[2] + 0.75) < 1e-14)
        #expect(step.operandCoefficients[1] == nil)
    }
}
