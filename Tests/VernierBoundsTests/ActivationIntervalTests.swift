import Testing
import VernierBounds
import VernierCore
import VernierTestSupport

/// Interval bounds of the activations: soundness over thousands of random intervals of every kind,
/// tightness on point intervals, and behaviour at domain boundaries.
@Suite("Activation interval bounds")
struct ActivationIntervalTests {
    static let cases = ActivationCatalog.all + ActivationCatalog.variants

    /// ≥ 2000 intervals: tiny, wide, around landmarks (critical and inflection points, kinks),
    /// huge (±1e3), degenerate, and the extremes ±40, ±700.
    static func boxes(for c: ActivationCase, seed: UInt64) -> [(Double, Double)] {
        var rng = SeededGenerator(seed: seed)
        var result = [(Double, Double)]()
        let landmarks = ActivationCatalog.landmarks(c.activation)
        func add(_ a: Double, _ b: Double) {
            var (l, u) = (min(a, b), max(a, b))
            if !c.activation.domain.isReal {
                // Keep boxes in the domain's closure except the few that test the boundary.
                if c.activation.domain == .nonZero {
                    if l <= 0 && u >= 0 { (l, u) = (abs(l) + 1e-3, abs(l) + 1e-3 + (u - l)) }
                } else {
                    (l, u) = (abs(l), abs(l) + (u - l))
                }
            }
            result.append((l, u))
        }
        for _ in 0..<400 { let m = rng.uniform(-10...10); add(m, m + rng.uniform(0...1e-9)) }          // tiny
        for _ in 0..<500 { add(rng.uniform(-20...20), rng.uniform(-20...20)) }                      // wide
        for _ in 0..<600 {                                                                            // landmarks
            let p = landmarks[Int(rng.next() % UInt64(landmarks.count))]
            let w = [1e-12, 1e-6, 1e-3, 0.1, 1][Int(rng.next() % 5)]
            add(p - rng.uniform(0...w), p + rng.uniform(0...w))
        }
        for _ in 0..<300 { add(rng.uniform(-1e3...1e3), rng.uniform(-1e3...1e3)) }                  // huge
        for _ in 0..<250 { let m = rng.uniform(-30...30); add(m, m) }                                // degenerate
        for p in landmarks { add(p, p) }
        for x in [-700.0, -40, 40, 700] { add(x, x); add(x, x + 1); add(x - 1e-3, x) }               // extremes
        add(-700, 700)
        return result
    }

    @Test("intervals are sound on ≥ 2000 random boxes", arguments: cases)
    func soundness(_ c: ActivationCase) {
        let boxes = Self.boxes(for: c, seed: 21)
        #expect(boxes.count >= 2000)
        let box = IntervalTensor(lower: Tensor(shape: [1, boxes.count], data: boxes.map(\.0)),
                                 upper: Tensor(shape: [1, boxes.count], data: boxes.map(\.1)))
        let violations = OperatorChecks.intervalViolations(c.op, boxes: [box], samples: 120)
        #expect(violations.isEmpty, "\(c.label): \(violations)")
        // Targeted points: the ends, every landmark and critical point inside each box.
        let bound = c.op.interval([box])
        for (i, (l, u)) in boxes.enumerated() {
            #expect(!bound.lower.data[i].isNaN && !bound.upper.data[i].isNaN, "\(c.label): NaN bound on [\(l), \(u)]")
            var xs = [l, u, l + (u - l) / 2]
            xs += ActivationCatalog.landmarks(c.activation).filter { $0 >= l && $0 <= u }
            xs += c.activation.criticalPoints(in: l, u).map(\.location).filter { $0 >= l && $0 <= u }
            for x in xs {
                let y = c.activation.value(x)
                let ok = bound.lower.data[i] <= y && y <= bound.upper.data[i]
                #expect(ok, "\(c.label): f(\(x)) = \(y) outside [\(bound.lower.data[i]), \(bound.upper.data[i])] for box [\(l), \(u)]")
                if !ok { return }
            }
        }
    }

