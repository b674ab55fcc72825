/// The byte layout of a segment file, shared by ``SegmentWriter`` and
/// ``SegmentReader``. All integers are little-endian.
///
///     header   "SCOURSEG"  u32 format version  u32 postings codec
///     documents  per document: u64 store offset, u32 title tokens, u32 body tokens
///     store      per document: path, title, text, format (varint length + UTF-8), u64 fingerprint
///     terms      per term, sorted by bytes: u64 postings offset, u32 postings length,
///                u32 term-bytes offset, u32 term length, u32 document frequency
///     term bytes the terms' UTF-8, concatenated
///     postings   see ``PostingsCodec``
///     footer     u64 offsets and lengths of the sections, u32 documents, u32 terms,
///                u64 title tokens, u64 body tokens, "SCOUREND", u32 CRC-32 of all
///                preceding bytes
enum SegmentLayout {
    static let magic: [UInt8] = Array("SCOURSEG".utf8)
    static let footerMagic: [UInt8] = Array("SCOUREND".utf8)
    static let formatVersion: UInt32 = 1
    static let headerSize = 16
    static let documentEntrySize = 16
    static let termEntrySize = 24
    /// 8 section fields × 8 + counts 8 + token totals 16 + magic 8 + CRC 4.
    static let footerSize = 64 + 8 + 16 + 8 + 4
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
    var documentCount: UInt32 = 0
    var termCount: UInt32 = 0
    var titleTokens: UInt64 = 0
    var bodyTokens: UInt64 = 0

    func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        for value in [documentsOffset, storeOffset, storeLength, termsOffset, termBytesOffset,
                      termBytesLength, postingsOffset, postingsLength] {
            bytes.appendInteger(value)
        }
        bytes.appendInteger(documentCount)
        bytes.appendInteger(termCount)
        bytes.appendInteger(titleTokens)
        bytes.appendInteger(bodyTokens)
        bytes.append(contentsOf: SegmentLayout.footerMagic)
        return bytes
    }

    init() {}

    init?(_ reader: inout ByteReader) {
        guard let a = reader.integer(UInt64.self), let b = reader.integer(UInt64.self),
              let c = reader.integer(UInt64.self), let d = reader.integer(UInt64.self),
              let e = reader.integer(UInt64.self), let f = reader.integer(UInt64.self),
              let g = reader.integer(UInt64.self), let h = reader.integer(UInt64.self),
              let documents = reader.integer(UInt32.self), let terms = reader.integer(UInt32.self),
              let title = reader.integer(UInt64.self), let body = reader.integer(UInt64.self)
        else { return nil }
        (documentsOffset, storeOffset, storeLength, termsOffset) = (a, b, c, d)
        (termBytesOffset, termBytesLength, postingsOffset, postingsLength) = (e, f, g, h)
        (documentCount, termCount, titleTokens, bodyTokens) = (documents, terms, title, body)
    }
}
