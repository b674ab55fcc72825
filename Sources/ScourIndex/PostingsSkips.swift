/// Skip data for postings longer than one block, from segment format 5.
///
/// A term's postings are cut into blocks of ``blockSize`` documents. For a
/// term in more than one block, an entry per block follows its postings,
/// then the number of entries:
///
///     postings (PostingsCodec) ‖ entry × count ‖ UInt32 count
///
///     entry (40 bytes):  UInt32 last document of the block
///                        UInt32 end of the block (byte offset in the postings)
///                        UInt32 × 4 the block's largest frequency per field
///                        UInt32 × 4 the shortest field length among the block's
///                               documents that have the term in that field
///
/// ``PostingsCursor/advance(to:)`` jumps over whole blocks with them; from
/// a block's largest frequencies and shortest lengths a scorer bounds the
/// block's best score for any weights and length normalisation chosen at
/// query time (a field's share grows with its frequency and shrinks with
/// its length), which is what pruning needs.
public enum PostingsSkips {
    public static let blockSize = 128
    static let entrySize = 40

    /// Whether a term in `documentFrequency` documents has skip data.
    static func present(documentFrequency: Int) -> Bool { documentFrequency > blockSize }

    /// Collects the entries while a term's postings are written.
    struct Builder {
        private(set) var bytes: [UInt8] = []
        private var inBlock = 0
        private var count: UInt32 = 0
        private var maximum = FieldCounts()
        private var shortest = FieldCounts(title: .max, headings: .max, body: .max, url: .max)
        private var last: UInt32 = 0
        private var end: UInt64 = 0

        /// One posting: its document, frequencies and field lengths, and the
        /// offset just after it in the term's postings.
        mutating func add(document: UInt32, frequencies: FieldCounts, lengths: FieldCounts, end: UInt64) {
            for field in IndexField.allCases where frequencies[field] > 0 {
                maximum[field] = max(maximum[field], frequencies[field])
                shortest[field] = min(shortest[field], lengths[field])
            }
            last = document
            self.end = end
            inBlock += 1
            if inBlock == PostingsSkips.blockSize { closeBlock() }
        }

        private mutating func closeBlock() {
            bytes.appendInteger(last)
            bytes.appendInteger(UInt32(truncatingIfNeeded: end))
            for field in IndexField.allCases { bytes.appendInteger(maximum[field]) }
            for field in IndexField.allCases { bytes.appendInteger(shortest[field]) }
            count += 1
            inBlock = 0
            maximum = FieldCounts()
            shortest = FieldCounts(title: .max, headings: .max, body: .max, url: .max)
        }

        /// The bytes to write after the postings of a term in
        /// `documentFrequency` documents: nothing for a single block.
        mutating func finish(documentFrequency: Int) -> [UInt8] {
            guard PostingsSkips.present(documentFrequency: documentFrequency) else { return [] }
            if inBlock > 0 { closeBlock() }
            bytes.appendInteger(count)
            return bytes
        }

        /// Whether a block's end offset still fits the entry (4 GB of one
        /// term's postings).
        var fits: Bool { end <= UInt64(UInt32.max) }
    }

    /// The skip entries at the end of a term's region, and the postings
    /// before them; nil when the trailer is inconsistent with the region
    /// or the document frequency.
    static func split(_ region: UnsafeRawBufferPointer, documentFrequency: Int)
        -> (postings: UnsafeRawBufferPointer, entries: UnsafeRawBufferPointer)? {
        guard region.count >= 4 else { return nil }
        var reader = ByteReader(region, offset: region.count - 4)
        guard let count = reader.integer(UInt32.self),
              Int(count) == (documentFrequency + blockSize - 1) / blockSize,
              Int(count) <= (region.count - 4) / entrySize
        else { return nil }
        let entriesStart = region.count - 4 - Int(count) * entrySize
        return (UnsafeRawBufferPointer(rebasing: region[..<entriesStart]),
                UnsafeRawBufferPointer(rebasing: region[entriesStart..<(region.count - 4)]))
    }
}

/// One block's skip entry, read with bounds already checked by the caller.
public struct SkipEntry: Equatable {
    public var lastDocument: UInt32
    var end: UInt32
    /// The block's largest frequency in each field.
    public var maximumFrequencies: FieldCounts
    /// The shortest length of each field among the documents holding the term there.
    public var shortestLengths: FieldCounts

    init(_ entries: UnsafeRawBufferPointer, index: Int) {
        let base = index * PostingsSkips.entrySize
        func word(_ n: Int) -> UInt32 { UInt32(littleEndian: entries.loadUnaligned(fromByteOffset: base + 4 * n, as: UInt32.self)) }
        lastDocument = word(0)
        end = word(1)
        maximumFrequencies = FieldCounts(title: word(2), headings: word(3), body: word(4), url: word(5))
        shortestLengths = FieldCounts(title: word(6), headings: word(7), body: word(8), url: word(9))
    }
}
