import Testing
import VernierCore
import VernierTestSupport

private typealias H = NodeHarness

/// Direct-definition 2-D convolution of one image `[C, H, W]` (reference for the im2col path).
private func referenceConv(_ x: [Double], c: Int, h: Int, w: Int, weights: [Double], m: Int, kh: Int, kw: Int,
                           bias: [Double]?, groups: Int, strides: (Int, Int), dilations: (Int, Int),
                           padTop: Int, padLeft: Int, oh: Int, ow: Int) -> [Double] {
    let cg = c / groups, mg = m / groups
    var y = [Double](repeating: 0, count: m * oh * ow)
    for o in 0..<m {
        let g = o / mg
        for i in 0..<oh {
            for j in 0..<ow {
                var s = bias?[o] ?? 0
                for ci in 0..<cg {
                    for a in 0..<kh {
                        for b in 0..<kw {
                            let r = i * strides.0 - padTop + a * dilations.0
                            let q = j * strides.1 - padLeft + b * dilations.1
                            guard r >= 0, r < h, q >= 0, q < w else { continue }
                            s += x[((g * cg + ci) * h + r) * w + q] * weights[((o * cg + ci) * kh + a) * kw + b]
                        }
                    }
                }
                y[(o * oh + i) * ow + j] = s
            }
        }
    }
    return y
}

/// Direct-definition 2-D transposed convolution of one image `[C, H, W]` with weights `[C, M/g, kh, kw]`.
private func referenceConvTranspose(_ x: [Double], c: Int, h: Int, w: Int, weights: [Double], mg: Int, kh: Int, kw: Int,
                                    groups: Int, strides: (Int, Int), dilations: (Int, Int),
                                    padTop: Int, padLeft: Int, oh: Int, ow: Int) -> [Double] {
    let cg = c / groups, m = mg * groups
    var y = [Double](repeating: 0, count: m * oh * ow)
    for ci in 0..<c {
        let g = ci / cg
        for i in 0..<h {
            for j in 0..<w {
                for mo in 0..<mg {
                    for a in 0..<kh {
                        for b in 0..<kw {
                            let r = i * strides.0 - padTop + a * dilations.0
                            let q = j * strides.1 - padLeft + b * dilations.1
                            guard r >= 0, r < oh, q >= 0, q < ow else { continue }
                            y[((g * mg + mo) * oh + r) * ow + q] += x[(ci * h + i) * w + j] * weights[((ci * mg + mo) * kh + a) * kw + b]
                        }
                    }
                }
            }
        }
    }
    return y
}

@Suite("Conv")
struct ConvTests {
    @Test func smallConvolutionByHand() throws {
        // 1 channel 3×3 input, one 2×2 filter, bias 1.
        let g = try H.graph(inputShape: [1, 1, 3, 3], nodes: [H.node("Conv", ["x", "W", "B"])],
                            initializers: [H.floats("W", [1, 1, 2, 2], [1, 0, 0, -1]), H.floats("B", [1], [1])])
        #expect(g.nodes.last?.op is Conv)
        #expect(g.outputShape == [1, 1, 2, 2])
        // y[i, j] = x[i, j] − x[i+1, j+1] + 1.
        #expect(g.evaluate([1, 2, 3, 4, 5, 6, 7, 8, 9]) == [-3, -3, -3, -3])
    }

