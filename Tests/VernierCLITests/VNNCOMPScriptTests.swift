import Foundation
import Testing
import VernierTestSupport

/// The VNN-COMP interface scripts (`vnncomp/`) drive the CLI and write result files.
@Suite struct VNNCOMPScriptTests {
    func script(_ name: String, _ args: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [TestPaths.packageRoot.appendingPathComponent("vnncomp/\(name)").path] + args
        var env = ProcessInfo.processInfo.environment
        env["VERNIER_BIN"] = CLIRunner.executable.path
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    @Test func testRunInstance_writesResultFiles() throws {
        let dir = TestPaths.sharedBenchmarks.appendingPathComponent("vnncomp2021_test")
        let tmp = try CLIRunner.temporaryDirectory()
        for (onnx, vnnlib, expected) in [("test_nano.onnx", "test_nano.vnnlib", "unsat"), ("test_sat.onnx", "test_prop.vnnlib", "sat")] {
            let m = dir.appendingPathComponent(onnx).path, s = dir.appendingPathComponent(vnnlib).path
            #expect(try script("prepare_instance.sh", ["v1", "test", m, s]) == 0)
            let result = tmp.appendingPathComponent("\(onnx).txt")
            #expect(try script("run_instance.sh", ["v1", "test", m, s, result.path, "30"]) == 0)
            let text = try String(contentsOf: result, encoding: .utf8)
            #expect(text.split(separator: "\n").first.map(String.init) == expected, "\(onnx): \(text)")
        }
    }

    @Test func testGzippedInputs_andBadFiles() throws {
        let dir = TestPaths.sharedBenchmarks.appendingPathComponent("vnncomp2021_test")
        let tmp = try CLIRunner.temporaryDirectory()
        // A gzipped property next to the model, as VNN-COMP benchmarks ship them.
        let gz = tmp.appendingPathComponent("p.vnnlib.gz")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -c '\(dir.appendingPathComponent("test_nano.vnnlib").path)' > '\(gz.path)'"]
        try gzip.run()
        gzip.waitUntilExit()
        let result = tmp.appendingPathComponent("r.txt")
        #expect(try script("run_instance.sh", ["v1", "test", dir.appendingPathComponent("test_nano.onnx").path,
                                               tmp.appendingPathComponent("p.vnnlib").path, result.path, "30"]) == 0)
        #expect(try String(contentsOf: result, encoding: .utf8) == "unsat\n")
        // A model that does not load: prepare fails.
        let bad = tmp.appendingPathComponent("bad.onnx")
        try Data("not a model".utf8).write(to: bad)
        #expect(try script("prepare_instance.sh", ["v1", "test", bad.path, dir.appendingPathComponent("test_nano.vnnlib").path]) != 0)
        #expect(try script("run_instance.sh", ["v2", "test", "a", "b", "c", "1"]) != 0)
    }
}
