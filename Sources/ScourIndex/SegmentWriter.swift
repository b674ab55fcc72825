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
        // The blocks, then the heads (see ``StoreBlocks``).
        let blocksLength = store.storedCount + UInt64(lastBlock.count)
        guard store.largestBody <= StoreBlocks.maximumBlockBytes, blocksLength < StoreBlocks.maximumStoreBytes else {
            throw .io(file: path, message: "a document's stored text or the segment's store exceeds the format's limits")
        }
        let sink = try FileSink(path: path)
        try writeHeader(to: sink)

        var footer = SegmentFooter()
        footer.documentCount = UInt32(builder.documentCount)

        // Documents.
        footer.documentsOffset = sink.offset
        var table: [UInt8] = []
        table.reserveCapacity(builder.documentCount * SegmentLayout.documentEntrySize(version: SegmentLayout.formatVersion))
        for (id, lengths) in builder.lengths.enumerated() {
            table.appendInteger(blocksLength + builder.headOffsets[id])
            table.appendInteger(builder.bodyAddresses[id])
            table.appendInteger(builder.dates[id])
            for field in IndexField.allCases {
                table.appendInteger(lengths[field])
                footer.fieldTokens[field.rawValue] += UInt64(lengths[field])
            }
        }
        try sink.write(table)

        footer.storeOffset = sink.offset
        try sink.write(store.output)
        try sink.write(lastBlock)
        try sink.write(builder.heads)
        footer.storeLength = sink.offset - footer.storeOffset
        try sink.align()

        // Postings, then the term table (whose entries need the postings'
        // offsets) and the term bytes; readers find each section through
        // the footer. Terms are sorted by their bytes so readers can
        // binary-search them (see ``TermDictionary``).
        let interner = builder.interner
        let order = interner.sortedIDs()
        footer.termCount = UInt32(order.count)
        footer.postingsOffset = sink.offset
        var dictionary = TermDictionary.Writer()
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 20)
        var positions: [UInt32] = []
        var encoder = PostingsEncoder()
        for id in order {
            let term = interner.term(id)
            let start = sink.offset + UInt64(chunk.count)
            try encodePostings(of: builder, term: id, site: term.first == SiteTerms.markerByte, encoder: &encoder,
                               positions: &positions, into: &chunk, path: path)
            guard sink.offset + UInt64(chunk.count) - start <= UInt64(UInt32.max),
                  term.withUnsafeBytes({ dictionary.add($0, documentFrequency: builder.documentFrequency[id],
                                                        postingsStart: start - footer.postingsOffset) })
            else { throw .io(file: path, message: "a segment's terms or postings exceed the format's 4 GB limits") }
            if chunk.count >= 1 << 20 {
                try sink.write(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try sink.write(chunk)
        footer.postingsLength = sink.offset - footer.postingsOffset
        try sink.align()
        try writeTerms(dictionary, to: sink, footer: &footer)

        // Spelling dictionary: surface words with document frequencies.
        let surfaces = builder.surfaces
        var spelling = TermDictionary.SpellingWriter()
        for id in surfaces.sortedIDs() {
            guard surfaces.term(id).withUnsafeBytes({ spelling.add($0, frequency: builder.surfaceFrequency[id], terms: dictionary) })
            else { throw .io(file: path, message: "a segment's spelling dictionary exceeds the format's 2 GB limit") }
        }
        try writeSpelling(spelling, to: sink, footer: &footer)

        return try finish(sink, footer: footer, path: path)
    }

    /// Appends term `id`'s postings, held in the builder in the
    /// interleaved codec, as block postings (see ``PostingsCodec``). Site
    /// terms never score: their skip data is written without field lengths,
    /// as merges write it.
    static func encodePostings(of builder: SegmentBuilder, term id: Int, site: Bool, encoder: inout PostingsEncoder,
                               positions: inout [UInt32], into chunk: inout [UInt8], path: String) throws(IndexError) {
        encoder.reset()
        let documentFrequency = Int(builder.documentFrequency[id])
        let consistent = builder.postings[id].withUnsafeBytes { raw in
            var cursor = PostingsCursor(interleaved: raw, documentFrequency: documentFrequency,
                                        documentLimit: UInt32(builder.lengths.count))
            while cursor.next() {
                cursor.positions(into: &positions)
                let added = positions.withUnsafeBufferPointer {
                    encoder.add(document: cursor.document, frequencies: cursor.frequencies, positions: $0,
                                lengths: site ? FieldCounts() : builder.lengths[Int(cursor.document)])
                }
                guard added else { return false }
            }
            return !cursor.isDamaged && encoder.documentFrequency == documentFrequency
        }
        // The builder wrote these postings a moment ago: a mismatch is a bug.
        precondition(consistent, "in-memory postings of term \(id) do not re-encode")
        guard encoder.fits else { throw .io(file: path, message: "a term's postings exceed the format's 4 GB limit") }
        encoder.finish(into: &chunk)
    }

    /// Writes a segment's header: magic, format version, postings codec.
    /// Writes the term table and the term bytes.
    static func writeTerms(_ dictionary: TermDictionary.Writer, to sink: FileSink, footer: inout SegmentFooter) throws(IndexError) {
        footer.termsOffset = sink.offset
        guard let table = dictionary.table else {
            throw .io(file: sink.path, message: "a segment's term table exceeds the format's 4 GB limit")
        }
        try sink.write(table)
        footer.termBytesOffset = sink.offset
        footer.termBytesLength = UInt64(dictionary.termBytes.count)
        try sink.write(dictionary.termBytes)
        try sink.align()
    }

    /// Writes the spelling table and the spelling words not shared with the terms.
    static func writeSpelling(_ spelling: TermDictionary.SpellingWriter, to sink: FileSink,
                              footer: inout SegmentFooter) throws(IndexError) {
        footer.spellingOffset = sink.offset
        footer.spellingCount = spelling.count
        guard let table = spelling.table else {
            throw .io(file: sink.path, message: "a segment's spelling table exceeds the format's 4 GB limit")
        }
        try sink.write(table)
        footer.spellingBytesOffset = sink.offset
        footer.spellingBytesLength = UInt64(spelling.words.count)
        try sink.write(spelling.words)
    }

    static func writeHeader(to sink: FileSink) throws(IndexError) {
        var header = SegmentLayout.magic
        header.appendInteger(SegmentLayout.formatVersion)
        header.appendInteger(PostingsCodec.identifier(forFormat: SegmentLayout.formatVersion))
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