    @Test func matchesDirectDefinitionAcrossAttributes() throws {
        var rng = SeededGenerator(seed: 5)
        struct Case { var c, m, groups, h, w, kh, kw: Int; var attributes: [String: AttributeValue]
            var strides: (Int, Int), dilations: (Int, Int), pads: (Int, Int), out: (Int, Int) }
        let cases = [
            Case(c: 2, m: 3, groups: 1, h: 5, w: 4, kh: 3, kw: 2, attributes: ["pads": .ints([1, 0, 2, 1])],
                 strides: (1, 1), dilations: (1, 1), pads: (1, 0), out: (6, 4)),
            Case(c: 2, m: 4, groups: 2, h: 6, w: 6, kh: 3, kw: 3, attributes: ["strides": .ints([2, 3]), "pads": .ints([1, 1, 1, 1])],
                 strides: (2, 3), dilations: (1, 1), pads: (1, 1), out: (3, 2)),
            Case(c: 3, m: 3, groups: 3, h: 5, w: 5, kh: 2, kw: 2, attributes: ["dilations": .ints([2, 2])],
                 strides: (1, 1), dilations: (2, 2), pads: (0, 0), out: (3, 3)),  // depthwise, dilated
            // SAME_UPPER: output ceil(5/2) = 3, total pad (3−1)·2 + 3 − 5 = 2 → 1 before, 1 after.
            Case(c: 1, m: 2, groups: 1, h: 5, w: 5, kh: 3, kw: 3, attributes: ["auto_pad": .string("SAME_UPPER"), "strides": .ints([2, 2])],
                 strides: (2, 2), dilations: (1, 1), pads: (1, 1), out: (3, 3)),
            // SAME_LOWER with an odd total (1): the extra unit goes before.
            Case(c: 1, m: 1, groups: 1, h: 4, w: 4, kh: 2, kw: 2, attributes: ["auto_pad": .string("SAME_LOWER")],
                 strides: (1, 1), dilations: (1, 1), pads: (1, 1), out: (4, 4)),
            Case(c: 1, m: 1, groups: 1, h: 4, w: 4, kh: 2, kw: 2, attributes: ["auto_pad": .string("SAME_UPPER")],
                 strides: (1, 1), dilations: (1, 1), pads: (0, 0), out: (4, 4)),
            Case(c: 2, m: 2, groups: 1, h: 5, w: 6, kh: 2, kw: 3, attributes: ["auto_pad": .string("VALID"), "pads": .ints([3, 3, 3, 3])],
                 strides: (1, 1), dilations: (1, 1), pads: (0, 0), out: (4, 4)),
        ]
        for (n, t) in cases.enumerated() {
            let weights = rng.uniformArray(t.m * t.c / t.groups * t.kh * t.kw, -1...1)
            let bias = rng.uniformArray(t.m, -1...1)
            var attributes = t.attributes
            attributes["group"] = .int(Int64(t.groups))
            let g = try H.graph(inputShape: [1, t.c, t.h, t.w], nodes: [H.node("Conv", ["x", "W", "B"], attributes: attributes)],
                                initializers: [H.floats("W", [t.m, t.c / t.groups, t.kh, t.kw], weights), H.floats("B", [t.m], bias)])
            #expect(g.outputShape == [1, t.m, t.out.0, t.out.1], "case \(n)")
            let x = rng.uniformArray(t.c * t.h * t.w, -2...2)
            let expected = referenceConv(x, c: t.c, h: t.h, w: t.w, weights: weights, m: t.m, kh: t.kh, kw: t.kw, bias: bias,
                                         groups: t.groups, strides: t.strides, dilations: t.dilations,
                                         padTop: t.pads.0, padLeft: t.pads.1, oh: t.out.0, ow: t.out.1)
            #expect(H.close(g.evaluate(x), expected), "case \(n)")
        }
    }

    @Test func oneAndThreeDimensionalConvolutions() throws {
        // 1-D: y[i] = x[2i − 1] − x[2i] (pad 1 before, stride 2).
        let g1 = try H.graph(inputShape: [1, 1, 5], nodes: [H.node("Conv", ["x", "W"], attributes: ["strides": .ints([2]), "pads": .ints([1, 0])])],
                             initializers: [H.floats("W", [1, 1, 2], [1, -1])])
        #expect(g1.outputShape == [1, 1, 3])
        let expected1: [Double] = [-1, -2, -8]  // −x0, x1 − x2, x3 − x4
        #expect(g1.evaluate([1, 2, 4, 8, 16]) == expected1)
        // 3-D with a 2×2×2 box filter of ones: window sums.
        let g3 = try H.graph(inputShape: [1, 1, 2, 2, 3], nodes: [H.node("Conv", ["x", "W"])],
                             initializers: [H.floats("W", [1, 1, 2, 2, 2], Array(repeating: 1, count: 8))])
        #expect(g3.outputShape == [1, 1, 1, 1, 2])
        let x = (0..<12).map(Double.init)
        let expected: [Double] = [40, 48]  // 0+1+3+4+6+7+9+10 and 1+2+4+5+7+8+10+11
        #expect(g3.evaluate(x) == expected)
    }

    @Test func largeBatchesSpanSeveralPatchChunks() throws {
        var rng = SeededGenerator(seed: 9)
        let g = try H.graph(inputShape: [1, 4, 32, 32], nodes: [H.node("Conv", ["x", "W", "B"], attributes: ["pads": .ints([1, 1, 1, 1])])],
                            initializers: [H.floats("W", [2, 4, 3, 3], rng.uniformArray(72, -1...1)), H.floats("B", [2], [0.5, -0.5])])
        let samples = (0..<250).map { _ in rng.uniformArray(4 * 32 * 32, -1...1) }
        let batched = g.evaluate(batch: samples)
        for i in [0, 112, 113, 249] {
            #expect(H.close(batched[i], g.evaluate(samples[i])), "sample \(i)")
        }
    }

