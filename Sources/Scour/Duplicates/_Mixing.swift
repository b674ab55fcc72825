import ScourPrimitives

/// Hash primitives of the duplicate detector.
///
/// FNV-1a hashes a word's normalised characters as they are scanned (one
/// multiply per character, no buffer); its output is poorly mixed — nearby
/// words differ mostly in low bits — so every word, shingle and document
/// hash then goes through splitmix64's finaliser, which turns each input bit
/// into a coin flip on every output bit. The sketch needs that: each of its
/// 64 bits must be an independent fair coin for Hamming distances to mean
/// anything. FNV-1a itself is ``FNV1a`` (ScourPrimitives), stepped over
/// whole characters (Unicode scalar values).
enum DuplicateHashing {

    /// splitmix64's finaliser (Steele, Lea, Flood 2014): a bijection with
    /// full avalanche; two multiplies and three shifts.
    @inline(__always)
    static func avalanche(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
