import Testing
import VernierCore
import VernierSpec
import VernierVerify
import VernierTestSupport

/// A `Counterexample` exists only if a forward pass confirms the violation.
@Suite struct CounterexampleTests {
    func graph() throws -> Graph {
        try GraphBuilder().build(RandomNetworks.mlp(inputs: 2, widths: [4], outputs: 2, activation: "Relu", seed: 1))
    }

    @Test func testCheck_acceptsOnlyConfirmedViolations() throws {
        let g = try graph()
        let x = [0.2, -0.1]
        let y = g.evaluate(x)
        let box = InputBox(lower: [-1, -1], upper: [1, 1])
        // y0 - y1 <= (y0 - y1): holds at x exactly; slightly below does not.
        let holds = Property(inputCount: 2, outputCount: 2, regions: [Region(box: box, violation: [
            Conjunction(constraints: [OutputConstraint(coefficients: [1, -1], rhs: y[0] - y[1])])])])
        #expect(Counterexample.check(x, graph: g, property: holds) != nil)
        let fails = Property(inputCount: 2, outputCount: 2, regions: [Region(box: box, violation: [
            Conjunction(constraints: [OutputConstraint(coefficients: [1, -1], rhs: (y[0] - y[1]) - 1e-9)])])])
        #expect(Counterexample.check(x, graph: g, property: fails) == nil)
        // Outside the box: never a counterexample.
        #expect(Counterexample.check([1.5, 0], graph: g, property: holds) == nil)
        #expect(Counterexample.check([.nan, 0], graph: g, property: holds) == nil)
    }

    @Test func testResultFile_format() throws {
        let g = try graph()
        let x = [0.25, -0.125]
        let y = g.evaluate(x)
        let box = InputBox(lower: [-1, -1], upper: [1, 1])
        let p = Property(inputCount: 2, outputCount: 2, regions: [Region(box: box, violation: [
            Conjunction(constraints: [OutputConstraint(coefficients: [1, 0], rhs: y[0])])])])
        let cex = try #require(Counterexample.check(x, graph: g, property: p))
        let text = VNNCompResultFile.render(.falsified(cex))
        #expect(text.hasPrefix("sat\n((X_0 0.25)\n (X_1 -0.125)\n (Y_0 "))
        #expect(text.hasSuffix("))\n"))
        #expect(VNNCompResultFile.render(.verified) == "unsat\n")
        #expect(VNNCompResultFile.render(.timeout) == "timeout\n")
        #expect(VNNCompResultFile.render(.unknown(reason: "x")) == "unknown\n")
    }
}
