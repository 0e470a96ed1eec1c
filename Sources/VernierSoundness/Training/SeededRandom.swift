import Foundation

/// A small deterministic random source (SplitMix64) so that a generation run is a pure function
/// of its seed on every platform; Swift's system generator cannot be seeded.
struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in [a, b).
    mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * unit() }

    /// Standard normal (Box–Muller; one of the pair is discarded for simplicity).
    mutating func normal() -> Double {
        let u1 = max(unit(), 0x1p-60), u2 = unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// An independent stream for a named sub-task, so adding draws in one task does not shift another's.
    static func derived(_ seed: UInt64, _ salt: UInt64) -> SeededRandom {
        var r = SeededRandom(seed: seed ^ (salt &* 0xD1B5_4A32_D192_ED03))
        _ = r.next()
        return r
    }
}
