import Foundation
import VernierTestSupport
@testable import VernierReport

/// Shared inputs of the report tests: the bundled digits example, temporary suites, and
/// hand-made result documents for the pure logic (checks, merging, writers).
enum ReportFixtures {
    static var digitsModel: String { TestPaths.packageRoot.appendingPathComponent("examples/digits/model.json").path }
    static var digitsData: String { TestPaths.packageRoot.appendingPathComponent("examples/digits/test.json").path }

    /// A small suite on the digits example: `samples` samples × the given ε, CROWN only (fast).
    static func digitsSuite(samples: Int = 3, epsilons: [Double] = [0.02, 0.3], method: String = "crown",
                            model: String = digitsModel, name: String = "digits-test") -> String {
        """
        name: \(name)
        seed: 7
        tolerance: 0.0
        entries:
          - name: digits
            model: \(model)
            data: \(digitsData)
            samples: \(samples)
            epsilons: [\(epsilons.map { "\($0)" }.joined(separator: ", "))]
            clip: [0, 1]
            method: \(method)
            timeout: 30
        """
    }

    static func suite(_ yaml: String) throws(ReportError) -> Suite {
        try Suite.parse(yaml, path: "test.yaml", baseDirectory: "/")
    }

    static func outcome(_ id: String, _ verdict: VerdictName, ordinal: Int, entry: String = "e", epsilon: Double? = 0.1,
                        seconds: Double = 0.5) -> InstanceOutcome {
        InstanceOutcome(id: id, ordinal: ordinal, entry: entry, sample: ordinal, label: 1, predicted: 1, epsilon: epsilon,
                        verdict: verdict, method: verdict == .falsified ? "pgd" : "crown", seconds: seconds,
                        certifiedMargin: verdict == .verified ? 0.5 : -0.5, attackMargin: verdict == .falsified ? -0.1 : 1.0)
    }

    static func document(_ outcomes: [InstanceOutcome], total: Int? = nil, complete: Bool = true) -> ResultsDocument {
        let entries = Array(Set(outcomes.map(\.entry))).sorted().map {
            ResultsDocument.EntryInfo(name: $0, model: "m.json", data: "d.json", epsilons: [0.1], method: "crown", timeout: 10)
        }
        return ResultsDocument(name: "s", seed: 0, totalInstances: total ?? outcomes.count, complete: complete,
                               fingerprint: "f", entries: entries, instances: outcomes)
    }

    static func temporaryDirectory() throws -> URL { try CLIRunner.temporaryDirectory() }
}
