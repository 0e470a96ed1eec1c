import Foundation
import Testing
import VernierCore
import VernierIO
import VernierTestSupport
@testable import VernierLipschitz

/// `vernier lipschitz` and `vernier monotonicity`: JSON output, verdict exit codes, and clear
/// errors (exit 65) for unsupported operators and bad regions.
@Suite("Lipschitz CLI")
struct LipschitzCLITests {
    static let model = "examples/classifier/model.json"

    @Test("lipschitz --json reports lower <= upper and the baselines")
    func lipschitzJSON() throws {
        let r = try CLIRunner.run(["lipschitz", "--model", Self.model, "--input", "examples/classifier/x.json",
                                   "--epsilon", "0.05", "--output", "2", "--norm", "2", "--json", "--timeout", "5"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let upper = try #require(json["upper"] as? Double), lower = try #require(json["lower"] as? Double)
        #expect(lower > 0 && lower <= upper)
        let region = try #require((json["regions"] as? [[String: Any]])?.first)
        #expect((region["interval_only"] as? Double).map { $0 >= upper } == true)
        #expect((region["naive"] as? Double).map { $0 >= lower } == true)
    }

    @Test("monotonicity exit codes: 1 with a witness when violated, 0 when certified")
    func monotonicityExitCodes() throws {
        // Find, with the library, a feature the first output decreases in over this small region.
        let graph = try ModelFile.loadGraph(path: TestPaths.packageRoot.appendingPathComponent(Self.model).path)
        let x = [0.5, -0.25, 0.75, 0.1]
        let region = x.map { "\($0 - 0.01):\($0 + 0.01)" }.joined(separator: ",")
        let j = graph.gradient(of: [1, 0, 0], at: x)
        let feature = j.indices.max { abs(j[$0]) < abs(j[$1]) }!
        let wrong = j[feature] > 0 ? "decreasing" : "increasing"
        let right = j[feature] > 0 ? "increasing" : "decreasing"
        let violated = try CLIRunner.run(["monotonicity", "--model", Self.model, "--region=\(region)", "--feature", "\(feature)",
                                          "--direction", wrong])
        #expect(violated.exitCode == 1 && violated.stdout.contains("witness"), "\(violated.stdout) \(violated.stderr)")
        let certified = try CLIRunner.run(["monotonicity", "--model", Self.model, "--region=\(region)", "--feature", "\(feature)",
                                           "--direction", right, "--json"])
        #expect(certified.exitCode == 0, "\(certified.stdout) \(certified.stderr)")
        #expect(certified.stdout.contains("\"verdict\" : \"certified\""))
    }

    @Test("bad regions and unsupported operators exit 65 with a message naming the problem")
    func errors() throws {
        let short = try CLIRunner.run(["lipschitz", "--model", Self.model, "--region", "0:1"])
        #expect(short.exitCode == 65 && short.stderr.contains("4 inputs"))
        let crossed = try CLIRunner.run(["lipschitz", "--model", Self.model, "--region", "0:1,2:1,0:1,0:1"])
        #expect(crossed.exitCode == 65 && crossed.stderr.contains("input 1"))
        let usage = try CLIRunner.run(["lipschitz", "--model", Self.model])
        #expect(usage.exitCode == 64)
        // A max-pool network: the Jacobian graph rejects the pooling node by name.
        let dir = try CLIRunner.temporaryDirectory()
        let path = dir.appendingPathComponent("cnn.json").path
        try ModelFile.save(RandomNetworks.cnn(channels: 1, size: 4, activation: "Relu", pool: "MaxPool", seed: 1), to: path)
        let pooled = try CLIRunner.run(["lipschitz", "--model", path, "--region", Array(repeating: "0:1", count: 16).joined(separator: ",")])
        #expect(pooled.exitCode == 65 && pooled.stderr.contains("'pool'"), "\(pooled.stderr)")
    }
}
