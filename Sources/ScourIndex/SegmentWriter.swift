import Foundation

/// Writes a ``SegmentBuilder``'s contents as one immutable segment file.
///
/// The file is complete and fsynced when ``write(_:to:)`` returns, but it is
/// not part of the index until a manifest names it (see ``IndexDirectory``).
public enum SegmentWriter {
    /// Writes `builder` to `path` and returns what the manifest records of it.
    @discardableResult
    public static func write(_ builder: SegmentBuilder, to path: String) throws(IndexError) -> SegmentInfo {
        let sink = try FileSink(path: path)
        var header = SegmentLayout.magic
        header.appendInteger(SegmentLayout.formatVersion)
        header.appendInteger(PostingsCodec.identifier)
        try sink.write(header)

        var footer = SegmentFooter()
        footer.documentCount = UInt32(builder.documentCount)

        // Documents.
        footer.documentsOffset = sink.offset
        var table: [UInt8] = []
        table.reserveCapacity(builder.documentCount * SegmentLayout.documentEntrySize)
        for (offset, lengths) in zip(builder.storeOffsets, builder.lengths) {
            table.appendInteger(offset)
            table.appendInteger(lengths.title)
            table.appendInteger(lengths.body)
            footer.titleTokens += UInt64(lengths.title)
            footer.bodyTokens += UInt64(lengths.body)
        }
        try sink.write(table)

        footer.storeOffset = sink.offset
        footer.storeLength = UInt64(builder.store.count)
        try sink.write(builder.store)
        try sink.align()

        // Terms, sorted by their bytes so readers can binary-search them.
        let interner = builder.interner
        var order = Array(0..<interner.count)
        interner.arena.withUnsafeBufferPointer { arena in
            interner.starts.withUnsafeBufferPointer { starts in
                order.sort { a, b in
                    let aStart = Int(starts[a]), aLength = Int(starts[a + 1]) - aStart
                    let bStart = Int(starts[b]), bLength = Int(starts[b + 1]) - bStart
                    let common = min(aLength, bLength)
                    let order = common == 0 ? 0 : memcmp(arena.baseAddress! + aStart, arena.baseAddress! + bStart, common)
                    return order != 0 ? order < 0 : aLength < bLength
                }
            }
        }
        footer.termCount = UInt32(order.count)
        footer.termsOffset = sink.offset
        var terms: [UInt8] = []
        terms.reserveCapacity(order.count * SegmentLayout.termEntrySize)
        var postingsOffset: UInt64 = 0
        var termOffset: UInt32 = 0
        for id in order {
            let length = UInt32(interner.term(id).count)
            terms.appendInteger(postingsOffset)
            terms.appendInteger(UInt32(builder.postings[id].count))
            terms.appendInteger(termOffset)
            terms.appendInteger(length)
            terms.appendInteger(builder.documentFrequency[id])
            postingsOffset += UInt64(builder.postings[id].count)
            termOffset += length
        }
        try sink.write(terms)

        footer.termBytesOffset = sink.offset
        var termBytes: [UInt8] = []
        termBytes.reserveCapacity(Int(termOffset))
        for id in order { termBytes.append(contentsOf: interner.term(id)) }
        footer.termBytesLength = UInt64(termBytes.count)
        try sink.write(termBytes)
        try sink.align()

        footer.postingsOffset = sink.offset
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 20)
        for id in order {
            chunk.append(contentsOf: builder.postings[id])
            if chunk.count >= 1 << 20 {
                try sink.write(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try sink.write(chunk)
        footer.postingsLength = sink.offset - footer.postingsOffset

        try sink.write(footer.encoded())
        try sink.finishWithChecksum()
        return SegmentInfo(
            name: URL(fileURLWithPath: path).lastPathComponent,
            documents: Int(footer.documentCount),
            terms: Int(footer.termCount),
            bytes: Int(sink.offset))
    }
}