    @Test func gradientMatchesFiniteDifferences() throws {
        var rng = SeededGenerator(seed: 3)
        let g = try H.graph(inputShape: [1, 2, 4, 4], nodes: [H.node("Conv", ["x", "W", "B"], attributes: [
            "pads": .ints([1, 0, 0, 1]), "strides": .ints([2, 1]), "dilations": .ints([1, 2]), "group": .int(2)])],
                            initializers: [H.floats("W", [4, 1, 2, 2], rng.uniformArray(16, -1...1)), H.floats("B", [4], rng.uniformArray(4, -1...1))])
        let op = try #require(g.nodes.last?.op as? Conv)
        #expect(OperatorChecks.gradientError(op, inputs: [Tensor(shape: [2, 1, 2, 4, 4], data: rng.uniformArray(64, -2...2))]) < 1e-5)
    }

    @Test func malformedNodesNameTheNode() {
        let w = H.floats("W", [2, 3, 2, 2], Array(repeating: 0.5, count: 24))
        let channels = H.buildError(inputShape: [1, 2, 4, 4], nodes: [H.node("Conv", ["x", "W"], name: "conv7")], initializers: [w])
        #expect(channels?.contains("'conv7'") == true && channels?.contains("channels") == true, "\(channels ?? "built")")
        let pad = H.buildError(inputShape: [1, 3, 4, 4], nodes: [H.node("Conv", ["x", "W"], name: "conv8", attributes: ["auto_pad": .string("SAME")])],
                               initializers: [w])
        #expect(pad?.contains("'conv8'") == true && pad?.contains("auto_pad") == true, "\(pad ?? "built")")
        let kernel = H.buildError(inputShape: [1, 3, 4, 4], nodes: [H.node("Conv", ["x", "W"], name: "conv9", attributes: ["kernel_shape": .ints([3, 3])])],
                                  initializers: [w])
        #expect(kernel?.contains("'conv9'") == true && kernel?.contains("kernel_shape") == true, "\(kernel ?? "built")")
        let small = H.buildError(inputShape: [1, 3, 1, 4], nodes: [H.node("Conv", ["x", "W"], name: "conv10")], initializers: [w])
        #expect(small?.contains("'conv10'") == true, "\(small ?? "built")")
        let variableWeights = H.buildError(inputShape: [1, 1, 2, 2], nodes: [H.node("Conv", ["x", "x"], name: "conv11")])
        #expect(variableWeights?.contains("'conv11'") == true && variableWeights?.contains("constant") == true)
        let strides = H.buildError(inputShape: [1, 3, 4, 4], nodes: [H.node("Conv", ["x", "W"], name: "conv12", attributes: ["strides": .ints([1])])],
                                   initializers: [w])
        #expect(strides?.contains("'conv12'") == true && strides?.contains("strides") == true)
    }
}

@Suite("ConvTranspose")
struct ConvTransposeTests {
    @Test func stridedUpsamplingByHand() throws {
        // One 1×2 input, 1×2 kernel [1, 10], stride 2: each input writes two adjacent outputs.
        let g = try H.graph(inputShape: [1, 1, 1, 2], nodes: [H.node("ConvTranspose", ["x", "W", "B"], attributes: ["strides": .ints([1, 2])])],
                            initializers: [H.floats("W", [1, 1, 1, 2], [1, 10]), H.floats("B", [1], [0.5])])
        #expect(g.nodes.last?.op is ConvTranspose)
        #expect(g.outputShape == [1, 1, 1, 4])
        #expect(g.evaluate([2, 3]) == [2.5, 20.5, 3.5, 30.5])
    }

    @Test func matchesDirectDefinition() throws {
        var rng = SeededGenerator(seed: 8)
        // (attributes, groups, C, M/g, kernel, strides, dilations, pads (top, left), output size)
        let cases: [([String: AttributeValue], Int, Int, Int, (Int, Int), (Int, Int), (Int, Int), (Int, Int), (Int, Int))] = [
            ([:], 1, 2, 3, (3, 3), (1, 1), (1, 1), (0, 0), (5, 6)),
            (["strides": .ints([2, 3]), "pads": .ints([1, 0, 1, 2])], 1, 2, 2, (3, 2), (2, 3), (1, 1), (1, 0), (5, 9)),
            (["strides": .ints([2, 2]), "output_padding": .ints([1, 1])], 2, 4, 1, (2, 2), (2, 2), (1, 1), (0, 0), (7, 9)),
            (["dilations": .ints([2, 1]), "pads": .ints([1, 1, 1, 1])], 1, 1, 2, (2, 2), (1, 1), (2, 1), (1, 1), (3, 3)),
            // output_shape: natural size 2·(3−1)+3 = 7 (H), 2·(4−1)+3 = 9 (W); target 6 and 8 → total pad 1, extra at the start (NOTSET).
            (["strides": .ints([2, 2]), "output_shape": .ints([6, 8])], 1, 1, 1, (3, 3), (2, 2), (1, 1), (1, 1), (6, 8)),
            // SAME_UPPER: output = input·stride; total pad 1 → 0 before, 1 after.
            (["strides": .ints([2, 2]), "auto_pad": .string("SAME_UPPER")], 1, 1, 1, (3, 3), (2, 2), (1, 1), (0, 0), (6, 8)),
            (["strides": .ints([2, 2]), "auto_pad": .string("SAME_LOWER")], 1, 1, 1, (3, 3), (2, 2), (1, 1), (1, 1), (6, 8)),
        ]
        for (n, t) in cases.enumerated() {
            let (attributes, groups, c, mg, k, s, d, p, out) = t
            let h = 3, w = 4
            var attrs = attributes
            attrs["group"] = .int(Int64(groups))
            let weights = rng.uniformArray(c * mg * k.0 * k.1, -1...1)
            let g = try H.graph(inputShape: [1, c, h, w], nodes: [H.node("ConvTranspose", ["x", "W"], attributes: attrs)],
                                initializers: [H.floats("W", [c, mg, k.0, k.1], weights)])
            #expect(g.outputShape == [1, mg * groups, out.0, out.1], "case \(n)")
            let x = rng.uniformArray(c * h * w, -2...2)
            let expected = referenceConvTranspose(x, c: c, h: h, w: w, weights: weights, mg: mg, kh: k.0, kw: k.1, groups: groups,
                                                  strides: s, dilations: d, padTop: p.0, padLeft: p.1, oh: out.0, ow: out.1)
            #expect(H.close(g.evaluate(x), expected), "case \(n)")
        }
    }

