import Testing
import VernierBounds
import VernierCore
import VernierTestSupport

/// Shape operators move elements without arithmetic, so their bounds must be exactly the forward
/// map applied to each bound: sound over random boxes, and equal to the forward value on points.
private func expectExactMovement(_ op: any IntervalPropagating, _ shapes: [[Int]], seed: UInt64,
                                 sourceLocation: SourceLocation = #_sourceLocation) {
    var rng = SeededGenerator(seed: seed)
    for k in 0..<20 {
        let box = shapes.map { OperatorChecks.randomBox(shape: $0, rng: &rng) }
        let violations = OperatorChecks.intervalViolations(op, boxes: box, samples: 200, seed: UInt64(k))
        #expect(violations.isEmpty, "\(op.kind): \(violations.prefix(2))", sourceLocation: sourceLocation)
        let b = op.interval(box)
        #expect(b.lower == op.forward(box.map(\.lower), batchSize: shapes[0][0]), sourceLocation: sourceLocation)
        #expect(b.upper == op.forward(box.map(\.upper), batchSize: shapes[0][0]), sourceLocation: sourceLocation)
    }
    let points = shapes.map { Tensor(shape: $0, data: rng.uniformArray(Shape.count($0), -5...5)) }
    let p = op.interval(points.map { IntervalTensor(point: $0) })
    let y = op.forward(points, batchSize: shapes[0][0])
    #expect(p.lower == y && p.upper == y, sourceLocation: sourceLocation)
}

/// The single operator of a one-node graph.
private func loweredOp(_ opType: String, inputShape: [Int], inputs: [String] = ["x"], initializers: [TensorData] = [],
                       attributes: [String: AttributeValue] = [:]) throws -> any IntervalPropagating {
    let g = try NodeHarness.graph(inputShape: inputShape, nodes: [NodeHarness.node(opType, inputs, attributes: attributes)],
                                  initializers: initializers)
    return try #require(g.nodes.last?.op as? any IntervalPropagating)
}

@Suite("Shape-op interval bounds")
struct ShapeIntervalTests {
    @Test func reshapeFamily() throws {
        expectExactMovement(try loweredOp("Flatten", inputShape: [1, 2, 3], attributes: ["axis": .int(2)]), [[2, 1, 2, 3]], seed: 1)
        expectExactMovement(try loweredOp("Unsqueeze", inputShape: [2, 3], inputs: ["x", "a"], initializers: [NodeHarness.ints("a", [1])]),
                            [[3, 2, 3]], seed: 2)
        let b = try Reshape(inputShape: [2, 3], resultShape: [6]).interval([IntervalTensor(point: Tensor(shape: [1, 2, 3], repeating: 1))])
        #expect(b.shape == [1, 6])
    }

    @Test func indexMaps() throws {
        expectExactMovement(try loweredOp("Transpose", inputShape: [1, 2, 3, 2], attributes: ["perm": .ints([0, 2, 3, 1])]),
                            [[2, 1, 2, 3, 2]], seed: 3)
        expectExactMovement(try loweredOp("Slice", inputShape: [1, 6], inputs: ["x", "s", "e", "a", "t"],
                                          initializers: [NodeHarness.ints("s", [-1]), NodeHarness.ints("e", [0]),
                                                         NodeHarness.ints("a", [1]), NodeHarness.ints("t", [-2])]),
                            [[3, 1, 6]], seed: 4)
        expectExactMovement(try loweredOp("Gather", inputShape: [1, 4], inputs: ["x", "i"],
                                          initializers: [NodeHarness.ints("i", [3, 3, -4])], attributes: ["axis": .int(1)]),
                            [[2, 1, 4]], seed: 5)
        expectExactMovement(try loweredOp("Expand", inputShape: [3, 1], inputs: ["x", "s"],
                                          initializers: [NodeHarness.ints("s", [2, 3, 2])]),
                            [[2, 3, 1]], seed: 6)
    }

    @Test func concatWithConstantPieces() throws {
        let op = try Concat(axis: 1, pieces: [.operand(shape: [2, 1]), .constant(Tensor(shape: [2, 2], data: [7, 8, 9, 10])),
                                              .operand(shape: [2, 3])])
        expectExactMovement(op, [[3, 2, 1], [3, 2, 3]], seed: 7)
        let b = op.interval([IntervalTensor(point: Tensor(shape: [1, 2, 1], repeating: 0)),
                             IntervalTensor(point: Tensor(shape: [1, 2, 3], repeating: 1))])
        #expect(b.lower.data == [0, 7, 8, 1, 1, 1, 0, 9, 10, 1, 1, 1])
    }
}
