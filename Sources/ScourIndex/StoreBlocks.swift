import CZlib

/// The document store of format 6 (``SegmentLayout/compressedStoreVersion``):
/// each document's record split into a *head*, kept uncompressed, and a
/// *body*, compressed in blocks.
///
///     store      the blocks, from the store's start, then the heads, one
///                after another in document order, to the store's end
///     block      u32 compressed length, u32 uncompressed length, then the
///                zlib stream (RFC 1950: its Adler-32 checks the bodies)
///     body       text, headings (varint length + UTF-8 each)
///     head       path, title, format, u64 fingerprint, url, date, canonical
///                URL, language, varint alias count, the aliases, location,
///                source (see ``StoredDocument/appendHead(to:)``)
///
/// A result list shows ids, titles and URLs: every field but the text and
/// headings is in the head, so showing a hit without a snippet reads its
/// head (about 130 bytes on 100,000 passages) and never inflates; only a
/// snippet (or a merge, or `scour check`) decompresses a body. Whole
/// records in the blocks made a top-10 result list inflate half a block
/// per hit (0.40 → 0.72 ms a query); split, it costs what format 5's
/// uncompressed store did. The price is the heads' size: 13 MB of the
/// 97 MB of records, which took about 6 MB compressed with the text, so
/// the store grew by 7 MB (18 %), the index by 9 %.
///
/// Each document's entry in the documents table holds its head's offset in
/// the store and its body's *address*: the block's offset in the store
/// section in the high 40 bits, the body's offset inside the uncompressed
/// block in the low 24 (see ``address(block:offset:)``). A head runs to the
/// next document's head, the last to the store's end; document 0's head
/// starts where the blocks end (an empty segment has an empty store). A
/// body runs to the next document's body when that one is in the same
/// block, else to the block's end. A reader of one document's text
/// decompresses only its block, and only up to the body's end
/// (``inflate(_:prefix:file:)``).
///
/// Bodies are packed in document order into a block until it holds at
/// least ``targetSize`` bytes; a body larger than that gets a block of its
/// own. So a block holding several bodies is under twice the target, and
/// only a block of one body can be larger.
///
/// Target and level were chosen by measurement on 100,000 passages
/// (97 MB of records; see the README's "On-disk format"): 16 KB at level 4.
/// Showing a snippet decompresses on average half a block, so its cost grows
/// with the target (search with snippets, top 10: +0.3 ms a query at 16 KB,
/// +1 ms at 32 KB, +2.2 ms at 64 KB) while 64 KB blocks are only 10 %
/// smaller than 16 KB ones. Level 4 compresses about 1.4 times as fast as
/// zlib's default 6 for 2 % more bytes; decompression speed hardly differs.
enum StoreBlocks {
    /// Uncompressed bytes a block is filled to.
    static let targetSize = 16 << 10
    /// The zlib compression level (see above).
    static let level: Int32 = 4
    /// u32 compressed length, u32 uncompressed length.
    static let headerSize = 8
    /// Bits of an address that hold the body's offset inside its block.
    static let offsetBits: UInt64 = 24
    /// The largest store a segment can address (block offsets: 40 bits).
    static let maximumStoreBytes: UInt64 = 1 << (64 - offsetBits)
    /// The largest uncompressed block: a reader refuses to allocate more
    /// for one block, and a writer refuses a body above it.
    static let maximumBlockBytes = 1 << 30
    /// Deflate cannot expand a stream by more than this factor (1032:1 is
    /// its best case), so a larger declared size is damage.
    static let maximumRatio = 1032

    /// The address of a body at `offset` inside the block at store offset `block`.
    @inline(__always)
    static func address(block: UInt64, offset: Int) -> UInt64 {
        block << offsetBits | UInt64(offset)
    }

    /// The block offset and in-block offset an address names.
    @inline(__always)
    static func split(_ address: UInt64) -> (block: UInt64, offset: Int) {
        (address >> offsetBits, Int(address & ((1 << offsetBits) - 1)))
    }

    /// One block's header and compressed bytes, bounds-checked against the store.
    struct Block {
        /// The block's offset in the store section.
        let offset: UInt64
        /// The zlib stream.
        let compressed: UnsafeRawBufferPointer
        /// Its declared uncompressed length, within the sane limits.
        let uncompressedCount: Int
        /// Header and stream: where the next block starts.
        var storedCount: Int { StoreBlocks.headerSize + compressed.count }
    }