    @Test func isTheAdjointOfConv() throws {
        // ⟨Conv(x), y⟩ = ⟨x, ConvTranspose(y)⟩ with the same weights tensor.
        var rng = SeededGenerator(seed: 4)
        let weights = H.floats("W", [3, 2, 3, 2], rng.uniformArray(36, -1...1))
        let attributes: [String: AttributeValue] = ["strides": .ints([2, 1]), "pads": .ints([1, 0, 1, 1]), "dilations": .ints([1, 2])]
        let conv = try H.graph(inputShape: [1, 2, 5, 6], nodes: [H.node("Conv", ["x", "W"], attributes: attributes)], initializers: [weights])
        #expect(conv.outputShape == [1, 3, 3, 5])
        let transpose = try H.graph(inputShape: [1, 3, 3, 5], nodes: [H.node("ConvTranspose", ["x", "W"], attributes: attributes)],
                                    initializers: [weights])
        #expect(transpose.outputShape == [1, 2, 5, 6])
        let x = rng.uniformArray(60, -1...1), y = rng.uniformArray(45, -1...1)
        let lhs = zip(conv.evaluate(x), y).reduce(0) { $0 + $1.0 * $1.1 }
        let rhs = zip(x, transpose.evaluate(y)).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(lhs - rhs) < 1e-12 * max(1, abs(lhs)))
    }

    @Test func gradientMatchesFiniteDifferences() throws {
        var rng = SeededGenerator(seed: 12)
        let g = try H.graph(inputShape: [1, 2, 3, 3], nodes: [H.node("ConvTranspose", ["x", "W", "B"], attributes: [
            "strides": .ints([2, 2]), "pads": .ints([1, 0, 0, 1]), "output_padding": .ints([1, 0])])],
                            initializers: [H.floats("W", [2, 2, 2, 3], rng.uniformArray(24, -1...1)), H.floats("B", [2], [0.3, -0.3])])
        let op = try #require(g.nodes.last?.op as? ConvTranspose)
        #expect(OperatorChecks.gradientError(op, inputs: [Tensor(shape: [2, 1, 2, 3, 3], data: rng.uniformArray(36, -2...2))]) < 1e-5)
    }

    @Test func malformedNodesNameTheNode() {
        let w = H.floats("W", [2, 1, 2, 2], Array(repeating: 1, count: 8))
        let channels = H.buildError(inputShape: [1, 3, 2, 2], nodes: [H.node("ConvTranspose", ["x", "W"], name: "up1")], initializers: [w])
        #expect(channels?.contains("'up1'") == true, "\(channels ?? "built")")
        let padding = H.buildError(inputShape: [1, 2, 2, 2], nodes: [H.node("ConvTranspose", ["x", "W"], name: "up2",
                                                                             attributes: ["output_padding": .ints([1])])],
                                   initializers: [w])
        #expect(padding?.contains("'up2'") == true && padding?.contains("output_padding") == true, "\(padding ?? "built")")
        let cropped = H.buildError(inputShape: [1, 2, 2, 2], nodes: [H.node("ConvTranspose", ["x", "W"], name: "up3",
                                                                             attributes: ["pads": .ints([2, 2, 2, 2])])],
                                   initializers: [w])
        #expect(cropped?.contains("'up3'") == true, "\(cropped ?? "built")")
    }
}
