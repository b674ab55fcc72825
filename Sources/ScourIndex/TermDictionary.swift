import ScourPrimitives

/// The term dictionary and the spelling dictionary of a segment, as
/// written from format 6 (``SegmentLayout/blockPostingsVersion``).
///
/// **Terms.** Terms are sorted by their bytes, and both their bytes and
/// their postings are laid out in that order, so where one ends is where
/// the next begins. A term's entry is 12 bytes:
///
///     u32 where its bytes start in the term bytes
///     u32 document frequency
///     u32 where its postings start, from its block's base
///
/// and after the entries, per block of ``blockSize`` terms, a u64 base: where
/// the block's first term's postings start in the postings section. A
/// term's bytes end where the next term's start (the last one's at the end
/// of the term bytes); likewise its postings. Before format 6 an entry was
/// 24 bytes: u64 postings offset, u32 postings length, u32 term-bytes
/// offset, u32 term length, u32 document frequency.
///
/// **Spelling words** (surface words with their document frequencies) are
/// sorted by bytes, an 8-byte entry each from format 6: a u32 reference and
/// a u32 frequency. A word that is also a term (an unstemmed word) is not
/// stored again: its reference has bit 31 set and holds the term's index.
/// Any other word is stored in the spelling bytes as a varint length and
/// its UTF-8, and the reference is where that starts. Before format 6 an
/// entry was 12 bytes: u32 offset, u32 length, u32 frequency.
///
/// Random access by index stays one load and the bytes stay in the mapped
/// file, so vocabulary searches (prefix, fuzzy, spelling) hand out
/// pointers into it without copying.
enum TermDictionary {
    static let blockSize = 64
    static let entrySize = 12
    /// Before format 6.
    static let wideEntrySize = 24
    /// Marks a spelling word's reference as a term's index.
    static let inTermBytes: UInt32 = 1 << 31
    static let spellingEntrySize = 8
    /// Before format 6.
    static let wideSpellingEntrySize = 12

    /// Bytes of the term table for `count` terms in the compact layout.
    static func tableLength(count: UInt64) -> (length: UInt64, overflow: Bool) {
        let (entries, first) = count.multipliedReportingOverflow(by: UInt64(entrySize))
        let (bases, second) = ((count + UInt64(blockSize) - 1) / UInt64(blockSize)).multipliedReportingOverflow(by: 8)
        let (total, third) = entries.addingReportingOverflow(bases)
        return (total, first || second || third)
    }

    /// Collects the terms, in order, with where their postings start.
    struct Writer {
        private(set) var termBytes: [UInt8] = []
        private var entries: [UInt8] = []
        private var bases: [UInt8] = []
        private var base: UInt64 = 0
        /// Where each term's bytes start (for the spelling words' merge-join).
        private(set) var starts: [UInt32] = []
        private(set) var count = 0

        /// Adds the next term (after the previous one in byte order), whose
        /// postings start at `postingsStart` in the postings section. False
        /// when the term bytes or a block's postings outgrow the format's
        /// 32-bit offsets.
        mutating func add(_ term: UnsafeRawBufferPointer, documentFrequency: UInt32, postingsStart: UInt64) -> Bool {
            if count % TermDictionary.blockSize == 0 {
                base = postingsStart
                bases.appendInteger(base)
            }
            guard termBytes.count + term.count <= Int(UInt32.max), postingsStart - base <= UInt64(UInt32.max) else { return false }
            entries.appendInteger(UInt32(termBytes.count))
            entries.appendInteger(documentFrequency)
            entries.appendInteger(UInt32(postingsStart - base))
            starts.append(UInt32(termBytes.count))
            termBytes.append(contentsOf: term)
            count += 1
            return true
        }

        /// The term table: entries, then block bases.
        var table: [UInt8] { entries + bases }

        /// Term `index` compared with `word` in byte order (negative: the term sorts first).
        func compareTerm(_ index: Int, with word: UnsafeRawBufferPointer) -> Int {
            let range = Int(starts[index])..<(index + 1 < count ? Int(starts[index + 1]) : termBytes.count)
            return termBytes.withUnsafeBytes { ByteOrder.compare(UnsafeRawBufferPointer(rebasing: $0[range]), word) }
        }
    }

    /// Collects the spelling words, in order, storing only those that are
    /// not terms (found by walking the sorted terms alongside).
    struct SpellingWriter {
        private(set) var entries: [UInt8] = []
        private(set) var words: [UInt8] = []
        private(set) var count: UInt64 = 0
        private var termIndex = 0

        /// Adds the next word (after the previous one in byte order). False
        /// when the spelling bytes outgrow the format's 32-bit offsets.
        mutating func add(_ word: UnsafeRawBufferPointer, frequency: UInt32, terms: Writer) -> Bool {
            while termIndex < terms.count, terms.compareTerm(termIndex, with: word) < 0 { termIndex += 1 }
            if termIndex < terms.count, termIndex < Int(TermDictionary.inTermBytes),
               terms.compareTerm(termIndex, with: word) == 0 {
                entries.appendInteger(UInt32(termIndex) | TermDictionary.inTermBytes)
            } else {
                guard words.count + word.count + 10 < Int(TermDictionary.inTermBytes) else { return false }
                entries.appendInteger(UInt32(words.count))
                words.appendVarint(UInt64(word.count))
                words.append(contentsOf: word)
            }
            entries.appendInteger(frequency)
            count += 1
            return true
        }
    }
}
