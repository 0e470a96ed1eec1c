import Foundation
import Yams
import VernierVerify

/// Typed reads of YAML nodes with "where" in every error (`entries[2].epsilons, line 14`).
struct NodeReader {
    var path: String

    func at(_ location: String, _ node: Node) -> String {
        node.mark.map { "\(location) (line \($0.line))" } ?? location
    }

    func fail(_ location: String, _ node: Node, _ reason: String) -> ReportError {
        .invalidSuite(path: path, location: at(location, node), reason: reason)
    }

    func mapping(_ node: Node, at location: String, allowed: Set<String>) throws(ReportError) -> [String: Node] {
        guard let m = node.mapping else { throw fail(location, node, "expected a mapping of keys to values") }
        var result = [String: Node]()
        for (key, value) in m {
            guard let k = key.string else { throw fail(location, key, "keys must be plain words") }
            guard allowed.contains(k) else {
                throw fail("\(location).\(k)", key, "unknown key '\(k)' (known: \(allowed.sorted().joined(separator: ", ")))")
            }
            result[k] = value
        }
        return result
    }

    func scalar(_ node: Node, at location: String) throws(ReportError) -> String {
        guard let s = node.scalar?.string else { throw fail(location, node, "expected a single value") }
        return s
    }

    func string(_ node: Node?, at location: String) throws(ReportError) -> String? {
        guard let node else { return nil }
        return try scalar(node, at: location)
    }

    func double(_ node: Node?, at location: String) throws(ReportError) -> Double? {
        guard let node else { return nil }
        let s = try scalar(node, at: location)
        guard let v = Double(s.trimmingCharacters(in: .whitespaces)), v.isFinite else {
            throw fail(location, node, "expected a number, got '\(s)'")
        }
        return v
    }

    func int(_ node: Node?, at location: String) throws(ReportError) -> Int? {
        guard let node else { return nil }
        let s = try scalar(node, at: location)
        guard let v = Int(s.trimmingCharacters(in: .whitespaces)), v >= 0 else {
            throw fail(location, node, "expected a whole number >= 0, got '\(s)'")
        }
        return v
    }

    func bool(_ node: Node?, at location: String) throws(ReportError) -> Bool? {
        guard let node else { return nil }
        guard let b = node.bool else { throw fail(location, node, "expected true or false") }
        return b
    }

    func method(_ node: Node?, at location: String) throws(ReportError) -> VerificationMethod? {
        guard let node else { return nil }
        let s = try scalar(node, at: location)
        guard let m = VerificationMethod(rawValue: s) else {
            throw fail(location, node, "unknown method '\(s)' (one of \(VerificationMethod.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return m
    }

    /// A list, or a single value standing for a one-element list.
    func list(_ node: Node?, at location: String) throws(ReportError) -> [(Node, String)]? {
        guard let node else { return nil }
        if let seq = node.sequence { return seq.enumerated().map { ($1, "\(location)[\($0)]") } }
        return [(node, location)]
    }

    func strings(_ node: Node?, at location: String) throws(ReportError) -> [String]? {
        guard let items = try list(node, at: location) else { return nil }
        var out = [String]()
        for (n, loc) in items { out.append(try scalar(n, at: loc)) }
        return out
    }

    func doubles(_ node: Node?, at location: String) throws(ReportError) -> [Double]? {
        guard let items = try list(node, at: location) else { return nil }
        var out = [Double]()
        for (n, loc) in items { out.append(try double(n, at: loc)!) }
        return out
    }
}
