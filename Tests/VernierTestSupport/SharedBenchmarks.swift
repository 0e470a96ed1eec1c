import Foundation

/// Locates test data: the package root (from this file's path) and `../shared/benchmarks` beside it.
public enum TestPaths {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// `../shared/benchmarks` beside the package root (`VERNIER_SHARED` overrides the shared folder).
    public static var sharedBenchmarks: URL {
        if let env = ProcessInfo.processInfo.environment["VERNIER_SHARED"] {
            return URL(fileURLWithPath: env).appendingPathComponent("benchmarks")
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/benchmarks")
    }

    /// All files below `sharedBenchmarks` with the given extension, sorted.
    public static func sharedFiles(withExtension ext: String) -> [URL] {
        guard let e = FileManager.default.enumerator(at: sharedBenchmarks, includingPropertiesForKeys: nil) else { return [] }
        return e.compactMap { $0 as? URL }.filter { $0.pathExtension == ext }.sorted { $0.path < $1.path }
    }
}
