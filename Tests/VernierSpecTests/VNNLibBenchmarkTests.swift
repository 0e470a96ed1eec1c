import Foundation
import Testing
@testable import VernierSpec

/// The reader against the real VNN-COMP files in ../shared/benchmarks.
@Suite struct VNNLibBenchmarkTests {
    @Test func parsesEveryBenchmarkFile() throws {
        let files = try BenchmarkFiles.allVNNLib()
        // 10 ACAS Xu + 30 mnist_fc + 72 dist_shift + 4 vnncomp2021_test at the time of writing.
        #expect(files.count >= 116, "expected at least 116 .vnnlib files, found \(files.count)")
        for file in files {
            do {
                let property = try VNNLib.load(path: file)
                #expect(!property.regions.isEmpty, "\(file): no regions")
                #expect(property.source == file)
                for region in property.regions {
                    #expect(region.box.lower.count == property.inputCount)
                    #expect(region.box.upper.count == property.inputCount)
                    #expect(zip(region.box.lower, region.box.upper).allSatisfy { $0 <= $1 && $0.isFinite && $1.isFinite })
                    #expect(!region.violation.isEmpty)
                    for conjunction in region.violation {
                        #expect(conjunction.constraints.allSatisfy { $0.coefficients.count == property.outputCount })
                    }
                }
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    /// Every top-level `(assert (<= X_i c))` / `(assert (>= X_i c))` line must show up as a box
    /// bound bit for bit (in every region, since such assertions hold in all disjuncts).
    @Test func simpleInputBoundsAreExact() throws {
        var checked = 0
        for file in try BenchmarkFiles.allVNNLib() {
            let property = try VNNLib.load(path: file)
            let text = try String(contentsOfFile: file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ")
                    .split(separator: " ")
                guard words.count == 4, words[0] == "assert", words[2].hasPrefix("X_"),
                      let index = Int(words[2].dropFirst(2)), let value = Double(String(words[3])) else { continue }
                for region in property.regions {
                    if words[1] == "<=" { #expect(region.box.upper[index] == value, "\(file): \(line)") }
                    if words[1] == ">=" { #expect(region.box.lower[index] == value, "\(file): \(line)") }
                }
                checked += 1
            }
        }
        #expect(checked > 100_000)
    }

    @Test func acasProperty1() throws {
        let p = try VNNLib.load(path: BenchmarkFiles.require("acasxu/vnnlib/prop_1.vnnlib"))
        #expect(p.inputCount == 5)
        #expect(p.outputCount == 5)
        try #require(p.regions.count == 1)
        #expect(p.regions[0].box.lower == [0.6, -0.5, -0.5, 0.45, -0.5])
        #expect(p.regions[0].box.upper == [0.679857769, 0.5, 0.5, 0.5, -0.45])
        // (>= Y_0 3.991125645861615)  →  -y0 <= -3.991125645861615
        #expect(p.regions[0].violation == [
            Conjunction(constraints: [OutputConstraint(coefficients: [-1, 0, 0, 0, 0], rhs: -3.991125645861615)]),
        ])
    }

    @Test func acasProperty2ConjoinsAllOutputAssertions() throws {
        let p = try VNNLib.load(path: BenchmarkFiles.require("acasxu/vnnlib/prop_2.vnnlib"))
        try #require(p.regions.count == 1)
        try #require(p.regions[0].violation.count == 1)
        // (<= Y_k Y_0) for k = 1…4, all in one conjunction: y_k - y_0 <= 0.
        let rows = p.regions[0].violation[0].constraints
        #expect(rows.count == 4)
        for (k, row) in rows.enumerated() {
            var c = [Double](repeating: 0, count: 5)
            c[k + 1] = 1
            c[0] = -1
            #expect(row == OutputConstraint(coefficients: c, rhs: 0))
        }
    }

    @Test func acasProperty6HasTwoRegionsWithFourDisjunctsEach() throws {
        let p = try VNNLib.load(path: BenchmarkFiles.require("acasxu/vnnlib/prop_6.vnnlib"))
        try #require(p.regions.count == 2)
        #expect(p.regions[0].box.lower[1] == 0.11140846)
        #expect(p.regions[0].box.upper[1] == 0.499999896)
        #expect(p.regions[1].box.lower[1] == -0.499999896)
        #expect(p.regions[1].box.upper[1] == -0.11140846)
        for region in p.regions {
            #expect(region.box.lower[0] == -0.129289109)
            #expect(region.box.upper[2] == -0.499204121)
            #expect(region.violation.count == 4)
            #expect(region.violation.allSatisfy { $0.constraints.count == 1 })
        }
        // A point of region 1 (not region 0) whose output has y_2 <= y_0 is a counterexample.
        let x = [0.0, -0.3, -0.4996, 0.0, 0.0]
        #expect(p.isViolated(input: x, output: [1, 5, 0.5, 5, 5]))
        #expect(!p.isViolated(input: x, output: [0, 5, 5, 5, 5]))
        #expect(!p.isViolated(input: [0.0, 0.0, -0.4996, 0.0, 0.0], output: [1, 5, 0.5, 5, 5]))
    }

    @Test func acasProperty7HasThreeRowConjunctions() throws {
        let p = try VNNLib.load(path: BenchmarkFiles.require("acasxu/vnnlib/prop_7.vnnlib"))
        try #require(p.regions.count == 1)
        #expect(p.regions[0].violation.map { $0.constraints.count } == [3, 3])
        #expect(p.regions[0].violation[1].constraints[2] == OutputConstraint(coefficients: [0, 0, -1, 0, 1], rhs: 0))
    }

    @Test func mnistProperty() throws {
        let p = try VNNLib.load(path: BenchmarkFiles.require("mnist_fc/vnnlib/prop_0_0.03.vnnlib"))
        #expect(p.inputCount == 784)
        #expect(p.outputCount == 10)
        try #require(p.regions.count == 1)
        #expect(p.regions[0].box.lower[779] == 0)
        #expect(p.regions[0].box.upper[779] == 0.029999999329447746)
        let violation = p.regions[0].violation
        #expect(violation.count == 9)
        // Label 4: (>= Y_j Y_4) becomes y_4 - y_j <= 0.
        let others = [0, 1, 2, 3, 5, 6, 7, 8, 9]
        for (conjunction, j) in zip(violation, others) {
            var c = [Double](repeating: 0, count: 10)
            c[4] = 1
            c[j] = -1
            #expect(conjunction.constraints == [OutputConstraint(coefficients: c, rhs: 0)])
        }
    }

    @Test func distShiftProperty() throws {
        let p = try VNNLib.load(path: BenchmarkFiles.require("dist_shift/vnnlib/index2116_delta0.13.vnnlib"))
        #expect(p.inputCount == 792)
        #expect(p.outputCount == 10)
        #expect(p.regions.count == 1)
        #expect(p.regions[0].box.lower[791] == -91.17896484375)
        #expect(p.regions[0].box.upper[784] == -34.83301928520203)
    }

    @Test func vnncomp2021TestFiles() throws {
        let nano = try VNNLib.load(path: BenchmarkFiles.require("vnncomp2021_test/test_nano.vnnlib"))
        #expect(nano == Property(inputCount: 1, outputCount: 1, regions: [
            Region(box: InputBox(lower: [-1], upper: [1]),
                   violation: [Conjunction(constraints: [OutputConstraint(coefficients: [1], rhs: -1)])]),
        ], source: nano.source))
        let small = try VNNLib.load(path: BenchmarkFiles.require("vnncomp2021_test/test_small.vnnlib"))
        #expect(small.regions == [
            Region(box: InputBox(lower: [-1], upper: [1]),
                   violation: [Conjunction(constraints: [OutputConstraint(coefficients: [-1], rhs: -100)])]),
        ])
        #expect(small.isViolated(input: [0.5], output: [100]))
        #expect(!small.isViolated(input: [0.5], output: [99.9]))
    }
}
