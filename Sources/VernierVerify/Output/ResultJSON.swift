import Foundation

/// The JSON form of a verification result (`vernier-result/1`; schema in specs/result.schema.json).
public enum ResultJSON {
    public static func object(_ r: VerificationResult, model: String?, property: String?) -> [String: Any] {
        var o: [String: Any] = [
            "format": "vernier-result/1",
            "verdict": r.verdict.name,
            "result": r.verdict.resultWord,
            "method": r.method,
            "seconds": r.seconds,
            "timings": r.timings,
            "domains": r.domains,
            "lps": r.lps,
        ]
        if let model { o["model"] = model }
        if let property { o["property"] = property }
        if case .unknown(let reason) = r.verdict { o["reason"] = reason }
        if let m = r.certifiedMargin { o["certified_margin"] = finite(m) }
        if let ms = r.margins { o["margins"] = ms.map { $0.map(finite) } }
        if case .falsified(let cex) = r.verdict {
            o["counterexample"] = ["input": cex.input, "output": cex.output, "region": cex.region] as [String: Any]
        }
        return o
    }

    public static func render(_ r: VerificationResult, model: String?, property: String?) -> String {
        let data = try! JSONSerialization.data(withJSONObject: object(r, model: model, property: property),
                                               options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// JSON has no infinities: non-finite margins are written as null.
    static func finite(_ v: Double) -> Any { v.isFinite ? v : NSNull() }
}
