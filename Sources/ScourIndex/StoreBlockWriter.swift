/// Packs documents' bodies (text and headings, see ``StoreBlocks``) into
/// compressed blocks, in order, and gives each body its address for the
/// documents table.
///
/// The compressed blocks collect in ``output``: ``SegmentBuilder`` keeps
/// them there until the segment is written; ``SegmentMerger`` takes them out
/// as they grow, so memory stays at one block being filled plus its output
/// chunk. ``storedCount`` counts every byte ever produced, taken or not.
struct StoreBlockWriter {
    /// Compressed blocks not yet taken by the caller.
    var output: [UInt8] = []
    /// Bytes of the store produced so far, ``output`` included: the offset
    /// the block being filled will get.
    private(set) var storedCount: UInt64 = 0
    /// The block being filled, uncompressed.
    private var pending: [UInt8] = []
    /// The largest body added; a writer refuses a segment with one above
    /// ``StoreBlocks/maximumBlockBytes``.
    private(set) var largestBody = 0

    init() {
        pending.reserveCapacity(StoreBlocks.targetSize * 2)
    }

    /// Adds one body, as stored bytes; returns its address.
    mutating func add(_ body: UnsafeRawBufferPointer) -> UInt64 {
        add { $0.append(contentsOf: body) }
    }

    /// Adds `document`'s body (see ``StoredDocument/appendBody(to:)``); returns its address.
    mutating func add(_ document: StoredDocument) -> UInt64 {
        add { document.appendBody(to: &$0) }
    }

    /// Adds the body `append` writes at the end of the block being filled.
    private mutating func add(appending append: (inout [UInt8]) -> Void) -> UInt64 {
        let start = pending.count
        append(&pending)
        let size = pending.count - start
        largestBody = max(largestBody, size)
        guard size > StoreBlocks.targetSize, start > 0 else {
            let address = StoreBlocks.address(block: storedCount, offset: start)
            if pending.count >= StoreBlocks.targetSize { flush() }
            return address
        }
        // A body larger than the target gets a block of its own, after
        // the bodies before it.
        pending.withUnsafeBytes { emit(UnsafeRawBufferPointer(rebasing: $0[..<start])) }
        let address = StoreBlocks.address(block: storedCount, offset: 0)
        pending.withUnsafeBytes { emit(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        clearPending()
        return address
    }

    /// Adds a whole stored block (header and stream) byte for byte, after
    /// the block being filled; returns its new offset in the store. Its
    /// bodies keep their offsets inside it.
    mutating func copy(_ block: StoreBlocks.Block) -> UInt64 {
        flush()
        let offset = storedCount
        output.appendInteger(UInt32(block.compressed.count))
        output.appendInteger(UInt32(block.uncompressedCount))
        output.append(contentsOf: block.compressed)
        storedCount += UInt64(block.storedCount)
        return offset
    }

    /// The block being filled, compressed (empty when none): what follows
    /// ``output`` to end the store, for a caller that cannot mutate this.
    func pendingBlock() -> [UInt8] {
        var block: [UInt8] = []
        if !pending.isEmpty { pending.withUnsafeBytes { StoreBlocks.appendBlock($0, to: &block) } }
        return block
    }

    /// Compresses the block being filled, if any, into ``output``.
    mutating func flush() {
        guard !pending.isEmpty else { return }
        pending.withUnsafeBytes { emit($0) }
        clearPending()
    }

    /// Empties the block being filled, letting go of the room a large
    /// body made it take.
    private mutating func clearPending() {
        if pending.capacity > StoreBlocks.targetSize * 4 {
            pending = []
            pending.reserveCapacity(StoreBlocks.targetSize * 2)
        } else {
            pending.removeAll(keepingCapacity: true)
        }
    }

    private mutating func emit(_ records: UnsafeRawBufferPointer) {
        let before = output.count
        StoreBlocks.appendBlock(records, to: &output)
        storedCount += UInt64(output.count - before)
    }
}
