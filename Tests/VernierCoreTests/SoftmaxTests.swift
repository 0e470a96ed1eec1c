import Foundation
import Testing
import VernierCore
import VernierTestSupport

private typealias H = NodeHarness

/// Reference softmax of one group.
private func softmax(_ v: [Double]) -> [Double] {
    let e = v.map { exp($0) }
    let s = e.reduce(0, +)
    return e.map { $0 / s }
}

@Suite("Softmax and LogSoftmax")
struct SoftmaxTests {
    @Test func lastAxisByDefault() throws {
        let g = try H.graph(inputShape: [2, 3], nodes: [H.node("Softmax", ["x"])], opset: 13)
        #expect(g.nodes.last?.op is Softmax)
        #expect(H.close(g.evaluate([1, 2, 3, 0, -1, 0.5]), softmax([1, 2, 3]) + softmax([0, -1, 0.5])))
    }

    @Test func innerAxisUsesStridedGroups() throws {
        // [2, 3, 2] along axis 1: groups (x[i, :, j]).
        let g = try H.graph(inputShape: [2, 3, 2], nodes: [H.node("Softmax", ["x"], attributes: ["axis": .int(1)])], opset: 13)
        let x = H.ramp(12, start: -1, step: 0.3)
        let y = g.evaluate(x)
        for i in 0..<2 {
            for j in 0..<2 {
                let indices = (0..<3).map { i * 6 + $0 * 2 + j }
                #expect(H.close(indices.map { y[$0] }, softmax(indices.map { x[$0] })))
            }
        }
    }

    @Test func beforeOpset13TheOperandIsCoercedTo2D() throws {
        // Default axis 1: each sample's trailing [2, 2] block is one group of four.
        let g = try H.graph(inputShape: [2, 2, 2], nodes: [H.node("Softmax", ["x"])], opset: 11)
        let x = H.ramp(8)
        #expect(H.close(g.evaluate(x), softmax(Array(x[0..<4])) + softmax(Array(x[4..<8]))))
    }

    @Test func largeInputsAreStable() throws {
        let g = try H.graph(inputShape: [1, 3], nodes: [H.node("Softmax", ["x"])])
        #expect(H.close(g.evaluate([1000, 1001, 1002]), softmax([0, 1, 2])))
        let l = try H.graph(inputShape: [1, 3], nodes: [H.node("LogSoftmax", ["x"])])
        #expect(H.close(l.evaluate([1000, 1001, 1002]), softmax([0, 1, 2]).map { log($0) }))
    }

    @Test func logSoftmaxIsTheLogOfSoftmax() throws {
        let g = try H.graph(inputShape: [2, 3], nodes: [H.node("LogSoftmax", ["x"], attributes: ["axis": .int(0)])])
        let x = [0.5, -1, 2, 1.5, 0, -3]
        let y = g.evaluate(x)
        for j in 0..<3 {
            #expect(H.close([y[j], y[3 + j]], softmax([x[j], x[3 + j]]).map { log($0) }))
        }
    }

    @Test func gradientsMatchFiniteDifferences() throws {
        var rng = SeededGenerator(seed: 31)
        let groups = SoftmaxGroups(inputShape: [3, 4], axis: 0, coercedTo2D: false)
        let x = Tensor(shape: [2, 3, 4], data: rng.uniformArray(24, -3...3))
        #expect(OperatorChecks.gradientError(Softmax(groups: groups), inputs: [x]) < 1e-5)
        #expect(OperatorChecks.gradientError(LogSoftmax(groups: groups), inputs: [x]) < 1e-5)
    }

    @Test func axisOutOfRangeNamesTheNode() {
        let e = H.buildError(inputShape: [2, 3], nodes: [H.node("Softmax", ["x"], name: "probs", attributes: ["axis": .int(2)])])
        #expect(e?.contains("'probs'") == true && e?.contains("axis") == true, "\(e ?? "built")")
    }
}
