/// Recognises the exact GELU as PyTorch and Hugging Face export it, `0.5·x·(1 + erf(x/√2))`, and
/// replaces it by one `Gelu` (exact) node.
///
/// Matched forms (every Mul/Add commutative, each constant a `ConstantBinary`):
/// - the core  A = Add(Erf(S), 1) with S = Div(x, √2) or Mul(x, 1/√2);
/// - then one of  Mul(Mul(x, A), ½) · Mul(Mul(x, ½), A) · Mul(x, Mul(A, ½)),
///   where "Mul(·, ½)" may also be Div(·, 2).
/// The constants 1, ½ and 2 must be exact (every exporter writes them exactly). The √2 or 1/√2
/// constant must match to within a few ulps of its stored precision (`PatternMatcher.matches`) —
/// float32 exports write 1.4142135 — and the fused `Gelu` keeps that constant
/// (`Gelu.ErfArgument`), so the rewrite preserves the function exactly. Every intermediate result
/// must be read only by the next node of the pattern and must not be the output, so nothing else in
/// the graph changes.
public struct GeluErfFusion: GraphRewrite {
    public init() {}

    public func rewrite(_ graph: Graph) -> Graph? {
        let m = PatternMatcher(graph)
        for index in graph.nodes.indices {
            if let (x, argument) = match(output: index + 1, m) {
                return m.replacing(index, with: Gelu(erfArgument: argument), opType: "Gelu", operand: x)
            }
        }
        return nil
    }

    /// The input x and the erf argument form when value `y` is the root of a GELU pattern.
    func match(output y: Int, _ m: PatternMatcher) -> (Int, Gelu.ErfArgument)? {
        // Form 1: y = halve(P), P = x·A.
        if let p = halved(y, m), m.isPrivate(p, to: y - 1), let (a, b) = m.productOperands(of: p) {
            for (x, core) in [(a, b), (b, a)] where m.isPrivate(core, to: p - 1) {
                if let (input, argument) = erfCore(core, m), input == x { return (x, argument) }
            }
        }
        // Forms 2 and 3: y = u·v with u = halve(x), v = A; or u = x, v = halve(A).
        if let (a, b) = m.productOperands(of: y) {
            for (u, v) in [(a, b), (b, a)] where m.isPrivate(v, to: y - 1) {
                if let x = halved(u, m), m.isPrivate(u, to: y - 1), let (input, argument) = erfCore(v, m), input == x {
                    return (x, argument)
                }
                if let core = halved(v, m), m.isPrivate(core, to: v - 1), let (input, argument) = erfCore(core, m), input == u {
                    return (u, argument)
                }
            }
        }
        return nil
    }

    /// The operand of `v = w·½` or `v = w/2`.
    func halved(_ v: Int, _ m: PatternMatcher) -> Int? {
        m.constantBinaryOperand(of: v, .multiply, exactly: 0.5) ?? m.constantBinaryOperand(of: v, .divide, exactly: 2)
    }

    /// The x and erf argument of `v = erf(x/c) + 1` (c ≈ √2) or `erf(x·m) + 1` (m ≈ 1/√2) when
    /// every intermediate is private to the pattern.
    func erfCore(_ v: Int, _ m: PatternMatcher) -> (Int, Gelu.ErfArgument)? {
        guard let e = m.constantBinaryOperand(of: v, .add, exactly: 1), m.isPrivate(e, to: v - 1),
              let s = m.activationOperand(of: e, Erf.self), m.isPrivate(s, to: e - 1) else { return nil }
        if let (x, c) = m.constantBinary(of: s, .divide), PatternMatcher.matches(c, 2.0.squareRoot()) {
            return (x, .divided(by: c))
        }
        if let (x, c) = m.constantBinary(of: s, .multiply), PatternMatcher.matches(c, 0.5.squareRoot()) {
            return (x, .multiplied(by: c))
        }
        return nil
    }
}
