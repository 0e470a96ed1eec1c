import Foundation
import Testing

/// Finds the shared VNN-COMP benchmarks: `../shared/benchmarks` beside the package root,
/// where the package root is the nearest folder above this file holding `Package.swift`.
enum BenchmarkFiles {
    static var root: URL? {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url.deletingLastPathComponent().appendingPathComponent("shared/benchmarks")
            }
        }
        return nil
    }

    /// The benchmarks folder; records a failure (instead of passing vacuously) when missing.
    static func requireRoot(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> URL {
        let root = try #require(root, "package root (Package.swift) not found above \(#filePath)",
                                sourceLocation: sourceLocation)
        var isDirectory: ObjCBool = false
        try #require(FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) && isDirectory.boolValue,
                     "shared benchmarks folder missing: \(root.path) (expected ../shared/benchmarks beside the package)",
                     sourceLocation: sourceLocation)
        return root
    }

    /// Path of a file below the benchmarks folder, which must exist.
    static func require(_ relative: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
        let path = try requireRoot(sourceLocation: sourceLocation).appendingPathComponent(relative).path
        try #require(FileManager.default.fileExists(atPath: path), "benchmark file missing: \(path)",
                     sourceLocation: sourceLocation)
        return path
    }

    /// Every `.vnnlib` file below the benchmarks folder, sorted.
    static func allVNNLib() throws -> [String] {
        let root = try requireRoot()
        let enumerator = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
        return enumerator.compactMap { ($0 as? URL)?.path }.filter { $0.hasSuffix(".vnnlib") }.sorted()
    }
}
