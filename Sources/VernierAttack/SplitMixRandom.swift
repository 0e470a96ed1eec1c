/// A small seeded generator (the SplitMix64 recurrence), so every attack is reproducible.
///
/// The attack derives one independent stream per start point from `(seed, region, restart)`
/// (see `stream(seed:region:restart:)`), which makes each start point a pure function of those
/// three numbers: the same point is produced however the work is split into batches.
struct SplitMixRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.finalise(state)
    }

    /// Uniform in [0, 1) with 53 random bits.
    mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A fair coin.
    mutating func nextBit() -> Bool { next() >> 63 == 1 }

    /// The stream for start point `restart` of region `region`.
    static func stream(seed: UInt64, region: Int, restart: Int) -> SplitMixRandom {
        // Finalising after each mix keeps nearby (region, restart) pairs far apart in state space.
        var h = finalise(seed ^ 0x2545_F491_4F6C_DD1D)
        h = finalise(h ^ (UInt64(truncatingIfNeeded: region) &* 0xD6E8_FEB8_6659_FD93))
        h = finalise(h ^ (UInt64(truncatingIfNeeded: restart) &* 0xA076_1D64_78BD_642F))
        return SplitMixRandom(seed: h)
    }

    /// The SplitMix64 output function (a bijective bit mixer).
    private static func finalise(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
