#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ScourPrimitives

/// Remembers the stems of recent words: a direct-mapped cache in front of
/// ``EnglishStemmer``. Word frequencies are Zipfian, so most tokens of a
/// page repeat a word seen shortly before, and a hit (a hash and a
/// comparison) costs a tenth of stemming the word again.
///
/// A slot holds one word of at most ``longestWord`` bytes and its stem; a
/// new word takes its slot over. Longer words are stemmed every time.
/// Stemming is a pure function of the word, so the cache never changes a
/// result. The slots are one zeroed allocation (`calloc`: the pages a
/// query session never touches cost nothing) behind a class, so that a
/// session's hot loop reaches them without exclusivity checks; a session
/// and its copies share it, and a session is used by one thread at a time.
final class StemCache {
    static let slotCount = 1 << 14
    static let longestWord = 30
    /// Per slot: word length (0: empty), stem length, then the word's and
    /// the stem's bytes.
    private static let slotSize = 2 + 2 * longestWord
    private let slots: UnsafeMutablePointer<UInt8>?

    /// A cache; `enabled` false gives one that keeps nothing (a query
    /// session's: it stems a few words and should not pay for pages).
    init(enabled: Bool = true) {
        slots = enabled ? calloc(Self.slotCount * Self.slotSize, 1)!.assumingMemoryBound(to: UInt8.self) : nil
    }

    deinit { free(slots) }

    /// Stems `word` in place with `stemmer`, from the cache when it can.
    @inline(__always)
    func stem(_ word: inout [UInt8], with stemmer: EnglishStemmer) {
        let count = word.count
        guard let slots, count > 0, count <= Self.longestWord else {
            stemmer.stem(&word)
            return
        }
        let slot = slots + word.withUnsafeBufferPointer { Int(FNV1a.hash32($0)) & (Self.slotCount - 1) } * Self.slotSize
        let hit = word.withUnsafeBufferPointer { word in
            Int(slot[0]) == count && memcmp(slot + 2, word.baseAddress!, count) == 0
        }
        if hit {
            let stemCount = Int(slot[1])
            word.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: slot + 2 + Self.longestWord, count: stemCount) }
            word.removeLast(count - stemCount)
            return
        }
        word.withUnsafeBufferPointer { (slot + 2).update(from: $0.baseAddress!, count: count) }
        stemmer.stem(&word)
        guard word.count <= count else {   // a stem is never longer, but be sure
            slot[0] = 0
            return
        }
        slot[0] = UInt8(count)
        slot[1] = UInt8(word.count)
        word.withUnsafeBufferPointer { (slot + 2 + Self.longestWord).update(from: $0.baseAddress!, count: $0.count) }
    }
}
