import Foundation

/// A verifier's answer read from a VNN-COMP result file: the first non-empty line is the result
/// word, matched exactly (`unsat` is never read as `sat`, `Sat` is not a word), and for `sat` the
/// rest holds `(X_i value)` pairs (and optionally `(Y_j value)`).
public struct VerifierAnswer: Sendable, Equatable {
    public enum Word: String, Sendable, Codable, CaseIterable {
        case sat, unsat, timeout, unknown
        /// No usable answer: no result file, an unrecognised word, or the verifier failed.
        case error
    }

    public var word: Word
    /// The counterexample input of a `sat` answer (nil when the file gives none or it is malformed).
    public var input: [Double]?
    /// Why the answer is `error`, or a note (e.g. killed at the time limit).
    public var note: String?

    public init(word: Word, input: [Double]? = nil, note: String? = nil) {
        self.word = word
        self.input = input
        self.note = note
    }

    /// Parses result-file text for a property with `inputCount` inputs.
    public static func parse(_ text: String, inputCount: Int) -> VerifierAnswer {
        let lines = text.split(whereSeparator: \.isNewline)
        guard let firstIndex = lines.firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            return VerifierAnswer(word: .error, note: "empty result file")
        }
        let first = lines[firstIndex].trimmingCharacters(in: .whitespaces)
        guard let word = Word(rawValue: first), word != .error else {
            return VerifierAnswer(word: .error, note: "unrecognised result word '\(first.prefix(40))'")
        }
        guard word == .sat else { return VerifierAnswer(word: word) }
        let rest = lines[(firstIndex + 1)...].joined(separator: "\n")
        switch assignments(rest, inputCount: inputCount) {
        case .success(let x): return VerifierAnswer(word: .sat, input: x)
        case .failure(let e): return VerifierAnswer(word: .sat, input: nil, note: e.message)
        }
    }

    /// The `X_i` values of `(X_i value)` pairs; every input must be given once.
    static func assignments(_ text: String, inputCount: Int) -> Result<[Double], SoundnessError> {
        var x = [Double?](repeating: nil, count: inputCount)
        let pattern = try! NSRegularExpression(pattern: #"\(\s*([XY])_([0-9]+)\s+([^\s()]+)\s*\)"#)
        let ns = text as NSString
        for m in pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            guard ns.substring(with: m.range(at: 1)) == "X" else { continue }
            let raw = ns.substring(with: m.range(at: 3))
            guard let i = Int(ns.substring(with: m.range(at: 2))), i < inputCount else {
                return .failure(SoundnessError("counterexample names X_\(ns.substring(with: m.range(at: 2))) but the property has \(inputCount) inputs"))
            }
            guard let v = Double(raw), v.isFinite else { return .failure(SoundnessError("counterexample value '\(raw)' for X_\(i) is not a number")) }
            x[i] = v
        }
        let missing = x.indices.filter { x[$0] == nil }
        guard missing.isEmpty else {
            return .failure(SoundnessError("sat without a full counterexample: X_\(missing[0]) missing (\(missing.count) of \(inputCount) inputs)"))
        }
        return .success(x.map { $0! })
    }
}
