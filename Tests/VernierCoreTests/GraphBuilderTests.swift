import Testing
import VernierCore
import VernierTestSupport

private typealias H = NodeHarness

/// The error building `doc` throws (nil when it builds).
private func buildError(_ doc: ModelDocument) -> (any Error)? {
    do { _ = try GraphBuilder().build(doc); return nil } catch { return error }
}

@Suite("GraphBuilder")
struct GraphBuilderTests {
    @Test func nodesListedOutOfOrderAreSorted() throws {
        let g = try H.graph(inputShape: [1, 2], nodes: [
            H.node("Mul", ["t2", "c"]),
            H.node("Neg", ["t1"], "t2"),
            H.node("Add", ["x", "c"], "t1"),
        ], initializers: [H.floats("c", [], [3])])
        #expect(g.nodes.map(\.name) == ["t1", "t2", "y"])
        #expect(g.evaluate([1, 2]) == [-12, -15])
    }

    @Test func cycleIsRejected() {
        let doc = H.model(inputShape: [1, 2], nodes: [
            H.node("Add", ["x", "b"], "a"), H.node("Neg", ["a"], "b"), H.node("Neg", ["b"]),
        ])
        let e = buildError(doc)
        guard case .invalidGraph(let message)? = e as? ModelError else {
            Issue.record("expected invalidGraph, got \(String(describing: e))"); return
        }
        #expect(message.contains("cycle"))
        #expect(message.contains("'a'") && message.contains("'b'"))
    }

    @Test func danglingInputNameNamesTheNode() {
        let e = buildError(H.model(inputShape: [1, 2], nodes: [H.node("Add", ["x", "nowhere"], name: "sum")]))
        guard case let .invalidNode(node, opType, message)? = e as? ModelError else {
            Issue.record("expected invalidNode, got \(String(describing: e))"); return
        }
        #expect(node == "sum")
        #expect(opType == "Add")
        #expect(message.contains("'nowhere'"))
    }

    @Test func duplicateOutputIsRejected() {
        let e = buildError(H.model(inputShape: [1, 2], nodes: [
            H.node("Neg", ["x"], "t", name: "first"), H.node("Neg", ["x"], "t", name: "second"), H.node("Neg", ["t"]),
        ]))
        guard case .invalidGraph(let message)? = e as? ModelError else {
            Issue.record("expected invalidGraph, got \(String(describing: e))"); return
        }
        #expect(message.contains("'t'") && message.contains("'first'") && message.contains("'second'"))
    }

    @Test func emptyGraphIsRejected() {
        #expect(buildError(H.model(inputShape: [1, 2], nodes: [])) as? ModelError == .invalidGraph("the graph has no nodes"))
    }

    @Test func nanInitializerIsRejected() {
        let e = buildError(H.model(inputShape: [1, 2], nodes: [H.node("Add", ["x", "bad"])],
                                   initializers: [H.floats("bad", [2], [1, .nan])]))
        #expect(e as? ModelError == .nonFiniteValue(tensor: "bad", index: 1))
    }

    @Test func twoInputsAreRejected() {
        var doc = H.model(inputShape: [1, 2], nodes: [H.node("Add", ["x", "z"])])
        doc.inputs.append(ValueInfo(name: "z", shape: [.fixed(1), .fixed(2)]))
        guard case .invalidGraph(let message)? = buildError(doc) as? ModelError else {
            Issue.record("expected invalidGraph"); return
        }
        #expect(message.contains("2 inputs"))
        #expect(message.contains("x, z"))
    }

    @Test func shapeComputationFoldsIntoAStaticReshape() throws {
        // The common dynamic-flatten export: Shape → Gather → Unsqueeze → Concat(…, [-1]) → Reshape.
        let g = try H.graph(inputShape: [1, 2, 3, 4], nodes: [
            H.node("Shape", ["x"], "shape"),
            H.node("Gather", ["shape", "zero"], "batch", attributes: ["axis": .int(0)]),
            H.node("Unsqueeze", ["batch", "axes"], "batch1"),
            H.node("Concat", ["batch1", "minus1"], "target", attributes: ["axis": .int(0)]),
            H.node("Reshape", ["x", "target"]),
        ], initializers: [TensorData(name: "zero", shape: [], int64s: [0]), H.ints("axes", [0]), H.ints("minus1", [-1])])
        #expect(g.nodes.count == 1)
        let reshape = try #require(g.nodes[0].op as? Reshape)
        #expect(reshape.resultShape == [1, 24])
        #expect(g.outputShape == [1, 24])
        let x = (0..<24).map(Double.init)
        #expect(g.evaluate(x) == x)
    }

    @Test func deadNodesArePruned() throws {
        let g = try H.graph(inputShape: [1, 2], nodes: [
            H.node("Neg", ["x"], "unused"),
            H.node("Mul", ["unused", "unused"], "alsoUnused"),
            H.node("Add", ["x", "c"]),
        ], initializers: [H.floats("c", [], [1])])
        #expect(g.nodes.map(\.name) == ["y"])
        #expect(g.evaluate([1, 2]) == [2, 3])
    }

    @Test func unsupportedOperatorNamesOpAndNode() {
        let e = buildError(H.model(inputShape: [1, 2], nodes: [H.node("FancyOp", ["x"], name: "weird")]))
        #expect(e as? ModelError == .unsupportedOperator(opType: "FancyOp", node: "weird", domain: ""))
        let text = e.map { "\($0)" } ?? ""
        #expect(text.contains("FancyOp") && text.contains("'weird'"))
    }

    @Test func outputMustDependOnTheInput() {
        // The output folds to a constant.
        let e = buildError(H.model(inputShape: [1, 2], nodes: [H.node("Neg", ["x"], "unused"), H.node("Add", ["c", "c"])],
                                   initializers: [H.floats("c", [2], [1, 2])]))
        guard case .invalidGraph(let message)? = e as? ModelError else {
            Issue.record("expected invalidGraph, got \(String(describing: e))"); return
        }
        #expect(message.contains("does not depend"))
    }

    @Test func identityGraphIsTheInput() throws {
        let g = try H.graph(inputShape: [1, 3], nodes: [H.node("Identity", ["x"])])
        #expect(g.evaluate([1, -2, 3]) == [1, -2, 3])
    }
}
