/// FNV-1a 64 (Fowler–Noll–Vo): the project's one cheap, unkeyed hash of
/// bytes or characters, computed as a scan goes with one multiply per
/// unit and no buffer.
///
/// Its values are persisted or decide what is persisted — line
/// fingerprints pick template lines, file fingerprints detect changes,
/// duplicate hashes fold pages into aliases — so the constants and the
/// step must never change. Its output is poorly mixed (nearby inputs
/// differ in low bits); finalise it (e.g. splitmix64) where bits must be
/// independent.
///
///     var hash = FNV1a.basis
///     for byte in "menu".utf8 { hash = FNV1a.add(hash, byte) }
///     hash == FNV1a.hash("menu")
///
/// - Complexity: O(1) per step, O(n) per sequence.
public enum FNV1a {
    /// The offset basis: the hash of nothing.
    public static let basis: UInt64 = 0xCBF2_9CE4_8422_2325
    /// The 64-bit FNV prime.
    public static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// One step over a unit — a byte, or a whole Unicode scalar value where
    /// a caller hashes characters rather than their UTF-8.
    @_transparent
    public static func add(_ hash: UInt64, _ value: UInt32) -> UInt64 {
        (hash ^ UInt64(value)) &* 0x0000_0100_0000_01B3
    }

    /// One step over a byte.
    @_transparent
    public static func add(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    /// One step over a byte, ASCII letters lower-cased first: `"Nav"` and
    /// `"nav"` hash alike, without allocating a lower-cased copy.
    @inlinable @inline(__always)
    public static func addLowercased(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        add(hash, ASCIIBytes.lower(byte))
    }

    // The whole-buffer functions take `UnsafeBufferPointer<UInt8>`, not a
    // generic `Sequence`: a generic one is not specialised across module
    // boundaries here and ran through witness tables byte by byte (measured:
    // 460 instructions per byte hashing SciFact's JSON Lines records, 32 %
    // of an indexing run). Callers pass `array.withUnsafeBufferPointer` or
    // use the `[UInt8]` and `String` forms below.

    /// FNV-1a with 32-bit constants, for in-memory hash tables of short
    /// keys (the term interner): good spread, no setup.
    @inlinable @inline(__always)
    public static func hash32(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return hash
    }

    /// The hash of a buffer of bytes.
    @inlinable
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = basis
        for byte in bytes { hash = add(hash, byte) }
        return hash
    }

    /// The hash of an array of bytes.
    @inlinable
    public static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { hash($0) }
    }

    /// The hash of a string's UTF-8.
    @inlinable
    public static func hash(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { hash($0) }
    }

    /// The hash of a buffer of bytes with ASCII letters lower-cased.
    @inlinable
    public static func hashLowercased(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = basis
        for byte in bytes { hash = addLowercased(hash, byte) }
        return hash
    }

    /// The hash of a string's UTF-8 with ASCII letters lower-cased.
    @inlinable
    public static func hashLowercased(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { hashLowercased($0) }
    }
}
