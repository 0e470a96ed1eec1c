import Foundation
import Testing
import VernierCore
import VernierIO
import VernierSpec
import VernierTestSupport
@testable import VernierReport

/// Runs on the bundled digits model (a few samples, CROWN): real verdicts, kept fast.
@Suite(.serialized) struct RunnerTests {
    typealias F = ReportFixtures

    /// certified margin ≤ true worst margin ≤ attack margin, and the verdicts agree with the signs.
    @Test func testMargins_sandwichTheVerdicts() throws {
        let plan = try F.suite(F.digitsSuite(samples: 4, epsilons: [0.02, 0.3])).plan()
        let doc = SuiteRun(plan: plan, jobs: 2).run()
        #expect(doc.complete && doc.instances.count == 8)
        for o in doc.instances {
            let attack = try #require(o.attackMargin, "\(o.id) has no attack margin")
            if let certified = o.certifiedMargin { #expect(certified <= attack + 1e-9, "\(o.id)") }
            switch o.verdict {
            case .verified: #expect(attack > 0 && (o.certifiedMargin ?? 0) > 0, "\(o.id)")
            case .falsified: #expect(attack <= 0 && o.method == "pgd", "\(o.id)")
            case .unknown, .timeout: #expect((o.certifiedMargin ?? 0) <= 0, "\(o.id)")
            }
            #expect(o.predicted != nil && o.label != nil && o.seconds > 0)
        }
        // A tiny ball is verified and a huge one is not, for these correctly classified samples.
        #expect(doc.instances.filter { $0.epsilon == 0.02 }.allSatisfy { $0.verdict == .verified })
        #expect(doc.instances.filter { $0.epsilon == 0.3 }.allSatisfy { $0.verdict != .verified })
    }

    /// A sharded run merged equals the unsharded run (apart from wall-clock times), and the
    /// same seed gives the same results.
    @Test func testShardedRunMerged_equalsUnshardedRun() throws {
        let plan = try F.suite(F.digitsSuite(samples: 3, epsilons: [0.02, 0.1])).plan()
        let whole = SuiteRun(plan: plan, jobs: 2).run()
        let parts = try (1...2).map { SuiteRun(plan: plan, shard: try Shard(index: $0, count: 2), jobs: 1).run() }
        #expect(parts.map(\.instances.count) == [3, 3])
        #expect(Set(parts[0].instances.map(\.id)).isDisjoint(with: parts[1].instances.map(\.id)))
        let merged = try ShardMerge.merge([parts[1], parts[0]])
        #expect(merged.withoutTimings == whole.withoutTimings)
        #expect(merged.summary.map(\.certifiedAccuracy) == whole.summary.map(\.certifiedAccuracy))

        // Incomplete or foreign parts are refused.
        #expect(throws: ReportError.self) { try ShardMerge.merge([parts[0]]) }
        #expect(throws: ReportError.self) { try ShardMerge.merge([parts[0], parts[0]]) }
        var foreign = parts[1]
        foreign.fingerprint = "0000000000000000"
        #expect(throws: ReportError.self) { try ShardMerge.merge([parts[0], foreign]) }
        #expect(try ShardMerge.merge([parts[0]], allowIncomplete: true).complete == false)
    }

    @Test func testCancellation_keepsFinishedInstancesOnly() throws {
        let plan = try F.suite(F.digitsSuite(samples: 6, epsilons: [0.02, 0.05])).plan()
        let cancel = CancellationFlag()
        let doc = SuiteRun(plan: plan, jobs: 1).run(cancel: cancel, progress: { p in
            if p.done == 2 { cancel.cancel() }
        })
        #expect(!doc.complete)
        #expect(doc.instances.count == 2)
        #expect(doc.totalInstances == 12)
        #expect(doc.instances.map(\.ordinal) == [0, 1])
    }

    @Test func testMissingLabels_fallBackToPredictions() throws {
        let graph = try ModelFile.loadGraph(path: F.digitsModel)
        let data = try VernierSpec.InputData.load(path: F.digitsData)
        let unlabelled = VernierSpec.InputData(samples: Array(data.samples.prefix(3)))
        let (instances, _) = try RobustnessEntry(name: "u", modelPath: "m", dataPath: "d", data: unlabelled, epsilons: [0.01])
            .plan(graph: graph, model: 0, firstOrdinal: 0)
        for i in instances {
            guard case .robustness(_, let x, let label, _, _) = i.kind else { Issue.record("wrong kind"); continue }
            let y = graph.evaluate(x)
            #expect(y[label] == y.max())
        }
        // Labels out of range are refused with the file named.
        let badLabels = VernierSpec.InputData(samples: Array(data.samples.prefix(2)), labels: [3, 10])
        do {
            _ = try RobustnessEntry(name: "b", modelPath: "m", dataPath: "labels.json", data: badLabels, epsilons: [0.01])
                .plan(graph: graph, model: 0, firstOrdinal: 0)
            Issue.record("label 10 accepted")
        } catch {
            #expect(error.description.contains("label 10") && error.description.contains("labels.json"))
        }
    }
}

@Suite struct LipschitzColumnTests {
    /// The reported bound really bounds the margin's slope: |m(a) − m(b)| ≤ L·‖a − b‖∞ for
    /// random pairs in the ε-ball (m = label score − runner-up score, as documented).
    @Test func testLipschitzBound_boundsFiniteDifferences() throws {
        var yaml = ReportFixtures.digitsSuite(samples: 2, epsilons: [0.05])
        yaml += "\n    lipschitz: true\n"
        let plan = try ReportFixtures.suite(yaml).plan()
        let doc = SuiteRun(plan: plan, jobs: 2).run()
        let graph = plan.graphs[0]
        var rng = VernierTestSupport.SeededGenerator(seed: 5)
        for (instance, outcome) in zip(plan.instances, doc.instances) {
            let bound = try #require(outcome.lipschitz, "\(outcome.id) has no Lipschitz bound")
            guard case .robustness(_, let x, let label, let eps, _) = instance.kind else { continue }
            let y0 = graph.evaluate(x)
            let j = y0.indices.filter { $0 != label }.max { y0[$0] < y0[$1] }!
            func margin(_ v: [Double]) -> Double { let y = graph.evaluate(v); return y[label] - y[j] }
            for _ in 0..<20 {
                let a = x.map { min(1, max(0, $0 + rng.uniform(-eps...eps))) }
                let b = x.map { min(1, max(0, $0 + rng.uniform(-eps...eps))) }
                let distance = zip(a, b).map { abs($0 - $1) }.max()!
                guard distance > 0 else { continue }
                #expect(abs(margin(a) - margin(b)) <= bound * distance * (1 + 1e-9) + 1e-12, "\(outcome.id)")
            }
            #expect(bound > 0)
        }
    }
}

@Suite struct VNNLibEntryTests {
    /// A suite entry of VNN-LIB files: ids by file name, verdicts as the example was built
    /// (examples/make_examples.py: the small and medium balls hold, the large one contains a
    /// misclassified input), and the margin sandwich.
    @Test func testSpecsEntry_runsEveryProperty() throws {
        let folder = VernierTestSupport.TestPaths.packageRoot.appendingPathComponent("examples/classifier").path
        let suite = try ReportFixtures.suite("""
        name: props
        entries:
          - name: classifier
            model: \(folder)/model.json
            specs: [\(folder)/robust_small.vnnlib, \(folder)/robust_large.vnnlib]
            method: alpha-crown
            timeout: 30
        """)
        let plan = try suite.plan()
        #expect(plan.instances.map(\.id) == ["classifier/robust_small.vnnlib", "classifier/robust_large.vnnlib"])
        let doc = SuiteRun(plan: plan, jobs: 2).run()
        #expect(doc.instances.map(\.verdict) == [.verified, .falsified])
        #expect(doc.instances.map(\.spec) == ["\(folder)/robust_small.vnnlib", "\(folder)/robust_large.vnnlib"])
        for o in doc.instances {
            let (c, a) = (try #require(o.certifiedMargin), try #require(o.attackMargin))
            #expect(c <= a + 1e-9)
        }
        #expect(doc.summary.count == 1 && doc.summary[0].epsilon == nil && doc.summary[0].certifiedAccuracy == 0.5)
        let html = ReportHTML.render(doc)
        #expect(html.contains("<h3>Properties</h3>") && html.contains("robust_large.vnnlib"))
    }
}
