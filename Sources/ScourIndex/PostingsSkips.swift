/// Skip data for postings longer than one block, from segment format 5.
///
/// A term's postings are cut into blocks of ``blockSize`` documents. For a
/// term in more than one block, the skip data follows its postings:
///
///     postings ‖ entry × count ‖ impacts ‖ UInt32 impacts length ‖ UInt32 count
///
///     entry (48 bytes from format 6, 44 before, without the positions end):
///                        UInt32 last document of the block
///                        UInt32 end of the block (byte offset in the document stream;
///                               before format 6, in the interleaved postings)
///                        UInt32 end of the block's positions (byte offset in the
///                               positions stream; format 6 only)
///                        UInt32 × 4 the block's largest frequency per field
///                        UInt32 × 4 the shortest field length among the block's
///                               documents that have the term in that field
///                        UInt32 where the block's impacts start in `impacts`
///
///     impacts, per block, per field: a byte n, then n pairs (varint
///                        frequency, varint field length), lengths ascending,
///                        frequencies ascending: the block's documents that no
///                        other beats on both (Lucene's "impacts"), at most
///                        ``maximumImpacts`` (neighbours merged into a pair
///                        that beats both when there are more)
///
/// ``PostingsCursor/advance(to:)`` jumps over whole blocks with the entries.
/// A field's share of a score grows with its frequency and shrinks with its
/// length, whatever the weights and length normalisation chosen at query
/// time: so the largest frequencies with the shortest lengths bound a
/// block's scores loosely, and its impacts bound them closely, which is what
/// pruning needs.
public enum PostingsSkips {
    public static let blockSize = 128
    /// Entry size before format 6.
    static let entrySize = 44
    /// Entry size from format 6 (with the positions end).
    static let entrySizeWithPositions = 48
    /// Impacts kept per block and field.
    static let maximumImpacts = 8

    /// Whether a term in `documentFrequency` documents has skip data.
    static func present(documentFrequency: Int) -> Bool { documentFrequency > blockSize }

    /// Collects the entries while a term's postings are written.
    struct Builder {
        private var entries: [UInt8] = []
        private var impacts: [UInt8] = []
        private var inBlock = 0
        private var count: UInt32 = 0
        private var maximum = FieldCounts()
        private var shortest = FieldCounts(title: .max, headings: .max, body: .max, url: .max)
        /// The block's (frequency, length) pairs per field.
        private var pairs: [[(frequency: UInt32, length: UInt32)]] = Array(repeating: [], count: IndexField.allCases.count)
        private var last: UInt32 = 0
        private var end: UInt64 = 0
        private var positionsEnd: UInt64 = 0
        /// Whether entries hold the positions end (format 6).
        private let withPositions: Bool

        init(withPositions: Bool) {
            self.withPositions = withPositions
        }

        /// Empty again, keeping the buffers.
        mutating func reset() {
            entries.removeAll(keepingCapacity: true)
            impacts.removeAll(keepingCapacity: true)
            inBlock = 0
            count = 0
            maximum = FieldCounts()
            shortest = FieldCounts(title: .max, headings: .max, body: .max, url: .max)
            for field in pairs.indices { pairs[field].removeAll(keepingCapacity: true) }
            last = 0
            end = 0
            positionsEnd = 0
        }

        /// One posting: its document, frequencies and field lengths, and the
        /// offset just after it in the term's document stream (and in the
        /// positions stream, from format 6).
        mutating func add(document: UInt32, frequencies: FieldCounts, lengths: FieldCounts, end: UInt64, positionsEnd: UInt64 = 0) {
            for field in IndexField.allCases where frequencies[field] > 0 {
                maximum[field] = max(maximum[field], frequencies[field])
                shortest[field] = min(shortest[field], lengths[field])
                pairs[field.rawValue].append((frequencies[field], lengths[field]))
            }
            last = document
            self.end = end
            self.positionsEnd = positionsEnd
            inBlock += 1
            if inBlock == PostingsSkips.blockSize { closeBlock() }
        }

