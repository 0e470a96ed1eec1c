import Foundation

/// Input samples read from a data file, for robustness specifications and attacks.
public struct InputData: Sendable, Hashable {
    /// One flat array per sample (C order), all of the same length.
    public var samples: [[Double]]
    /// The shape of one sample without the batch axis, when the file records it (`.npy`,
    /// nested JSON arrays); nil for CSV.
    public var sampleShape: [Int]?
    /// One class label per sample, when the file provides them (JSON `labels`).
    public var labels: [Int]?

    public init(samples: [[Double]], sampleShape: [Int]? = nil, labels: [Int]? = nil) {
        self.samples = samples
        self.sampleShape = sampleShape
        self.labels = labels
    }

    /// Reads `.npy`, `.csv` or `.json` (chosen by extension, case-insensitively).
    ///
    /// Every value must be finite and all samples must have the same length; see the
    /// individual parsers for the layouts each format accepts.
    public static func load(path: String) throws(InputDataError) -> InputData {
        let ext = fileExtension(path)
        guard ["npy", "csv", "json"].contains(ext) else {
            throw InputDataError(.unsupportedFormat(extension: ext.isEmpty ? "(none)" : "." + ext), path: path)
        }
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw InputDataError(.cannotRead(reason: error.localizedDescription), path: path)
        }
        switch ext {
        case "npy": return try parseNPY(bytes, path: path)
        case "csv": return try parseCSV(bytes, path: path)
        default: return try parseJSON(bytes, path: path)
        }
    }

    /// The lowercased text after the last dot of the file name ("" if none).
    static func fileExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// Checks the invariants every reader promises: at least one sample, none empty, equal
    /// lengths (callers check that earlier with better context), all values finite.
    static func validated(_ data: InputData, path: String?) throws(InputDataError) -> InputData {
        if data.samples.isEmpty { throw InputDataError(.noSamples, path: path) }
        for (s, sample) in data.samples.enumerated() {
            if sample.isEmpty { throw InputDataError(.emptySample(sample: s), path: path) }
            if let i = sample.firstIndex(where: { !$0.isFinite }) {
                throw InputDataError(.nonFinite(sample: s, index: i, value: sample[i]), path: path)
            }
        }
        if let labels = data.labels, labels.count != data.samples.count {
            throw InputDataError(.labelCountMismatch(samples: data.samples.count, labels: labels.count), path: path)
        }
        return data
    }
}
