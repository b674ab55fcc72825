/// Reads the stored heads and bodies of one segment's documents (see
/// ``StoreBlocks``), in any format, keeping the last decompressed block:
/// documents read in ascending order (a merge, `scour check`) decompress
/// each block once, whole, its Adler-32 checked. Records of formats 3 to 5
/// are split into the head and body format 6 stores
/// (``StoredDocument/splitRecord(_:hasIdentity:head:body:)``).
///
/// A value for one caller on one thread: it is not shared, so
/// ``SegmentReader`` itself keeps no cache and stays `Sendable`.
struct StoreRecords {
    let segment: SegmentReader
    /// The offset of the block in ``block``, nil before the first.
    private var blockOffset: UInt64?
    private var block: [UInt8] = []
    /// An older record's head and body, split.
    private var head: [UInt8] = []
    private var body: [UInt8] = []

    init(_ segment: SegmentReader) {
        self.segment = segment
    }

    /// `read` called with document `id`'s body: its exact bytes, from its
    /// start to the next document's (or the end of its block). Throws when
    /// they lie outside the store, a block does not decompress, or an
    /// older record is malformed.
    mutating func withBody<T>(_ id: Int, _ read: (UnsafeRawBufferPointer) -> T) throws(IndexError) -> T {
        guard segment.hasCompressedStore else {
            try split(id)
            return body.withUnsafeBytes(read)
        }
        let location = try segment.bodyLocation(of: id)
        if blockOffset != location.block.offset {
            blockOffset = nil
            block = try StoreBlocks.inflate(location.block, file: segment.path)
            blockOffset = location.block.offset
        }
        guard location.end <= block.count else {
            throw .corrupted(file: segment.path, reason: "document \(id)'s body lies past its store block's \(block.count) bytes")
        }
        return block.withUnsafeBytes { read(UnsafeRawBufferPointer(rebasing: $0[location.start..<location.end])) }
    }

    /// `read` called with document `id`'s head: its exact bytes. Throws
    /// when they lie outside the heads or an older record is malformed.
    mutating func withHead<T>(_ id: Int, _ read: (UnsafeRawBufferPointer) -> T) throws(IndexError) -> T {
        guard segment.hasCompressedStore else {
            try split(id)
            return head.withUnsafeBytes(read)
        }
        return read(try segment.head(of: id))
    }

    /// Document `id`'s record in an uncompressed store (formats 3 to 5),
    /// from its store offset to the next document's (or to the store's
    /// end), split into ``head`` and ``body``.
    private mutating func split(_ id: Int) throws(IndexError) {
        guard id >= 0, id < segment.documentCount else {
            throw .corrupted(file: segment.path, reason: "document \(id) out of range")
        }
        let length = segment.footer.storeLength
        let start = segment.recordOffset(of: id)
        let end = id + 1 < segment.documentCount ? segment.recordOffset(of: id + 1) : length
        guard start <= end, end <= length else {
            throw .corrupted(file: segment.path, reason: "document \(id)'s store offset is out of order")
        }
        head.removeAll(keepingCapacity: true)
        body.removeAll(keepingCapacity: true)
        let record = UnsafeRawBufferPointer(rebasing: segment.storeBytes[Int(start)..<Int(end)])
        let hasIdentity = segment.formatVersion >= SegmentLayout.identityVersion
        guard StoredDocument.splitRecord(record, hasIdentity: hasIdentity, head: &head, body: &body) else {
            throw .corrupted(file: segment.path, reason: "document \(id)'s stored record is malformed")
        }
    }
}
