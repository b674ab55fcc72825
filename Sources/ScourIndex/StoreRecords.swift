/// Reads the raw store records of one segment's documents, in any format,
/// keeping the last decompressed block: documents read in ascending order
/// (a merge, `scour check`) decompress each block once, whole, its
/// Adler-32 checked.
///
/// A value for one caller on one thread: it is not shared, so
/// ``SegmentReader`` itself keeps no cache and stays `Sendable`.
struct StoreRecords {
    let segment: SegmentReader
    /// The offset of the block in ``block``, nil before the first.
    private var blockOffset: UInt64?
    private var block: [UInt8] = []

    init(_ segment: SegmentReader) {
        self.segment = segment
    }

    /// `body` called with document `id`'s record: its exact bytes, from
    /// its start to the next document's (or the end of its block, or of
    /// an uncompressed store). Throws when they lie outside the store or a
    /// block does not decompress.
    mutating func withRecord<T>(_ id: Int, _ body: (UnsafeRawBufferPointer) -> T) throws(IndexError) -> T {
        guard id >= 0, id < segment.documentCount else {
            throw .corrupted(file: segment.path, reason: "document \(id) out of range")
        }
        guard segment.hasCompressedStore else { return body(try uncompressedRecord(id)) }
        let location = try segment.recordLocation(of: id)
        if blockOffset != location.block.offset {
            blockOffset = nil
            block = try StoreBlocks.inflate(location.block, file: segment.path)
            blockOffset = location.block.offset
        }
        guard location.end <= block.count else {
            throw .corrupted(file: segment.path, reason: "document \(id)'s record lies past its store block's \(block.count) bytes")
        }
        return block.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[location.start..<location.end])) }
    }

    /// Document `id`'s record in an uncompressed store (formats 3 to 5):
    /// from its store offset to the next document's, or to the store's end.
    private func uncompressedRecord(_ id: Int) throws(IndexError) -> UnsafeRawBufferPointer {
        let length = segment.footer.storeLength
        let start = segment.storeEntry(of: id)
        let end = id + 1 < segment.documentCount ? segment.storeEntry(of: id + 1) : length
        guard start <= end, end <= length else {
            throw .corrupted(file: segment.path, reason: "document \(id)'s store offset is out of order")
        }
        return UnsafeRawBufferPointer(rebasing: segment.storeBytes[Int(start)..<Int(end)])
    }
}