    @Test("the enclosure contains the exact value at the critical points (beyond the computed one)")
    func criticalValues() {
        // The exact minima (40-digit references) must lie inside the bound of a box around them.
        let exact: [(any ScalarActivation, Double, Double)] = [
            (Silu(), -1.278464542761073795109358739, -0.2784645427610737951093587390),
            (Gelu(), -0.7517915246935644574579049468, -0.1699712074799036616938684710),
            (GeluTanh(), -0.7524614220710162584879544433, -0.1700407505712540506390674280),
            (Mish(), -1.192431214515495212137588340, -0.3088434130172504066287602290),
        ]
        var scratch = [CriticalPoint]()
        for (f, x, v) in exact {
            let r = ActivationRange.enclose(f, x - 0.01, x + 0.01, model: ActivationRange.errorModel(f.accuracy), buffer: &scratch)
            #expect(r.lower <= v && v <= r.upper, "\(f.name): min \(v) outside [\(r.lower), \(r.upper)]")
            let slack = 5 * ActivationCatalog.errorBound(f, value: v)
            #expect(r.lower > v - slack, "\(f.name): minimum bound \(r.lower) is looser than the error model")
        }
    }

    @Test("a point interval gives a near-point interval", arguments: cases)
    func tightness(_ c: ActivationCase) {
        let f = c.activation
        for x in [-2.3, -0.7, 0.35, 1.9, 5.5].map(c.inDomain) {
            let box = IntervalTensor(point: Tensor(shape: [1, 1], data: [x]))
            let r = c.op.interval([box])
            let y = f.value(x)
            let allowed = 4 * ActivationCatalog.errorBound(f, value: y) + 4 * y.ulp.magnitude
            #expect(r.lower.data[0] <= y && y <= r.upper.data[0])
            #expect(r.upper.data[0] - r.lower.data[0] <= allowed,
                    "\(c.label) at \(x): width \(r.upper.data[0] - r.lower.data[0]) > \(allowed)")
            if f.accuracy == .exact { #expect(r.lower.data[0] == y && r.upper.data[0] == y) }
        }
        // Correctly rounded functions stay within a few ulps.
        let sqrt = ElementwiseActivation(Sqrt()).interval([IntervalTensor(point: Tensor(shape: [1, 1], data: [2]))])
        #expect(sqrt.upper.data[0] - sqrt.lower.data[0] <= 4 * 2.0.squareRoot().ulp)
    }

    @Test("monotone functions on wide intervals give the image of the ends")
    func monotoneImage() {
        let r = ElementwiseActivation(Relu()).interval([IntervalTensor(lower: Tensor(shape: [1, 2], data: [-2, 1]),
                                                                       upper: Tensor(shape: [1, 2], data: [3, 4]))])
        #expect(r.lower.data == [0, 1] && r.upper.data == [3, 4])
        let s = ElementwiseActivation(Sigmoid()).interval([IntervalTensor(lower: Tensor(shape: [1, 1], data: [-1000]),
                                                                          upper: Tensor(shape: [1, 1], data: [1000]))])
        #expect(s.lower.data[0] <= 0 && s.lower.data[0] > -1e-300 && s.upper.data[0] >= 1 && s.upper.data[0] < 1 + 1e-12)
        let sin = ElementwiseActivation(Sin()).interval([IntervalTensor(lower: Tensor(shape: [1, 2], data: [0, 0.1]),
                                                                        upper: Tensor(shape: [1, 2], data: [7, 1.4]))])
        #expect(sin.lower.data[0] <= -1 && sin.lower.data[0] > -1 - 1e-12 && sin.upper.data[0] >= 1 && sin.upper.data[0] < 1 + 1e-12)
        #expect(sin.upper.data[1] < 1 && sin.lower.data[1] > 0.09)
    }

