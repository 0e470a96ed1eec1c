import VernierCore

/// The attack's random source: the shared SplitMix64 generator.
///
/// The attack derives one independent stream per start point from `(seed, region, restart)`
/// (see `stream(seed:region:restart:)`), which makes each start point a pure function of those
/// three numbers: the same point is produced however the work is split into batches.
typealias SplitMixRandom = SplitMix64

extension SplitMix64 {
    /// Uniform in [0, 1) with 53 random bits.
    mutating func nextUnit() -> Double { unit() }

    /// A fair coin.
    mutating func nextBit() -> Bool { next() >> 63 == 1 }

    /// The stream for start point `restart` of region `region`.
    static func stream(seed: UInt64, region: Int, restart: Int) -> SplitMix64 {
        // Mixing after each step keeps nearby (region, restart) pairs far apart in state space.
        var h = mix(seed ^ 0x2545_F491_4F6C_DD1D)
        h = mix(h ^ (UInt64(truncatingIfNeeded: region) &* 0xD6E8_FEB8_6659_FD93))
        h = mix(h ^ (UInt64(truncatingIfNeeded: restart) &* 0xA076_1D64_78BD_642F))
        return SplitMix64(seed: h)
    }
}
