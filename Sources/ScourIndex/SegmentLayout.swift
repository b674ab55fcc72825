/// The byte layout of a segment file, shared by ``SegmentWriter`` and
/// ``SegmentReader``. All integers are little-endian; sections start on
/// 8-byte boundaries.
///
///     header     "SCOURSEG"  u32 format version  u32 postings codec
///     documents  per document an entry: from format 7 (36 bytes) u64 head
///                offset, u64 body address, u32 publication date
///                (``PublicationDate``), u32 × 4 field lengths (title,
///                headings, body, url — ``IndexField`` order); in format 6
///                (32 bytes) the same without the date; before (24 bytes) u64
///                record offset in the store, the 4 field lengths.
///                The head offset is the head's offset in the store; the body
///                address is its block's offset << 24 | its offset inside the
///                uncompressed block (``StoreBlocks``)
///     store      before format 6, per document a record, one after another:
///                path, title, text, format (varint length + UTF-8), u64
///                fingerprint, headings, url, date, canonical URL, language;
///                since format 4: varint alias count, the aliases, location,
///                source. From format 6 each record is split in two
///                (``StoreBlocks``): the body (text, headings) packed into
///                zlib blocks (u32 compressed length, u32 uncompressed length,
///                zlib stream), which fill the store from its start; then the
///                heads (every other field, in the order above), uncompressed,
///                one after another in document order. A head runs to the next
///                document's head, the last to the store's end; document 0's
///                head starts where the blocks end
///     terms      the terms, sorted by bytes (see ``TermDictionary``): from
///                format 7 a 24-byte header per block of 128 terms, the block
///                index (each block's first term), then their packed values; in format 6 a 12-byte entry per term and a u64
///                postings base per 64 terms; 24-byte entries before
///     term bytes the terms' UTF-8, concatenated
///     postings   per term, in dictionary order: see ``PostingsCodec`` (block
///                postings with positions apart from format 6, interleaved before)
///     spelling   the surface words, sorted by bytes (see ``TermDictionary``):
///                from format 7 packed in blocks of 128 like the terms; an
///                8-byte entry per word in format 6, 12 bytes before; then
///                the words' UTF-8
///     footer     u64 offsets and lengths of the sections, u32 documents, u32 terms,
///                u64 × 4 field token totals, "SCOUREND", u32 CRC-32 of all
///                preceding bytes
///
/// Format 7 packs the term and spelling tables in blocks of 128
/// (``TermDictionary``) and keeps each document's publication date in its
/// entry of the documents table (for date filters, sorting and facets);
/// it is otherwise format 6.
///
/// Format 6 compresses the stored text and headings in blocks of about
/// 16 KB and keeps the fields a result list shows uncompressed
/// (``StoreBlocks``), packs postings in blocks of 128 with positions in a
/// stream of their own (``PostingsCodec``, codec 3), and halves the term
/// entries (``TermDictionary``); a reader of formats 3 to 5 reads their
/// uncompressed records, interleaved postings (codec 2) and wide entries
/// as before, and a merge writes the newest format. Sections may come in any order
/// (the writer puts the postings before the term table, whose entries need
/// their offsets; a merge may put the store before the documents table):
/// readers find them through the footer.
///
/// Format 4 adds the identity fields to the store (above) and site terms
/// (``SiteTerms``) to the dictionary; everything else is as in format 3, so
/// a format-3 segment reads with those fields empty and `site:` falls back
/// to the stored URL. Readers accept ``supportedVersions`` and name a
/// version outside it as too old or too new (Lucene's
/// `CodecUtil.checkHeader(min, max)`, tantivy's oldest supported version).
enum SegmentLayout {
    static let magic: [UInt8] = Array("SCOURSEG".utf8)
    static let footerMagic: [UInt8] = Array("SCOUREND".utf8)
    /// The version this code writes.
    static let formatVersion: UInt32 = 7
    /// The oldest version this code still reads: `Tests/Fixtures/index-format-3`
    /// must keep opening while this is 3.
    static let oldestSupportedVersion: UInt32 = 3
    static var supportedVersions: ClosedRange<UInt32> { oldestSupportedVersion...formatVersion }
    /// The first version whose segments hold site terms and identity fields.
    static let identityVersion: UInt32 = 4
    /// The first version with skip data after long postings (``PostingsSkips``).
    static let skipsVersion: UInt32 = 5
    /// The first version with block-packed postings and positions in a
    /// stream of their own (``PostingsCodec``).
    static let blockPostingsVersion: UInt32 = 6
    /// The first version whose store is split into compressed bodies and
    /// uncompressed heads (``StoreBlocks``).
    static let compressedStoreVersion: UInt32 = 6
    /// The first version whose term and spelling tables are packed in
    /// blocks of 128 (``TermDictionary``).
    static let packedDictionaryVersion: UInt32 = 7
    static let headerSize = 16
    /// Bytes of a documents-table entry in segments of `version`: the
    /// field lengths are its last 16 bytes in every version.
    static func documentEntrySize(version: UInt32) -> Int {
        version >= packedDictionaryVersion ? 36 : version >= compressedStoreVersion ? 32 : 24
    }
    /// 12 section fields × 8 + counts 8 + field totals 32 + magic 8 + CRC 4.
    static let footerSize = 96 + 8 + 32 + 8 + 4
    static let fileExtension = "scour"
}

/// The section table stored in a segment's footer.
struct SegmentFooter: Equatable {
    var documentsOffset: UInt64 = 0
    var storeOffset: UInt64 = 0
    var storeLength: UInt64 = 0
    var termsOffset: UInt64 = 0
    var termBytesOffset: UInt64 = 0
    var termBytesLength: UInt64 = 0
    var postingsOffset: UInt64 = 0
    var postingsLength: UInt64 = 0
    var spellingOffset: UInt64 = 0
    var spellingCount: UInt64 = 0
    var spellingBytesOffset: UInt64 = 0
    var spellingBytesLength: UInt64 = 0
    var documentCount: UInt32 = 0
    var termCount: UInt32 = 0
    /// Token totals per field, in ``IndexField`` order.
    var fieldTokens: [UInt64] = [0, 0, 0, 0]

    private var sections: [UInt64] {
        [documentsOffset, storeOffset, storeLength, termsOffset, termBytesOffset, termBytesLength,
         postingsOffset, postingsLength, spellingOffset, spellingCount, spellingBytesOffset, spellingBytesLength]
    }

    func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        for value in sections { bytes.appendInteger(value) }
        bytes.appendInteger(documentCount)
        bytes.appendInteger(termCount)
        for value in fieldTokens { bytes.appendInteger(value) }
        bytes.append(contentsOf: SegmentLayout.footerMagic)
        return bytes
    }

    init() {}

    init?(_ reader: inout ByteReader) {
        var values: [UInt64] = []
        for _ in 0..<12 {
            guard let value = reader.integer(UInt64.self) else { return nil }
            values.append(value)
        }
        guard let documents = reader.integer(UInt32.self), let terms = reader.integer(UInt32.self) else { return nil }
        var totals: [UInt64] = []
        for _ in 0..<4 {
            guard let value = reader.integer(UInt64.self) else { return nil }
            totals.append(value)
        }
        (documentsOffset, storeOffset, storeLength, termsOffset) = (values[0], values[1], values[2], values[3])
        (termBytesOffset, termBytesLength, postingsOffset, postingsLength) = (values[4], values[5], values[6], values[7])
        (spellingOffset, spellingCount, spellingBytesOffset, spellingBytesLength) = (values[8], values[9], values[10], values[11])
        (documentCount, termCount, fieldTokens) = (documents, terms, totals)
    }
}