        private mutating func closeBlock() {
            entries.appendInteger(last)
            entries.appendInteger(UInt32(truncatingIfNeeded: end))
            if withPositions { entries.appendInteger(UInt32(truncatingIfNeeded: positionsEnd)) }
            for field in IndexField.allCases { entries.appendInteger(maximum[field]) }
            for field in IndexField.allCases { entries.appendInteger(shortest[field]) }
            entries.appendInteger(UInt32(truncatingIfNeeded: impacts.count))
            for field in IndexField.allCases {
                let frontier = PostingsSkips.frontier(pairs[field.rawValue])
                impacts.append(UInt8(frontier.count))
                for pair in frontier {
                    impacts.appendVarint(pair.frequency)
                    impacts.appendVarint(pair.length)
                }
                pairs[field.rawValue].removeAll(keepingCapacity: true)
            }
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
            var bytes = entries
            bytes.append(contentsOf: impacts)
            bytes.appendInteger(UInt32(truncatingIfNeeded: impacts.count))
            bytes.appendInteger(count)
            return bytes
        }

        /// Whether a block's end offset still fits the entry (4 GB of one
        /// term's postings).
        var fits: Bool {
            end <= UInt64(UInt32.max) && positionsEnd <= UInt64(UInt32.max) && impacts.count <= Int(UInt32.max)
        }
    }

    /// The pairs no other pair beats on both frequency (higher) and length
    /// (shorter), by ascending length; at most ``maximumImpacts``, merging
    /// neighbours into (the larger frequency, the shorter length).
    static func frontier(_ pairs: [(frequency: UInt32, length: UInt32)]) -> [(frequency: UInt32, length: UInt32)] {
        var frontier: [(frequency: UInt32, length: UInt32)] = []
        for pair in pairs.sorted(by: { $0.length != $1.length ? $0.length < $1.length : $0.frequency > $1.frequency }) {
            if let top = frontier.last, top.frequency >= pair.frequency { continue }
            frontier.append(pair)
        }
        while frontier.count > maximumImpacts {
            var merged: [(frequency: UInt32, length: UInt32)] = []
            var index = 0
            while index < frontier.count {
                if index + 1 < frontier.count, merged.count + (frontier.count - index) > maximumImpacts {
                    merged.append((frontier[index + 1].frequency, frontier[index].length))
                    index += 2
                } else {
                    merged.append(frontier[index])
                    index += 1
                }
            }
            frontier = merged
        }
        return frontier
    }

    /// The skip entries and impacts at the end of a term's region, and the
    /// postings before them; nil when the trailer is inconsistent with the
    /// region or the document frequency.
    static func split(_ region: UnsafeRawBufferPointer, documentFrequency: Int, entrySize: Int = entrySize)
        -> (postings: UnsafeRawBufferPointer, entries: UnsafeRawBufferPointer, impacts: UnsafeRawBufferPointer)? {
        guard region.count >= 8 else { return nil }
        var reader = ByteReader(region, offset: region.count - 8)
        guard let impactsLength = reader.integer(UInt32.self), let count = reader.integer(UInt32.self),
              Int(count) == (documentFrequency + blockSize - 1) / blockSize,
              Int(impactsLength) <= region.count - 8,
              Int(count) <= (region.count - 8 - Int(impactsLength)) / entrySize
        else { return nil }
        let impactsStart = region.count - 8 - Int(impactsLength)
        let entriesStart = impactsStart - Int(count) * entrySize
        return (UnsafeRawBufferPointer(rebasing: region[..<entriesStart]),
                UnsafeRawBufferPointer(rebasing: region[entriesStart..<impactsStart]),
                UnsafeRawBufferPointer(rebasing: region[impactsStart..<(region.count - 8)]))
    }
}

/// One block's skip entry, read with bounds already checked by the caller.
public struct SkipEntry: Equatable {
    public var lastDocument: UInt32
    var end: UInt32
    /// Format 6: where the block's positions end; 0 before.
    var positionsEnd: UInt32
    /// The block's largest frequency in each field.
    public var maximumFrequencies: FieldCounts
    /// The shortest length of each field among the documents holding the term there.
    public var shortestLengths: FieldCounts
    var impactsOffset: UInt32

    @inline(__always)
    init(_ entries: UnsafeRawBufferPointer, index: Int, size: Int = PostingsSkips.entrySize) {
        let base = index * size
        func word(_ n: Int) -> UInt32 { UInt32(littleEndian: entries.loadUnaligned(fromByteOffset: base + 4 * n, as: UInt32.self)) }
        let p = size == PostingsSkips.entrySizeWithPositions ? 1 : 0
        lastDocument = word(0)
        end = word(1)
        positionsEnd = p == 1 ? word(2) : 0
        maximumFrequencies = FieldCounts(title: word(2 + p), headings: word(3 + p), body: word(4 + p), url: word(5 + p))
        shortestLengths = FieldCounts(title: word(6 + p), headings: word(7 + p), body: word(8 + p), url: word(9 + p))
        impactsOffset = word(10 + p)
    }
}
