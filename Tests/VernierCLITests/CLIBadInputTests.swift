import Foundation
import Testing
import VernierTestSupport

/// Bad input must give a one-line `error:` naming what and where, and exit 65 — never a crash.
@Suite struct CLIBadInputTests {
    let tiny = """
    {"format": "vernier-model/1", "name": "tiny",
     "inputs": [{"name": "x", "shape": [1, 2]}], "outputs": [{"name": "y"}],
     "initializers": [{"name": "W", "shape": [3, 2], "data": [1, 2, 3, 4, 5, 6]},
                      {"name": "b", "shape": [3], "data": [0.5, 0, -1]}],
     "nodes": [{"name": "fc", "op_type": "Gemm", "inputs": ["x", "W", "b"], "outputs": ["h"], "attributes": {"transB": 1}},
               {"name": "act", "op_type": "Relu", "inputs": ["h"], "outputs": ["y"]}]}
    """

    func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Runs `vernier info` / `verify` on a file and checks exit 65 with a single error line containing `expected`.
    func expectInvalid(_ args: [String], mentions expected: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try CLIRunner.run(args)
        #expect(r.exitCode == 65, "exit \(r.exitCode), stderr: \(r.stderr)", sourceLocation: sourceLocation)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "expected one error line, got: \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.hasPrefix("error: "), sourceLocation: sourceLocation)
        for e in expected {
            #expect(r.stderr.contains(e), "'\(e)' not in: \(r.stderr)", sourceLocation: sourceLocation)
        }
    }

    @Test func testMalformedJSON_isRejected() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let m = try write("{\"format\": \"vernier-model/1\", \"name\": ", "broken.json", in: dir)
        try expectInvalid(["info", m], mentions: ["broken.json"])
    }

    @Test func testTruncatedONNX_isRejected() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let src = TestPaths.sharedBenchmarks.appendingPathComponent("acasxu/onnx/ACASXU_run2a_1_1_batch_2000.onnx")
        let bytes = try Data(contentsOf: src)
        let path = dir.appendingPathComponent("truncated.onnx")
        try bytes.prefix(1000).write(to: path)
        try expectInvalid(["info", path.path], mentions: ["truncated.onnx"])
        let junk = dir.appendingPathComponent("junk.onnx")
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 7) }).write(to: junk)
        try expectInvalid(["info", junk.path], mentions: ["junk.onnx"])
    }

    @Test func testUnsupportedOperator_namesOpAndNode() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let m = try write(tiny.replacingOccurrences(of: "\"Relu\"", with: "\"NonMaxSuppression\""), "unsup.json", in: dir)
        let r = try CLIRunner.run(["info", m])
        #expect(r.exitCode == 65)
        #expect(r.stdout.contains("NonMaxSuppression") && r.stdout.contains("act"))
        let x = try write("[0.5, 0.5]", "x.json", in: dir)
        try expectInvalid(["verify", "--model", m, "--input", x, "--epsilon", "0.1", "--label", "0"],
                          mentions: ["NonMaxSuppression", "act"])
    }

    @Test func testShapeMismatch_namesNode() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let m = try write(tiny.replacingOccurrences(of: "\"shape\": [1, 2]", with: "\"shape\": [1, 5]"), "shape.json", in: dir)
        try expectInvalid(["info", m], mentions: ["fc"])
        let x = try write("[0, 0, 0, 0, 0]", "x.json", in: dir)
        try expectInvalid(["eval", "--model", m, "--input", x], mentions: ["fc"])
    }

    @Test func testNaNWeight_isRejected() throws {
        let dir = try CLIRunner.temporaryDirectory()
        // JSON has no NaN literal; a base64 float64 NaN is the way a NaN weight reaches a JSON model.
        var nan = Double.nan.bitPattern.littleEndian
        let b64 = Data(bytes: &nan, count: 8).base64EncodedString()
        let model = tiny.replacingOccurrences(of: "{\"name\": \"b\", \"shape\": [3], \"data\": [0.5, 0, -1]}",
            with: "{\"name\": \"b\", \"shape\": [1], \"dtype\": \"float64\", \"data_base64\": \"\(b64)\"}")
        let m = try write(model, "nan.json", in: dir)
        let x = try write("[0.5, 0.5]", "x.json", in: dir)
        try expectInvalid(["eval", "--model", m, "--input", x], mentions: ["'b'"])
    }

    @Test func testEmptyGraph_isRejected() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let m = try write("""
        {"format": "vernier-model/1", "name": "empty", "inputs": [{"name": "x", "shape": [1, 2]}],
         "outputs": [{"name": "x"}], "initializers": [], "nodes": []}
        """, "empty.json", in: dir)
        let x = try write("[0.5, 0.5]", "x.json", in: dir)
        try expectInvalid(["eval", "--model", m, "--input", x], mentions: ["no nodes"])
    }

    @Test func testVNNLibErrors_giveTheLine() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let m = try write(tiny, "tiny.json", in: dir)
        let undeclared = try write("""
        (declare-const X_0 Real)
        (declare-const X_1 Real)
        (declare-const Y_0 Real)
        (declare-const Y_1 Real)
        (declare-const Y_2 Real)
        (assert (>= X_0 0))
        (assert (<= X_0 1))
        (assert (>= X_1 0))
        (assert (<= X_1 1))
        (assert (<= Y_7 0))
        """, "undeclared.vnnlib", in: dir)
        try expectInvalid(["verify", "--model", m, "--spec", undeclared], mentions: ["Y_7", "10"])
        let unbalanced = try write("""
        (declare-const X_0 Real)
        (assert (>= X_0 0)
        """, "unbalanced.vnnlib", in: dir)
        try expectInvalid(["verify", "--model", m, "--spec", unbalanced], mentions: ["unbalanced.vnnlib", "2"])
    }

    @Test func testInputOfWrongLength_isRejected() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let m = try write(tiny, "tiny.json", in: dir)
        let x = try write("[0.5, 0.5, 0.5]", "x.json", in: dir)
        try expectInvalid(["eval", "--model", m, "--input", x], mentions: ["3 values", "2 inputs"])
        try expectInvalid(["verify", "--model", m, "--input", x, "--epsilon", "0.1", "--label", "0"], mentions: ["3 values"])
    }

    @Test func testSpecModelMismatch_isRejected() throws {
        let dir = try CLIRunner.temporaryDirectory()
        let m = try write(tiny, "tiny.json", in: dir)
        let spec = TestPaths.sharedBenchmarks.appendingPathComponent("acasxu/vnnlib/prop_1.vnnlib").path
        try expectInvalid(["verify", "--model", m, "--spec", spec], mentions: ["5 inputs", "2"])
    }

    @Test func testUsageErrors_exit64() throws {
        let r = try CLIRunner.run(["verify", "--model", "m.json"])
        #expect(r.exitCode == 64)
        let r2 = try CLIRunner.run(["verify", "--model", "m.json", "--spec", "s.vnnlib", "--timeout", "-3"])
        #expect(r2.exitCode == 64)
        let r3 = try CLIRunner.run(["no-such-command"])
        #expect(r3.exitCode == 64)
        let r4 = try CLIRunner.run(["verify", "--model", "m.json", "--spec", "s.vnnlib", "--beta-iterations", "-1"])
        #expect(r4.exitCode == 64)
        #expect(r4.stderr.contains("--beta-iterations"))
    }

    @Test func testMissingFile_isInvalidInput() throws {
        try expectInvalid(["info", "/nonexistent/model.onnx"], mentions: ["/nonexistent/model.onnx"])
    }
}
