import Foundation
import Testing
@testable import VernierIO

@Suite("JSON parser")
struct JSONParserTests {
    static func parse(_ s: String) throws -> JSONValue { try JSONParser.parse(Data(s.utf8)) }

    @Test("number literals keep their text and integer-ness")
    func numbers() throws {
        guard case .array(let a) = try Self.parse("[0, -0, 12, 1.0, 1e3, -2.5E-7, 123456789012345678901234567890]") else {
            Issue.record("not an array"); return
        }
        let numbers = a.compactMap { if case .number(let n) = $0 { n } else { nil } }
        #expect(numbers.map(\.literal) == ["0", "-0", "12", "1.0", "1e3", "-2.5E-7", "123456789012345678901234567890"])
        #expect(numbers.map(\.isInteger) == [true, true, true, false, false, false, true])
    }

    @Test("strings: escapes, surrogate pairs, raw UTF-8")
    func strings() throws {
        guard case .string(let s) = try Self.parse(#" "a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude42ü" "#) else {
            Issue.record("not a string"); return
        }
        #expect(s == "a\"b\\c/d\u{08}\u{0C}\n\r\té🙂ü")
        // And back: the writer's quoting reads as the same string.
        let nasty = "q\"\\\u{0}\u{1F}\u{7F}é🙂\n"
        guard case .string(let back) = try Self.parse(JSONText.quoted(nasty)) else { Issue.record("not a string"); return }
        #expect(back == nasty)
    }

    @Test("objects keep member order; whitespace and a BOM are accepted")
    func objects() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data(" \t\r\n{\"b\": 1, \"a\": [true, false, null], \"c\": {}}\n".utf8))
        guard case .object(let o) = try JSONParser.parse(data) else { Issue.record("not an object"); return }
        #expect(o.keys == ["b", "a", "c"])
        guard case .array(let a)? = o["a"] else { Issue.record("a is not an array"); return }
        #expect(a.map(\.kindDescription) == ["a boolean", "a boolean", "null"])
    }

    @Test("JSON paths render keys that are not identifiers in brackets")
    func paths() {
        let p = JSONPath.root.key("nodes").index(3).key("attributes").key("transB")
        #expect(p.description == "nodes[3].attributes.transB")
        #expect(JSONPath.root.key("opset_import").key("").description == "opset_import[\"\"]")
        #expect(JSONPath.root.key("metadata").key("a.b").description == "metadata[\"a.b\"]")
        #expect(JSONPath.root.description == "(top level)")
    }
}
