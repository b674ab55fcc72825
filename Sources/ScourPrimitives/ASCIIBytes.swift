#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ASCII matching on bytes, for parsers that read markup and header fields
/// in place (HTML prescans, HTTP and WARC heads): no `String`, no
/// allocation. Works on any random-access byte collection indexed from 0 —
/// `UnsafeBufferPointer<UInt8>`, `UnsafeRawBufferPointer`, `[UInt8]`.
///
///     ASCIIBytes.matches(bytes, 0, "<meta")            // "<META" too
///     ASCIIBytes.equalsIgnoringCase(bytes, name, "content-type")
///
/// Patterns are `StaticString`s; the case-insensitive ones must be written
/// in lower case.
public enum ASCIIBytes {
    /// `0`–`9`.
    @inlinable @inline(__always)
    public static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// `0`–`9`, `A`–`Z`, `a`–`z`.
    @inlinable @inline(__always)
    public static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20) &- 0x61 < 26 }

    /// `byte` with an ASCII capital lower-cased; every other byte as it is.
    @inlinable @inline(__always)
    public static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// Whether the lower-case ASCII `word` stands at `index`, ignoring case.
    /// False when it would run past the end or `index` is negative.
    @inlinable
    public static func matches<Bytes: RandomAccessCollection>(_ bytes: Bytes, _ index: Int, _ word: StaticString) -> Bool
    where Bytes.Element == UInt8, Bytes.Index == Int {
        match(bytes, index, word, ignoringCase: true)
    }

    /// Whether `word` (ASCII, or bytes written as `\0`) stands at `index`,
    /// byte for byte.
    @inlinable
    public static func matchesExactly<Bytes: RandomAccessCollection>(_ bytes: Bytes, _ index: Int, _ word: StaticString) -> Bool
    where Bytes.Element == UInt8, Bytes.Index == Int {
        match(bytes, index, word, ignoringCase: false)
    }

    /// The one comparison loop behind ``matches(_:_:_:)`` and
    /// ``matchesExactly(_:_:_:)``.
    @inlinable @inline(__always)
    static func match<Bytes: RandomAccessCollection>(_ bytes: Bytes, _ index: Int, _ word: StaticString, ignoringCase: Bool) -> Bool
    where Bytes.Element == UInt8, Bytes.Index == Int {
        let length = word.utf8CodeUnitCount
        guard index >= bytes.startIndex, index + length <= bytes.endIndex else { return false }
        let pattern = word.utf8Start
        for offset in 0..<length {
            let byte = bytes[index + offset]
            if (ignoringCase ? lower(byte) : byte) != pattern[offset] { return false }
        }
        return true
    }

    /// Whether `bytes[range]` is exactly the lower-case ASCII `word`,
    /// ignoring case (a header field's name, say).
    @inlinable
    public static func equalsIgnoringCase<Bytes: RandomAccessCollection>(_ bytes: Bytes, _ range: Range<Int>, _ word: StaticString) -> Bool
    where Bytes.Element == UInt8, Bytes.Index == Int {
        range.count == word.utf8CodeUnitCount && matches(bytes, range.lowerBound, word)
    }

    /// Whether `bytes[range]` starts with `prefix`, byte for byte.
    @inlinable
    public static func hasPrefix<Bytes: RandomAccessCollection>(_ bytes: Bytes, _ range: Range<Int>, _ prefix: StaticString) -> Bool
    where Bytes.Element == UInt8, Bytes.Index == Int {
        range.count >= prefix.utf8CodeUnitCount && matchesExactly(bytes, range.lowerBound, prefix)
    }

    /// The first index at or after `start` where the lower-case `word`
    /// matches ignoring case, or nil.
    ///
    /// - Complexity: O(n) for the short words it is meant for (a first-byte
    ///   test, then ``matches(_:_:_:)``).
    @inlinable
    public static func firstIndex<Bytes: RandomAccessCollection>(of word: StaticString, in bytes: Bytes, from start: Int = 0) -> Int?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        let length = word.utf8CodeUnitCount
        guard length > 0 else { return start }
        let lead = word.utf8Start[0]
        // A lead that is not a letter has one case: libc's memchr finds its
        // candidates (a script's "</script" among kilobytes of code).
        if (lead | 0x20) &- 0x61 >= 26,
           let found = bytes.withContiguousStorageIfAvailable({ buffer -> Int? in
               // The buffer counts from 0 whatever the collection's first index.
               let base = bytes.startIndex
               var index = max(0, start - base)
               while index + length <= buffer.count {
                   guard let hit = memchr(buffer.baseAddress! + index, Int32(lead), buffer.count - index - length + 1)
                   else { return nil }
                   index = buffer.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                   if matches(buffer, index, word) { return base + index }
                   index += 1
               }
               return nil
           }) {
            return found
        }
        var index = start
        while index + length <= bytes.endIndex {
            if lower(bytes[index]) == lead, matches(bytes, index, word) { return index }
            index += 1
        }
        return nil
    }

    /// Whether the lower-case ASCII `word` stands at `offset` of the
    /// NUL-terminated `cString` (a libxml2 name or attribute value),
    /// ignoring case. Reads no further than the terminator: a mismatch on
    /// it ends the comparison.
    @inlinable
    public static func matches(cString: UnsafePointer<UInt8>, at offset: Int = 0, _ word: StaticString) -> Bool {
        let pattern = word.utf8Start
        for index in 0..<word.utf8CodeUnitCount where lower(cString[offset + index]) != pattern[index] {
            return false
        }
        return true
    }

    /// Whether the NUL-terminated `cString` is exactly the lower-case ASCII
    /// `word`, ignoring case.
    @inlinable
    public static func equalsIgnoringCase(cString: UnsafePointer<UInt8>, _ word: StaticString) -> Bool {
        matches(cString: cString, word) && cString[word.utf8CodeUnitCount] == 0
    }
}
