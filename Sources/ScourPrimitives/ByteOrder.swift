#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one order of byte strings (terms in dictionaries, vocabularies and
/// the interner): `memcmp` over the shared length, then shorter first.
/// The term dictionary is written in this order and binary-searched and
/// merged in it, so sorting, searching and merging must never disagree —
/// hence one implementation.
///
/// - Complexity: O(min(a.count, b.count)) per comparison.
public enum ByteOrder {
    /// Negative, zero or positive as `a` sorts before, equal to or after `b`.
    @inlinable
    public static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let common = min(a.count, b.count)
        if common > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, common)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }

    /// Whether `a` sorts strictly before `b` (for sorting byte arrays).
    @inlinable
    public static func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.withUnsafeBytes { a in b.withUnsafeBytes { b in compare(a, b) < 0 } }
    }

    /// Whether `bytes` starts with `prefix`.
    @inlinable
    public static func hasPrefix(_ bytes: UnsafeRawBufferPointer, _ prefix: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= prefix.count else { return false }
        return prefix.isEmpty || memcmp(bytes.baseAddress!, prefix.baseAddress!, prefix.count) == 0
    }

    /// One step of a k-way merge of sorted term lists: the source whose
    /// current term sorts first (the lowest index among equals), or nil when
    /// every source is used up. `current(source)` is that source's current
    /// term, nil when it has none left.
    ///
    /// - Complexity: O(sources) comparisons.
    @inlinable
    public static func firstSource(
        among sources: Int, current: (Int) -> UnsafeRawBufferPointer?
    ) -> (source: Int, term: UnsafeRawBufferPointer)? {
        var first: (source: Int, term: UnsafeRawBufferPointer)?
        for source in 0..<sources {
            guard let term = current(source) else { continue }
            if let found = first, compare(term, found.term) >= 0 { continue }
            first = (source, term)
        }
        return first
    }
}
