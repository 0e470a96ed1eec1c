import Foundation
import VernierCore

/// The generator's random source: the shared SplitMix64 generator, so that a generation run is a
/// pure function of its seed on every platform.
typealias SeededRandom = SplitMix64

extension SplitMix64 {
    /// Uniform in [a, b).
    mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * unit() }

    /// Standard normal (Box–Muller; one of the pair is discarded for simplicity).
    mutating func normal() -> Double {
        let u1 = max(unit(), 0x1p-60), u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// An independent stream for a named sub-task, so adding draws in one task does not shift another's.
    static func derived(_ seed: UInt64, _ salt: UInt64) -> SplitMix64 {
        var r = SplitMix64(seed: seed ^ (salt &* 0xD1B5_4A32_D192_ED03))
        _ = r.next()
        return r
    }
}
