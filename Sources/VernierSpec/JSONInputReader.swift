/// Reader for JSON sample files. Accepted layouts:
///
/// - a flat array of numbers: one sample;
/// - an array of (possibly nested, rectangular) arrays: one sample per element, flattened in
///   C order, `sampleShape` being the element's shape;
/// - an object `{"inputs": <either of the above>, "labels": [<int>, …]}` (other keys ignored).
extension InputData {
    public static func parseJSON(_ bytes: [UInt8], path: String? = nil) throws(InputDataError) -> InputData {
        let document: JSONValue
        do throws(JSONValue.SyntaxError) {
            document = try JSONValue.parse(bytes)
        } catch {
            throw InputDataError(.jsonSyntax(line: error.line, column: error.column, message: error.message), path: path)
        }
        func fail(_ kind: InputDataError.Kind) -> InputDataError { InputDataError(kind, path: path) }

        var inputs = document
        var inputsPath = ""
        var labels: [Int]?
        switch document {
        case .array:
            break
        case .object(let members):
            guard let found = members.first(where: { $0.key == "inputs" }) else {
                throw fail(.jsonUnexpected(path: "$", expected: "an \"inputs\" member", found: "none"))
            }
            inputs = found.value
            inputsPath = "inputs"
            if let labelValue = members.first(where: { $0.key == "labels" })?.value {
                labels = try readLabels(labelValue, path: path)
            }
        default:
            throw fail(.jsonUnexpected(path: "$", expected: "an array or an object with \"inputs\"", found: document.kindName))
        }
        guard case .array(let items) = inputs else {
            throw fail(.jsonUnexpected(path: inputsPath, expected: "an array", found: inputs.kindName))
        }
        if items.isEmpty { throw fail(.noSamples) }

        // A flat array of numbers is one sample; otherwise every element is a sample.
        if case .number = items[0] {
            var sample: [Double] = []
            sample.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                guard case .number(let v) = item else {
                    throw fail(.jsonUnexpected(path: "\(inputsPath)[\(i)]", expected: "a number", found: item.kindName))
                }
                sample.append(v)
            }
            return try validated(InputData(samples: [sample], sampleShape: [sample.count], labels: labels), path: path)
        }
        var samples: [[Double]] = []
        samples.reserveCapacity(items.count)
        var sampleShape: [Int]?
        for (s, item) in items.enumerated() {
            let itemPath = "\(inputsPath)[\(s)]"
            guard case .array = item else {
                throw fail(.jsonUnexpected(path: itemPath, expected: "an array", found: item.kindName))
            }
            var values: [Double] = []
            let shape = try flatten(item, path: itemPath, into: &values, file: path)
            if let expected = sampleShape, expected != shape {
                throw fail(.raggedArray(path: itemPath, expectedShape: expected, foundShape: shape))
            }
            sampleShape = shape
            samples.append(values)
        }
        return try validated(InputData(samples: samples, sampleShape: sampleShape, labels: labels), path: path)
    }

    /// Appends the numbers of a rectangular nested array in C order and returns its shape.
    private static func flatten(_ value: JSONValue, path: String, into values: inout [Double],
                                file: String?) throws(InputDataError) -> [Int] {
        switch value {
        case .number(let v):
            values.append(v)
            return []
        case .array(let items):
            var childShape: [Int]?
            for (k, item) in items.enumerated() {
                let shape = try flatten(item, path: "\(path)[\(k)]", into: &values, file: file)
                if let expected = childShape, expected != shape {
                    throw InputDataError(.raggedArray(path: "\(path)[\(k)]", expectedShape: expected, foundShape: shape), path: file)
                }
                childShape = shape
            }
            return [items.count] + (childShape ?? [])
        default:
            throw InputDataError(.jsonUnexpected(path: path, expected: "a number or an array", found: value.kindName), path: file)
        }
    }

    private static func readLabels(_ value: JSONValue, path: String?) throws(InputDataError) -> [Int] {
        guard case .array(let items) = value else {
            throw InputDataError(.jsonUnexpected(path: "labels", expected: "an array", found: value.kindName), path: path)
        }
        var labels: [Int] = []
        for (k, item) in items.enumerated() {
            guard case .number(let v) = item, v >= 0, v < 1e15, v == v.rounded() else {
                let shown: String
                if case .number(let v) = item { shown = "\(v)" } else { shown = item.kindName }
                throw InputDataError(.invalidLabel(index: k, value: shown), path: path)
            }
            labels.append(Int(v))
        }
        return labels
    }
}
