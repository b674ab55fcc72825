/// The postings encodings: the one place that knows how a term's list of
/// (document, frequencies, positions) is laid out in bytes.
///
/// **Block postings** (codec 3, segment format 6; Lucene's and tantivy's
/// layout). A term's region in the postings section is
///
///     positions ‖ documents ‖ skip data (``PostingsSkips``; terms in more
///     than one block) ‖ the positions' byte length, as a backward varint
///
/// The documents are cut into blocks of 128. A full block is
///
///     byte    w, then 128 values of w bits (``BitPacking``): each document
///             minus the one before it minus 1 (the first document of the
///             term counts from −1)
///     byte    field mask: bit f set when some document of the block has the
///             term in field f (see ``IndexField``)
///     per field in the mask: byte w, then 128 frequencies of w bits (0 for
///             a document without the term in the field)
///
/// and the last, partial block (fewer than 128 documents) is, per document,
/// a varint `gap << 2 | code` (the same gap) and then by code: 1, nothing
/// (the term once in the body alone); 2, a varint frequency (in the body
/// alone); 0, a field-mask byte and a varint frequency per field in the
/// mask. A scorer reads these alone. The positions, read only
/// for phrases and snippets, are per document as many varints as its
/// frequencies add up to: the position deltas (the first from 0), in
/// document order. A term without positions (site terms) has an empty
/// positions stream. The backward varint at the region's end is read from
/// its last byte towards the front: 7 bits per byte, least significant
/// first, the high bit set on every byte but the last read.
///
/// **Interleaved postings** (codec 2, segment formats 3 to 5, and how
/// ``SegmentBuilder`` holds postings in memory), per document in order:
///
///     varint  document delta (from the previous document; the first is the id itself)
///     byte    field mask
///     varint* the term's frequency in each field whose bit is set, in field order
///     varint  byte length of the positions that follow
///     varint* position deltas (the first is the position itself)
///
/// ``PostingsCursor`` reads both; ``PostingsEncoder`` writes block postings.
public enum PostingsCodec {
    /// Codec identifier stored in the header of segments this code writes.
    public static let identifier: UInt32 = 3
    /// The interleaved codec of formats 3 to 5.
    static let interleaved: UInt32 = 2

    /// How a partial block's document says where the term occurs.
    enum TailCode {
        static let fields: UInt64 = 0
        static let bodyOnce: UInt64 = 1
        static let body: UInt64 = 2
    }

    /// The codec a segment of `formatVersion` must declare.
    static func identifier(forFormat formatVersion: UInt32) -> UInt32 {
        formatVersion >= SegmentLayout.blockPostingsVersion ? identifier : interleaved
    }

    /// Appends one document's postings for a term in the interleaved codec.
    ///
    /// - Parameters:
    ///   - positions: ascending token positions of the term in the document.
    static func append(
        document: UInt32, previousDocument: UInt32?, frequencies: FieldCounts,
        positions: UnsafeBufferPointer<UInt32>, to buffer: inout [UInt8]
    ) {
        let delta = previousDocument.map { document - $0 } ?? document
        buffer.appendVarint(delta)
        var mask: UInt8 = 0
        for field in IndexField.allCases where frequencies[field] > 0 { mask |= 1 << UInt8(field.rawValue) }
        buffer.append(mask)
        for field in IndexField.allCases where frequencies[field] > 0 { buffer.appendVarint(frequencies[field]) }
        var length = 0
        var previous: UInt32 = 0
        for position in positions {
            length += varintSize(position - previous)
            previous = position
        }
        buffer.appendVarint(UInt32(length))
        previous = 0
        for position in positions {
            buffer.appendVarint(position - previous)
            previous = position
        }
    }

    /// Appends `value` as a backward varint (read from the end).
    static func appendBackwardVarint(_ value: UInt64, to buffer: inout [UInt8]) {
        var groups: [UInt8] = []
        var v = value
        repeat {
            groups.append(UInt8(truncatingIfNeeded: v & 0x7F))
            v >>= 7
        } while v > 0
        // Group i sits i bytes before the end; all but the first carry the flag.
        for (index, group) in groups.enumerated().reversed() {
            buffer.append(index == groups.count - 1 ? group : group | 0x80)
        }
    }

    /// A block-postings region cut into its streams: positions, documents,
    /// skip entries and impacts; nil when the region's framing is
    /// inconsistent (a damaged region).
    static func split(blockRegion region: UnsafeRawBufferPointer, documentFrequency: Int)
        -> (positions: UnsafeRawBufferPointer, documents: UnsafeRawBufferPointer,
            entries: UnsafeRawBufferPointer, impacts: UnsafeRawBufferPointer)? {
        // The backward varint.
        var value: UInt64 = 0, shift: UInt64 = 0, end = region.count
        while true {
            guard end > 0, shift <= 63 else { return nil }
            end -= 1
            let byte = region[end]
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        var body = UnsafeRawBufferPointer(rebasing: region[..<end])
        var entries = UnsafeRawBufferPointer(start: nil, count: 0), impacts = entries
        if PostingsSkips.present(documentFrequency: documentFrequency) {
            guard let parts = PostingsSkips.split(body, documentFrequency: documentFrequency,
                                                  entrySize: PostingsSkips.entrySizeWithPositions) else { return nil }
            (body, entries, impacts) = parts
        }
        guard value <= UInt64(body.count) else { return nil }
        let positionsLength = Int(value)
        return (UnsafeRawBufferPointer(rebasing: body[..<positionsLength]),
                UnsafeRawBufferPointer(rebasing: body[positionsLength...]), entries, impacts)
    }
}
