import Testing
@testable import VernierCore
import VernierTestSupport

/// Fusion of activation subgraphs (SiLU, Swish, erf-GELU) on hand-built models: the fused graph has
/// the activation node, evaluates like the unfused one, and nothing fires when it must not.
@Suite("Pattern fusion")
struct PatternFusionTests {
    static let inputs: [[Double]] = [[-3.1, -1.2, -0.4, 0, 0.3, 0.9, 2.2, 4.5]]

    static func node(_ name: String, _ op: String, _ inputs: [String], _ output: String) -> NodeDocument {
        NodeDocument(name: name, opType: op, inputs: inputs, outputs: [output])
    }

    static func doc(_ nodes: [NodeDocument], _ constants: [String: Double] = [:]) -> ModelDocument {
        GraphDocuments.model(inputShape: [1, 8], nodes: nodes,
                             initializers: constants.sorted { $0.key < $1.key }.map { GraphDocuments.scalar($0.key, $0.value) })
    }

    /// Builds with and without fusion; checks the fused graph evaluates like the unfused one.
    static func fused(_ d: ModelDocument, tolerance: Double = 1e-15,
                      sourceLocation: SourceLocation = #_sourceLocation) throws -> Graph {
        let plain = try GraphBuilder(fusePatterns: false).build(d)
        let fused = try GraphBuilder().build(d)
        for x in inputs {
            let (a, b) = (plain.evaluate(x), fused.evaluate(x))
            for (p, q) in zip(a, b) {
                #expect(abs(p - q) <= tolerance * max(1, abs(p)), "fused \(q) vs unfused \(p)", sourceLocation: sourceLocation)
            }
        }
        return fused
    }

    static let sqrt2f = Double(Float(2.0.squareRoot()))

    @Test("x * Sigmoid(x) becomes Silu, in either operand order")
    func silu() throws {
        for order in [["x", "s"], ["s", "x"]] {
            let g = try Self.fused(Self.doc([Self.node("sig", "Sigmoid", ["x"], "s"), Self.node("mul", "Mul", order, "y")]))
            #expect(g.nodes.map(\.opType) == ["Silu"])
            #expect(g.nodes[0].op.kind == "Silu")
            #expect(g.nodes[0].name == "mul")
        }
    }

    @Test("SiLU fusion applies to an intermediate value and repeats to a fixed point")
    func siluChain() throws {
        let g = try Self.fused(Self.doc([
            Self.node("r", "Relu", ["x"], "h"),
            Self.node("s1", "Sigmoid", ["h"], "s"), Self.node("m1", "Mul", ["h", "s"], "a"),
            Self.node("s2", "Sigmoid", ["a"], "t"), Self.node("m2", "Mul", ["t", "a"], "y"),
        ]))
        #expect(g.nodes.map(\.opType) == ["Relu", "Silu", "Silu"])
    }

    @Test("x * Sigmoid(β·x) becomes Swish(β)")
    func swish() throws {
        let g = try Self.fused(Self.doc([
            Self.node("scale", "Mul", ["beta", "x"], "bx"),
            Self.node("sig", "Sigmoid", ["bx"], "s"),
            Self.node("mul", "Mul", ["x", "s"], "y"),
        ], ["beta": 1.702]))
        #expect(g.nodes.map(\.opType) == ["Swish"])
        let swish = try #require((g.nodes[0].op as? ElementwiseActivation<Swish>)?.activation)
        #expect(swish.beta == 1.702)
    }

    @Test("SiLU does not fire when the sigmoid has another reader or the product is of other values")
    func siluNegative() throws {
        let shared = try Self.fused(Self.doc([
            Self.node("sig", "Sigmoid", ["x"], "s"), Self.node("mul", "Mul", ["x", "s"], "p"),
            Self.node("add", "Add", ["p", "s"], "y"),
        ]))
        #expect(shared.nodes.contains { $0.opType == "Sigmoid" })
        #expect(!shared.nodes.contains { $0.opType == "Silu" })
        let other = try Self.fused(Self.doc([
            Self.node("r", "Relu", ["x"], "h"), Self.node("sig", "Sigmoid", ["x"], "s"),
            Self.node("mul", "Mul", ["h", "s"], "y"),
        ]))
        #expect(!other.nodes.contains { $0.opType == "Silu" })
    }