    static func bound(_ f: some ScalarActivation, _ l: Double, _ u: Double) -> (Double, Double) {
        let r = ElementwiseActivation(f).interval([IntervalTensor(lower: Tensor(shape: [1, 1], data: [l]),
                                                                  upper: Tensor(shape: [1, 1], data: [u]))])
        return (r.lower.data[0], r.upper.data[0])
    }

    @Test("domain boundaries: limits, never NaN")
    func domains() {
        let log01 = Self.bound(Log(), 0, 1)
        #expect(log01.0 == -.infinity && log01.1 >= 0 && log01.1 < 1e-300)
        let log00 = Self.bound(Log(), 0, 0)
        #expect(log00.0 == -.infinity && !log00.1.isNaN)
        let logNeg = Self.bound(Log(), -2, -1)
        #expect(!logNeg.0.isNaN && !logNeg.1.isNaN)
        let logAcross = Self.bound(Log(), -1, 1)
        #expect(logAcross.0 == -.infinity && logAcross.1 >= 0)
        let sqrt = Self.bound(Sqrt(), -1e-17, 4)
        #expect(sqrt.0 <= 0 && sqrt.0 > -1e-300 && sqrt.1 >= 2 && sqrt.1 < 2.0.nextUp.nextUp.nextUp)
        let rec = Self.bound(Reciprocal(), -1, 1)
        #expect(rec.0 == -.infinity && rec.1 == .infinity)
        let recRight = Self.bound(Reciprocal(), 0, 2)
        #expect(recRight.0 <= 0.5 && recRight.0 > 0.49 && recRight.1 == .infinity)
        let recLeft = Self.bound(Reciprocal(), -4, -0.0)
        #expect(recLeft.0 == -.infinity && recLeft.1 >= -0.25 && recLeft.1 < -0.24)
        let exp = Self.bound(Exp(), 700, 800)
        #expect(exp.0 > 1e304 && exp.1 == .infinity)
        let expOverflow = Self.bound(Exp(), 800, 900)
        #expect(expOverflow.0 > 1e307 && expOverflow.0.isFinite && expOverflow.1 == .infinity)
        let infinite = Self.bound(Gelu(), -.infinity, .infinity)
        #expect(infinite.0 <= -0.1699712074799036 && infinite.0 >= -0.17 && infinite.1 == .infinity)
        let nan = Self.bound(Tanh(), .nan, 1)
        #expect(nan.0 <= -1 && nan.0 > -1.001 && nan.1 >= 1 && nan.1 < 1.001)
    }

    @Test("interval bound propagation reaches the activations of a built graph, fused ones included")
    func propagation() throws {
        let doc = GraphDocuments.model(inputShape: [1, 3], nodes: [
            NodeDocument(name: "gelu", opType: "Gelu", inputs: ["x"], outputs: ["g"]),
            NodeDocument(name: "sig", opType: "Sigmoid", inputs: ["g"], outputs: ["s"]),
            NodeDocument(name: "mul", opType: "Mul", inputs: ["g", "s"], outputs: ["y"]),
        ])
        let graph = try GraphBuilder().build(doc)
        #expect(graph.nodes.map(\.opType) == ["Gelu", "Silu"])
        #expect(IntervalBoundPropagation.unsupportedNodes(graph).isEmpty)
        let box = IntervalTensor(lower: Tensor(shape: [1, 1, 3], data: [-1, 0.5, -3]),
                                 upper: Tensor(shape: [1, 1, 3], data: [1, 0.5, -2]))
        let out = try IntervalBoundPropagation.outputBounds(graph, input: box)
        for x in [[-1.0, 0.5, -3], [1, 0.5, -2], [-0.75, 0.5, -2.5], [0.2, 0.5, -2.9]] {
            let y = graph.evaluate(x)
            for i in 0..<3 { #expect(out.lower.data[i] <= y[i] && y[i] <= out.upper.data[i]) }
        }
        // The point coordinate stays a near-point interval through both activations.
        #expect(out.upper.data[1] - out.lower.data[1] < 1e-12)
    }
}
