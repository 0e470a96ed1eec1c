import Foundation
import Testing
import VernierCore
import VernierSpec
import VernierVerify
import VernierIO
import VernierTestSupport

/// The CLI's main paths on the bundled examples and shared benchmarks: verdicts, exit codes,
/// result files and JSON.
@Suite struct CLIVerifyTests {
    let ex = "examples/classifier"

    @Test func testVersion_printsVersion() throws {
        let r = try CLIRunner.run(["--version"])
        #expect(r.exitCode == 0)
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test func testSmallBall_isVerified() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let result = dir.appendingPathComponent("r.txt").path
        let r = try CLIRunner.run(["verify", "--model", "\(ex)/model.json", "--spec", "\(ex)/robust_small.vnnlib",
                                   "--result-file", result])
        #expect(r.exitCode == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.hasPrefix("verified"))
        #expect(try String(contentsOfFile: result, encoding: .utf8) == "unsat\n")
    }

    @Test func testLargeBall_isFalsifiedWithACheckableCounterexample() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let result = dir.appendingPathComponent("r.txt").path
        let r = try CLIRunner.run(["verify", "--model", "\(ex)/model.json", "--spec", "\(ex)/robust_large.vnnlib",
                                   "--result-file", result])
        #expect(r.exitCode == 1, "\(r.stdout)\(r.stderr)")
        // Read the counterexample back from the VNN-COMP file and check it independently.
        let text = try String(contentsOfFile: result, encoding: .utf8)
        #expect(text.hasPrefix("sat\n"))
        var xs = [Int: Double]()
        for m in text.matches(of: /\(X_(\d+) ([-+0-9.eE]+)\)/) { xs[Int(m.1)!] = Double(m.2)! }
        #expect(xs.count == 4)
        let graph = try loadExampleGraph()
        let x = (0..<4).map { xs[$0]! }
        let property = try VNNLib.load(path: TestPaths.packageRoot.appendingPathComponent("\(ex)/robust_large.vnnlib").path)
        #expect(property.isViolated(input: x, output: graph.evaluate(x)))
    }

    /// `bounds --lower-only`: CROWN bounds the lower ends only, equal to the two-sided run's; the
    /// upper ends read +inf in text and null in JSON, and `--timing` adds the bounding time.
    @Test func testBoundsLowerOnly_matchesTheTwoSidedLowerEnds() throws {
        let args = ["bounds", "--model", "\(ex)/model.json", "--spec", "\(ex)/robust_small.vnnlib", "--method", "crown"]
        let both = try CLIRunner.run(args + ["--json"])
        let lower = try CLIRunner.run(args + ["--json", "--lower-only", "--timing"])
        #expect(both.exitCode == 0 && lower.exitCode == 0, "\(both.stderr)\(lower.stderr)")
        let rowsBoth = try #require((try JSONSerialization.jsonObject(with: Data(both.stdout.utf8)) as? [String: Any])?["rows"] as? [[String: Any]])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(lower.stdout.utf8)) as? [String: Any])
        let rowsLower = try #require(doc["rows"] as? [[String: Any]])
        #expect((doc["seconds"] as? Double ?? -1) >= 0)
        #expect(rowsBoth.count == rowsLower.count && !rowsLower.isEmpty)
        for (a, b) in zip(rowsBoth, rowsLower) {
            #expect(a["lower"] as? Double == b["lower"] as? Double)
            #expect(a["upper"] is Double && b["upper"] is NSNull)
        }
        let text = try CLIRunner.run(args + ["--lower-only"])
        #expect(text.stdout.contains(", +inf]") && !text.stdout.contains("null"))
    }

    @Test func testRobustnessFromInputFile_jsonOutput() throws {
        let r = try CLIRunner.run(["verify", "--model", "\(ex)/model.json", "--input", "\(ex)/x.json",
                                   "--epsilon", "0.001", "--label", "2", "--json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(obj?["format"] as? String == "vernier-result/1")
        #expect(obj?["verdict"] as? String == "verified")
        #expect(obj?["result"] as? String == "unsat")
        #expect((obj?["certified_margin"] as? Double ?? -1) > 0)
        // Wrong label: the input itself is a counterexample.
        let r2 = try CLIRunner.run(["verify", "--model", "\(ex)/model.json", "--input", "\(ex)/x.json",
                                    "--epsilon", "0.001", "--label", "0"])
        #expect(r2.exitCode == 1)
    }

    @Test func testEval_printsOutputs() throws {
        let r = try CLIRunner.run(["eval", "--model", "\(ex)/model.json", "--input", "\(ex)/x.json", "--json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect((obj?["argmax"] as? [Int]) == [2])
    }

    @Test func testConvert_roundTripsAndEvaluatesTheSame() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let onnx = dir.appendingPathComponent("m.onnx").path, json = dir.appendingPathComponent("m.json").path
        #expect(try CLIRunner.run(["convert", "\(ex)/model.json", onnx]).exitCode == 0)
        #expect(try CLIRunner.run(["convert", onnx, json]).exitCode == 0)
        let a = try CLIRunner.run(["eval", "--model", "\(ex)/model.json", "--input", "\(ex)/x.json", "--json"])
        let b = try CLIRunner.run(["eval", "--model", json, "--input", "\(ex)/x.json", "--json"])
        #expect(a.stdout == b.stdout)
    }

    @Test func testInfo_describesSharedModel() throws {
        let m = TestPaths.sharedBenchmarks.appendingPathComponent("mnist_fc/onnx/mnist-net_256x2.onnx").path
        let r = try CLIRunner.run(["info", m, "--json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let graph = obj?["graph"] as? [String: Any]
        #expect(graph?["inputs"] as? Int == 784)
        #expect(graph?["outputs"] as? Int == 10)
        #expect((obj?["parameters"] as? Int ?? 0) > 200_000)
    }

    @Test func testVNNCOMPSanityInstances_areAnsweredCorrectly() throws {
        // The five vnncomp2021 test instances with their known results (4 unsat, 1 sat).
        let dir = TestPaths.sharedBenchmarks.appendingPathComponent("vnncomp2021_test")
        let cases: [(String, String, Int32)] = [
            ("test_nano.onnx", "test_nano.vnnlib", 0), ("test_tiny.onnx", "test_tiny.vnnlib", 0),
            ("test_small.onnx", "test_small.vnnlib", 0), ("test_unsat.onnx", "test_prop.vnnlib", 0),
            ("test_sat.onnx", "test_prop.vnnlib", 1),
        ]
        for (model, spec, truth) in cases {
            let r = try CLIRunner.run(["verify", "--model", dir.appendingPathComponent(model).path,
                                       "--spec", dir.appendingPathComponent(spec).path, "--timeout", "20"])
            #expect(r.exitCode == truth, "\(model): exit \(r.exitCode) \(r.stdout)\(r.stderr)")
            // IBP alone may not decide, but must never contradict the known result.
            let ibp = try CLIRunner.run(["verify", "--model", dir.appendingPathComponent(model).path,
                                         "--spec", dir.appendingPathComponent(spec).path, "--method", "ibp"])
            #expect(ibp.exitCode == truth || ibp.exitCode == 2, "\(model) with IBP: exit \(ibp.exitCode)")
        }
    }

    /// ACAS Xu net 5-3, property 2: the only violations lie in a pocket about 10⁻³ of the box wide
    /// in three inputs, where the property fails by at most 1.2·10⁻⁴; PGD on the whole box misses
    /// it, and input splitting that visits boxes by worst certified margin alone did not reach it
    /// within 276k domains. Visiting half of each batch by probe margin finds it within about
    /// 800 domains (under a second in a release build; the generous timeout is for debug builds
    /// on a loaded CI machine).
    @Test func testACASXu_5_3_property2_isFalsifiedByInputSplitting() throws {
        let dir = TestPaths.sharedBenchmarks.appendingPathComponent("acasxu")
        let result = try CLIRunner.temporaryDirectory().appendingPathComponent("r.txt").path
        let r = try CLIRunner.run(["verify", "--model", dir.appendingPathComponent("onnx/ACASXU_run2a_5_3_batch_2000.onnx").path,
                                   "--spec", dir.appendingPathComponent("vnnlib/prop_2.vnnlib").path,
                                   "--timeout", "600", "--quiet", "--json", "--result-file", result])
        #expect(r.exitCode == 1, "exit \(r.exitCode): \(r.stdout.prefix(400))\(r.stderr.suffix(400))")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(json?["method"] as? String == "input-split")
        #expect((json?["domains"] as? Int ?? .max) < 20_000)
        #expect(try String(contentsOfFile: result, encoding: .utf8).hasPrefix("sat\n"))
    }

    /// ACAS Xu net 1-9, property 7 fails along one edge of its box, which PGD (seed 0) misses and
    /// the edge scan after it finds, before any bounding.
    @Test func testACASXu_1_9_property7_isFalsifiedOnAnEdge() throws {
        let dir = TestPaths.sharedBenchmarks.appendingPathComponent("acasxu")
        let r = try CLIRunner.run(["verify", "--model", dir.appendingPathComponent("onnx/ACASXU_run2a_1_9_batch_2000.onnx").path,
                                   "--spec", dir.appendingPathComponent("vnnlib/prop_7.vnnlib").path,
                                   "--timeout", "600", "--quiet", "--json"])
        #expect(r.exitCode == 1, "exit \(r.exitCode): \(r.stdout.prefix(400))\(r.stderr.suffix(400))")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(json?["method"] as? String == "edge-scan")
    }

    func loadExampleGraph() throws -> Graph {
        let path = TestPaths.packageRoot.appendingPathComponent("\(ex)/model.json").path
        return try ModelFile.loadGraph(path: path)
    }
}