    /// The core erf(x/√2) + 1 with the given division/multiplication form.
    static func erfCore(scaleOp: String, scale: String, addOrder: [String]) -> [NodeDocument] {
        [node("scale", scaleOp, ["x", scale], "d"), node("erf", "Erf", ["d"], "e"), node("add", "Add", addOrder, "a")]
    }

    @Test("PyTorch's erf GELU becomes Gelu in the orders exporters produce")
    func gelu() throws {
        let constants = ["sqrt2": Self.sqrt2f, "rsqrt2": 0.5.squareRoot(), "one": 1, "half": 0.5, "two": 2]
        let forms: [[NodeDocument]] = [
            // torch.nn.functional.gelu exported before opset 20: ((x · A) · ½)
            Self.erfCore(scaleOp: "Div", scale: "sqrt2", addOrder: ["e", "one"])
                + [Self.node("m", "Mul", ["x", "a"], "p"), Self.node("h", "Mul", ["p", "half"], "y")],
            // Hugging Face: (x · ½) · A, with Mul by 1/√2 and 1 + erf
            Self.erfCore(scaleOp: "Mul", scale: "rsqrt2", addOrder: ["one", "e"])
                + [Self.node("h", "Mul", ["half", "x"], "hx"), Self.node("m", "Mul", ["a", "hx"], "y")],
            // x · (A · ½)
            Self.erfCore(scaleOp: "Div", scale: "sqrt2", addOrder: ["e", "one"])
                + [Self.node("h", "Mul", ["a", "half"], "ha"), Self.node("m", "Mul", ["x", "ha"], "y")],
            // (A · x) / 2
            Self.erfCore(scaleOp: "Div", scale: "sqrt2", addOrder: ["e", "one"])
                + [Self.node("m", "Mul", ["a", "x"], "p"), Self.node("h", "Div", ["p", "two"], "y")],
        ]
        for nodes in forms {
            // The fused Gelu keeps the file's constants (float32 √2 here), so it agrees to rounding.
            let g = try Self.fused(Self.doc(nodes, constants), tolerance: 1e-14)
            #expect(g.nodes.map(\.opType) == ["Gelu"], "\(nodes.map(\.opType))")
            let gelu = try #require((g.nodes.first?.op as? ElementwiseActivation<Gelu>)?.activation)
            #expect(gelu.erfArgument == (nodes[0].opType == "Div" ? .divided(by: Self.sqrt2f) : .multiplied(by: 0.5.squareRoot())))
        }
    }

    @Test("GELU fusion needs the right constants and private intermediates")
    func geluNegative() throws {
        func build(_ constants: [String: Double], extra: [NodeDocument] = [], output: String = "y") throws -> Graph {
            let nodes = Self.erfCore(scaleOp: "Div", scale: "sqrt2", addOrder: ["e", "one"])
                + [Self.node("m", "Mul", ["x", "a"], "p"), Self.node("h", "Mul", ["p", "half"], "q")] + extra
            var d = Self.doc(nodes, constants)
            if extra.isEmpty { d.nodes[d.nodes.count - 1].outputs = ["y"] }
            return try Self.fused(d)
        }
        let good = ["sqrt2": 2.0.squareRoot(), "one": 1, "half": 0.5]
        #expect(try build(good).nodes.map(\.opType) == ["Gelu"])
        for (name, wrong) in [("sqrt2", 3.0.squareRoot()), ("one", 1.001), ("half", 0.5000001), ("half", 0.5.nextUp),
                              ("sqrt2", Self.sqrt2f.nextUp)] {
            var c = good
            c[name] = wrong
            #expect(!(try build(c)).nodes.contains { $0.opType == "Gelu" }, "fused with \(name) = \(wrong)")
        }
        // The erf result is also read elsewhere: the pattern must stay.
        let shared = try build(good, extra: [Self.node("use", "Add", ["q", "e"], "y")])
        #expect(shared.nodes.contains { $0.opType == "Erf" })
        #expect(!shared.nodes.contains { $0.opType == "Gelu" })
    }

    @Test("constants match within a few ulps of their stored precision")
    func constantMatching() {
        let s = 2.0.squareRoot()
        #expect(PatternMatcher.matches(s, s))
        #expect(PatternMatcher.matches(s.nextUp.nextUp, s))
        #expect(PatternMatcher.matches(Self.sqrt2f, s))
        #expect(!PatternMatcher.matches(Self.sqrt2f.nextUp, s))
        #expect(!PatternMatcher.matches(1.4142, s))
    }
}
