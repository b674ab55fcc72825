/// Hash primitives of the duplicate detector.
///
/// FNV-1a hashes a word's normalised characters as they are scanned (one
/// multiply per character, no buffer); its output is poorly mixed — nearby
/// words differ mostly in low bits — so every word, shingle and document
/// hash then goes through splitmix64's finaliser, which turns each input bit
/// into a coin flip on every output bit. The sketch needs that: each of its
/// 64 bits must be an independent fair coin for Hamming distances to mean
/// anything. (FNV-1a also lives in `LineFingerprint`, `ChromeKind` and
/// `Indexer`; these primitives can join a shared module later.)
enum DuplicateHashing {
    static let fnvBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01B3

    /// One FNV-1a step over a whole character (a Unicode scalar value).
    @inline(__always)
    static func fnv(_ hash: UInt64, _ value: UInt32) -> UInt64 {
        (hash ^ UInt64(value)) &* fnvPrime
    }

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
