/// GitHub Actions workflow commands (`::error title=…::message`), one per failure, which the
/// Actions runner turns into annotations on the run and the pull request.
public enum GitHubAnnotations {
    /// `file` (e.g. the suite file) attaches the annotations to that file.
    public static func render(_ check: BaselineCheck, file: String? = nil) -> String {
        var lines = [String]()
        let where_ = file.map { "file=\(property($0))," } ?? ""
        for a in check.failedAccuracy {
            let now = a.current.map(Format.percent) ?? "missing"
            lines.append("::error \(where_)title=\(property("certified accuracy dropped: \(a.key)"))::\(data("\(a.key): certified accuracy \(Format.percent(a.baseline)) → \(now) (tolerance \(Format.fixed(a.tolerance)))"))")
        }
        for r in check.regressions {
            lines.append("::error \(where_)title=\(property("verification regression: \(r.id)"))::\(data("\(r.id): \(r.message)"))")
        }
        for n in check.notes { lines.append("::notice title=vernier check::\(data(n))") }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// Escaping of the message part, as the workflow-command syntax requires.
    static func data(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escaping of property values (additionally ':' and ',').
    static func property(_ s: String) -> String {
        data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
