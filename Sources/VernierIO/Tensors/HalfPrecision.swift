/// IEEE 754 binary16 ("float16") conversions by hand.
///
/// Swift's `Float16` type is unavailable on Intel macOS, one of our platforms, so the bit layout
/// (1 sign bit, 5 exponent bits with bias 15, 10 fraction bits) is decoded and encoded here.
enum HalfPrecision {
    /// The exact value of a binary16 bit pattern (every binary16 value is a `Double`).
    static func double(fromBits bits: UInt16) -> Double {
        let sign: Double = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F)
        let fraction = Double(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24                  // zero and subnormals
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1024 + fraction) * Double(sign: .plus, exponent: exponent - 25, significand: 1)
        }
    }

    /// The binary16 bit pattern nearest to `value` (ties to even); overflow gives infinity.
    static func bits(from value: Double) -> UInt16 {
        if value.isNaN { return 0x7E00 }
        let signBit: UInt16 = value.sign == .minus ? 0x8000 : 0
        let magnitude = value.magnitude
        if magnitude.isInfinite { return signBit | 0x7C00 }
        if magnitude < 0x1p-14 {
            // Subnormal range: the fraction counts multiples of 2^-24. Rounding up to 1024 yields
            // the smallest normal number's bit pattern, which is exactly right.
            let units = (magnitude * 0x1p24).rounded(.toNearestOrEven)
            return signBit | UInt16(units)
        }
        var exponent = Int(magnitude.exponent)
        // Scaling by a power of two is exact, so the only rounding is this one.
        var fraction = ((magnitude.significand - 1) * 1024).rounded(.toNearestOrEven)
        if fraction == 1024 { fraction = 0; exponent += 1 }
        if exponent > 15 { return signBit | 0x7C00 }
        return signBit | UInt16(exponent + 15) << 10 | UInt16(fraction)
    }
}
