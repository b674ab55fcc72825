import Foundation

/// Writes a ``SegmentBuilder``'s contents as one immutable segment file.
///
/// The file is complete and fsynced when ``write(_:to:)`` returns, but it is
/// not part of the index until a manifest names it (see ``IndexDirectory``).
public enum SegmentWriter {
    /// Writes `builder` to `path` and returns what the manifest records of it.
    @discardableResult
    public static func write(_ builder: SegmentBuilder, to path: String) throws(IndexError) -> SegmentInfo {
        let store = builder.store
        let lastBlock = store.pendingBlock()
        guard store.largestRecord <= StoreBlocks.maximumBlockBytes,
              store.storedCount + UInt64(lastBlock.count) < StoreBlocks.maximumStoreBytes else {
            throw .io(file: path, message: "a document's stored record or the segment's store exceeds the format's limits")
        }
        let sink = try FileSink(path: path)
        try writeHeader(to: sink)

        var footer = SegmentFooter()
        footer.documentCount = UInt32(builder.documentCount)

        // Documents.
        footer.documentsOffset = sink.offset
        var table: [UInt8] = []
        table.reserveCapacity(builder.documentCount * SegmentLayout.documentEntrySize)
        for (address, lengths) in zip(builder.storeAddresses, builder.lengths) {
            table.appendInteger(address)
            for field in IndexField.allCases {
                table.appendInteger(lengths[field])
                footer.fieldTokens[field.rawValue] += UInt64(lengths[field])
            }
        }
        try sink.write(table)

        footer.storeOffset = sink.offset
        try sink.write(store.output)
        try sink.write(lastBlock)
        footer.storeLength = sink.offset - footer.storeOffset
        try sink.align()

        // Terms, sorted by their bytes so readers can binary-search them.
        let interner = builder.interner
        let order = interner.sortedIDs()
        footer.termCount = UInt32(order.count)
        footer.termsOffset = sink.offset
        var terms: [UInt8] = []
        terms.reserveCapacity(order.count * SegmentLayout.termEntrySize)
        var postingsOffset: UInt64 = 0
        var termOffset: UInt32 = 0
        // Skip data after each term's postings that span several blocks.
        var skips: [Int: [UInt8]] = [:]
        for id in order where PostingsSkips.present(documentFrequency: Int(builder.documentFrequency[id])) {
            skips[id] = try skipData(builder.postings[id], documentFrequency: Int(builder.documentFrequency[id]),
                                     lengths: builder.lengths, path: path)
        }
        for id in order {
            let length = UInt32(interner.term(id).count)
            let postingsLength = builder.postings[id].count + (skips[id]?.count ?? 0)
            guard postingsLength <= Int(UInt32.max) else {
                throw .io(file: path, message: "a term's postings exceed the format's 4 GB limit")
            }
            terms.appendInteger(postingsOffset)
            terms.appendInteger(UInt32(postingsLength))
            terms.appendInteger(termOffset)
            terms.appendInteger(length)
            terms.appendInteger(builder.documentFrequency[id])
            postingsOffset += UInt64(postingsLength)
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
            if let trailer = skips[id] { chunk.append(contentsOf: trailer) }
            if chunk.count >= 1 << 20 {
                try sink.write(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try sink.write(chunk)
        footer.postingsLength = sink.offset - footer.postingsOffset
        try sink.align()

        // Spelling dictionary: surface words with document frequencies.
        let surfaces = builder.surfaces
        let surfaceOrder = surfaces.sortedIDs()
        footer.spellingOffset = sink.offset
        footer.spellingCount = UInt64(surfaceOrder.count)
        var entries: [UInt8] = []
        var words: [UInt8] = []
        entries.reserveCapacity(surfaceOrder.count * SegmentLayout.spellingEntrySize)
        for id in surfaceOrder {
            let word = surfaces.term(id)
            entries.appendInteger(UInt32(words.count))
            entries.appendInteger(UInt32(word.count))
            entries.appendInteger(builder.surfaceFrequency[id])
            words.append(contentsOf: word)
        }
        try sink.write(entries)
        footer.spellingBytesOffset = sink.offset
        footer.spellingBytesLength = UInt64(words.count)
        try sink.write(words)

        return try finish(sink, footer: footer, path: path)
    }

    /// Writes a segment's header: magic, format version, postings codec.
    /// The skip entries of one term's encoded postings (see ``PostingsSkips``).
    static func skipData(_ postings: [UInt8], documentFrequency: Int, lengths: [FieldCounts],
                         path: String) throws(IndexError) -> [UInt8] {
        var skips = PostingsSkips.Builder()
        postings.withUnsafeBytes { raw in
            var cursor = PostingsCursor(bytes: raw, documentLimit: UInt32(lengths.count))
            while cursor.next() {
                skips.add(document: cursor.document, frequencies: cursor.frequencies,
                          lengths: lengths[Int(cursor.document)], end: UInt64(cursor.byteOffset))
            }
        }
        guard skips.fits else { throw .io(file: path, message: "a term's postings exceed the format's 4 GB limit") }
        return skips.finish(documentFrequency: documentFrequency)
    }

    static func writeHeader(to sink: FileSink) throws(IndexError) {
        var header = SegmentLayout.magic
        header.appendInteger(SegmentLayout.formatVersion)
        header.appendInteger(PostingsCodec.identifier)
        try sink.write(header)
    }

    /// Writes the footer and the checksum, syncs the file, and returns what
    /// the manifest records of it.
    static func finish(_ sink: FileSink, footer: SegmentFooter, path: String) throws(IndexError) -> SegmentInfo {
        try sink.write(footer.encoded())
        let checksum = sink.checksum.value
        try sink.finishWithChecksum()
        return SegmentInfo(
            name: URL(fileURLWithPath: path).lastPathComponent,
            documents: Int(footer.documentCount),
            terms: Int(footer.termCount),
            bytes: Int(sink.offset),
            checksum: checksum)
    }
}