    /// The block at `offset` in `blocks` (the store up to the heads); throws
    /// when its header or bytes lie outside them or declare an impossible
    /// size. `file` names it in errors.
    static func block(in blocks: UnsafeRawBufferPointer, at offset: UInt64, file: String) throws(IndexError) -> Block {
        guard offset < UInt64(blocks.count), UInt64(headerSize) <= UInt64(blocks.count) - offset else {
            throw .corrupted(file: file, reason: "store block at \(offset) lies past the store's blocks (\(blocks.count) bytes)")
        }
        var reader = ByteReader(blocks, offset: Int(offset))
        let compressedCount = Int(reader.integer(UInt32.self)!)
        let uncompressedCount = Int(reader.integer(UInt32.self)!)
        guard let compressed = reader.bytes(compressedCount) else {
            throw .corrupted(file: file, reason: "store block at \(offset) is cut short: \(compressedCount) compressed bytes declared, \(blocks.count - reader.offset) left")
        }
        guard uncompressedCount > 0, uncompressedCount <= maximumBlockBytes,
              uncompressedCount <= compressedCount * maximumRatio else {
            throw .corrupted(file: file, reason: "store block at \(offset) declares \(uncompressedCount) bytes from \(compressedCount) compressed, impossible")
        }
        return Block(offset: offset, compressed: compressed, uncompressedCount: uncompressedCount)
    }

    /// The first `prefix` bytes of `block` uncompressed (all of it when nil:
    /// then the stream must end exactly there, its Adler-32 checked).
    /// Throws naming `file` when the stream is damaged or ends early.
    static func inflate(_ block: Block, prefix: Int? = nil, file: String) throws(IndexError) -> [UInt8] {
        let wanted = min(prefix ?? block.uncompressedCount, block.uncompressedCount)
        let whole = wanted == block.uncompressedCount
        // At a fixed address: zlib keeps a pointer back to its stream and
        // refuses one that moved (see the façade's `Inflater`).
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deinitialize(count: 1); stream.deallocate() }
        guard scour_inflateInit2(stream, 15) == Z_OK else {
            throw .io(file: file, message: "zlib could not start inflating (out of memory)")
        }
        defer { inflateEnd(stream) }
        var status: Int32 = Z_OK
        let output = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, count in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: block.compressed.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = uInt(block.compressed.count)
            stream.pointee.next_out = buffer.baseAddress
            stream.pointee.avail_out = uInt(wanted)
            // Z_FINISH: one call, and no sliding window kept when it completes.
            status = CZlib.inflate(stream, Z_FINISH)
            count = wanted - Int(stream.pointee.avail_out)
        }
        let leftOver = Int(stream.pointee.avail_in)
        let subject = "store block at \(block.offset)"
        switch status {
        case Z_STREAM_END where output.count == wanted && (!whole || leftOver == 0):
            break
        case Z_STREAM_END:
            throw .corrupted(file: file, reason: output.count < wanted
                ? "\(subject) holds \(output.count) bytes, not the \(block.uncompressedCount) declared"
                : "\(subject) has bytes after its zlib stream")
        case Z_OK, Z_BUF_ERROR:
            // Output full before the stream's end: fine for a prefix. For the
            // whole block, the stream holds more than declared or is cut short.
            guard whole || output.count < wanted else { break }
            throw .corrupted(file: file, reason: output.count == wanted
                ? "\(subject) holds more than the \(block.uncompressedCount) bytes declared"
                : "\(subject) is cut short after \(output.count) of \(block.uncompressedCount) bytes")
        default:
            let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
            throw .corrupted(file: file, reason: "\(subject) does not decompress (\(message))")
        }
        return output
    }

    /// Appends `records` as one block (header and zlib stream) to `out`.
    static func appendBlock(_ records: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        let bound = Int(compressBound(uLong(records.count)))
        let start = out.count
        out.appendInteger(UInt32(0))
        out.appendInteger(UInt32(records.count))
        var produced = uLongf(bound)
        let headerEnd = out.count
        // Grows geometrically (no reserveCapacity: an exact one would copy
        // the whole output for every block).
        out.append(contentsOf: repeatElement(0, count: bound))
        let status = out.withUnsafeMutableBytes { bytes in
            compress2(bytes.baseAddress!.advanced(by: headerEnd).assumingMemoryBound(to: Bytef.self), &produced,
                      records.baseAddress?.assumingMemoryBound(to: Bytef.self), uLong(records.count), level)
        }
        // compress2 fails only without memory, or with a too small output
        // buffer, which compressBound rules out.
        precondition(status == Z_OK, "zlib compress2 failed (\(status))")
        out.removeLast(bound - Int(produced))
        withUnsafeBytes(of: UInt32(produced).littleEndian) { out.replaceSubrange(start..<(start + 4), with: $0) }
    }
}
