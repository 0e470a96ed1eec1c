import Foundation
import Testing
@testable import VernierReport

@Suite struct ResultsDocumentTests {
    @Test func testRoundTrip_keepsEveryField() throws {
        var a = ReportFixtures.outcome("e/0/eps=0.1", .verified, ordinal: 0)
        a.lipschitz = 3.25
        a.reason = nil
        var b = ReportFixtures.outcome("e/1/eps=0.1", .unknown, ordinal: 1)
        b.reason = "crown could not refute 1 case"
        let doc = ReportFixtures.document([b, a])
        let decoded = try ResultsDocument.decode(doc.encoded(), path: "x.json")
        #expect(decoded == doc)
        #expect(decoded.instances.map(\.ordinal) == [0, 1])
    }

    @Test func testSummary_countsVerdictsAndBoundsAccuracy() {
        let outcomes = [
            ReportFixtures.outcome("e/0", .verified, ordinal: 0),
            ReportFixtures.outcome("e/1", .falsified, ordinal: 1),
            ReportFixtures.outcome("e/2", .unknown, ordinal: 2),
            ReportFixtures.outcome("e/3", .timeout, ordinal: 3),
        ]
        let s = ReportFixtures.document(outcomes).summary
        #expect(s.count == 1)
        #expect(s[0].total == 4 && s[0].verified == 1 && s[0].falsified == 1 && s[0].unknown == 1 && s[0].timeout == 1)
        #expect(s[0].certifiedAccuracy == 0.25)
        // Unknown and timeout lie between the bounds: attack accuracy counts them as possibly robust.
        #expect(s[0].attackAccuracy == 0.75)
    }

    @Test func testDecode_rejectsWrongFormatAndDuplicates() throws {
        let doc = ReportFixtures.document([ReportFixtures.outcome("e/0", .verified, ordinal: 0)])
        var json = String(decoding: doc.encoded(), as: UTF8.self)
        json = json.replacingOccurrences(of: "vernier-results/1", with: "vernier-results/9")
        #expect(throws: ReportError.self) { try ResultsDocument.decode(Data(json.utf8), path: "x.json") }

        let dup = ReportFixtures.document([ReportFixtures.outcome("e/0", .verified, ordinal: 0),
                                           ReportFixtures.outcome("e/0", .verified, ordinal: 1)])
        do {
            _ = try ResultsDocument.decode(dup.encoded(), path: "d.json")
            Issue.record("duplicate ids accepted")
        } catch {
            #expect(error.description.contains("appears twice"))
        }
        do {
            _ = try ResultsDocument.decode(Data("{\"format\": \"vernier-results/1\"}".utf8), path: "m.json")
            Issue.record("incomplete document accepted")
        } catch {
            #expect(error.description.contains("m.json") && error.description.contains("missing key"))
        }
    }

    @Test func testShardParsing_acceptsOneBasedSlicesOnly() throws {
        #expect(try Shard(parsing: "2/4") == Shard(index: 2, count: 4))
        for bad in ["0/4", "5/4", "1/0", "a/b", "3", "1/2/3", ""] {
            #expect(throws: ReportError.self) { try Shard(parsing: bad) }
        }
    }

    @Test func testShards_partitionTheOrdinals() throws {
        let n = 3
        let shards = try (1...n).map { try Shard(index: $0, count: n) }
        for ordinal in 0..<50 {
            #expect(shards.filter { $0.contains(ordinal: ordinal) }.count == 1)
        }
    }

    @Test func testProgressLine_showsCountsAndETA() {
        let p = RunProgress(done: 5, total: 20, elapsed: 10, counts: [.verified: 3, .falsified: 1, .timeout: 1], jobs: 2)
        #expect(p.eta == 30)
        let line = p.line(width: 20)
        #expect(line.hasPrefix("[#####---------------] 5/20"))
        #expect(line.contains("verified 3") && line.contains("falsified 1") && line.contains("unknown 1"))
        #expect(line.contains("ETA 30s"))
        #expect(RunProgress.duration(185) == "3m05s")
    }
}
