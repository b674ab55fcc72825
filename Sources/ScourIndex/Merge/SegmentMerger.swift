import Foundation
import ScourPrimitives
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Merges segments into one new segment, leaving out deleted documents for
/// good (Lucene's `SegmentMerger`, tantivy's `IndexMerger`).
///
/// The merged segment holds the inputs' live documents in input order —
/// input by input, each in ascending local id — renumbered densely from 0,
/// so global document order is kept when the merged segment takes the
/// place of its first input. It is a normal segment in the current format:
/// the same file that ``SegmentWriter`` would write for a ``SegmentBuilder``
/// fed the live documents in that order, except for the spelling
/// dictionary (below).
///
/// **Streaming.** Memory does not grow with the postings or the stored text:
///
/// - header, then the store (``StoreBlocks``): the live bodies packed into
///   new compressed blocks (``StoreBlockWriter``), one input block
///   decompressed at a time (``StoreRecords``), written out in chunks of
///   about 1 MB; a format-6 input block whose bodies are all live and that
///   is at least half full is copied byte for byte, without decompressing
///   it. Then a second pass over the inputs copies the live heads, in
///   chunks too. Each live document's body address and head offset are
///   kept (16 bytes a document) for the documents table, which comes next,
///   streamed;
/// - the postings: a k-way merge of the inputs' sorted term dictionaries
///   (``ByteOrder/firstSource(among:current:)``); for each term, the
///   inputs' postings in input order, deleted documents skipped, each live
///   one re-encoded with its new id through ``PostingsCodec`` (positions
///   decoded and re-encoded, so the codec stays the one place that knows
///   the layout) and written out in chunks of at most about 1 MB, so one
///   very common term does not need its whole list in memory. A term
///   whose documents are all deleted is dropped;
/// - then the term table and the term bytes, and the spelling dictionary:
///   these are the dictionaries (24 bytes per term plus its bytes, 12 per
///   spelling word plus its bytes), which is what stays in memory (as in
///   ``SegmentWriter``), together with one `Int32` per input document (its
///   new id), two `UInt64` per live document (its body address and head
///   offset), one decompressed store block and the 1 MB write buffers;
/// - the footer, with field token totals over the live documents, and the
///   CRC of the whole file (``FileSink``).
///
/// Sections are in a different order from ``SegmentWriter``'s (the store
/// before the documents table, whose entries need the heads' offsets and
/// the bodies' addresses; postings before the term table, whose entries
/// need the postings' offsets and lengths): readers find every section
/// through the footer.
///
/// **Spelling dictionary.** Words are merged and their document
/// frequencies summed. What a deleted document contributed cannot be taken
/// out without analysing its text again, so the frequencies still count
/// deleted documents of inputs that have live ones, and a word that only
/// such deleted documents held stays (an input with no live document
/// contributes nothing). The merged counts keep that excess in later merges
/// too; only a full rebuild (`scour index --full`) recounts them. Counts
/// only rank suggestions, so this makes them slightly stale, never wrong
/// results.
///
/// **Older inputs** are upgraded: records of formats 3 to 5 are split into
/// a head and a body byte for byte (``StoredDocument/splitRecord(_:hasIdentity:head:body:)``),
/// format-3 heads given empty aliases, location and source; the site
/// terms format 3 lacked are derived from the stored URLs (see
/// ``SiteTerms``), so `site:` finds them by lookup in the merged segment.
/// This keeps the site terms of a format-3 input's live documents in
/// memory: a few short terms and one `UInt32` per document and domain level.
///
/// Each input's whole file is checked against its CRC before anything is
/// copied, so damage is not carried into a file with a fresh checksum.
public enum SegmentMerger {
    /// One segment to merge and the documents of it to leave out.
    public struct Input: Sendable {
        public var segment: SegmentReader
        /// Deleted documents of ``segment``; nil when none.
        public var deletions: DeletedDocuments?

        public init(segment: SegmentReader, deletions: DeletedDocuments? = nil) {
            self.segment = segment
            self.deletions = deletions
        }
    }

    /// Merges the live documents of `inputs` into a new segment at `path`
    /// and returns what the manifest records of it (its checksum included).
    /// The file is complete and fsynced on return; on failure it is removed.
    @discardableResult
    public static func merge(_ inputs: [Input], to path: String) throws(IndexError) -> SegmentInfo {
        try merge(inputs, to: path, chunkSize: 1 << 20)
    }

    /// ``merge(_:to:)`` writing in chunks of about `chunkSize` bytes (tests
    /// use tiny chunks so that a term's postings span several).
    static func merge(_ inputs: [Input], to path: String, chunkSize: Int) throws(IndexError) -> SegmentInfo {
        for input in inputs { try check(input) }
        // Creating the merge creates the file, last: a failure before that
        // leaves whatever was at `path` alone.
        var merge = try SegmentMerge(inputs: inputs, path: path, chunkSize: chunkSize)
        do throws(IndexError) {
            return try merge.run()
        } catch {
            unlink(path)
            throw error
        }
    }

    /// Checks that the deletions belong to the segment and that the
    /// segment's bytes match its CRC.
    private static func check(_ input: Input) throws(IndexError) {
        let segment = input.segment
        if let deletions = input.deletions, deletions.documentCount != segment.documentCount {
            throw .corrupted(file: segment.path, reason: "its deletions are for \(deletions.documentCount) documents, it has \(segment.documentCount)")
        }
        try segment.verifyChecksum()
    }
}

/// One run of ``SegmentMerger/merge(_:to:)``: the output file and what is
/// known of it so far.
private struct SegmentMerge {
    let inputs: [SegmentMerger.Input]
    let path: String
    let sink: FileSink
    /// Per input, the merged id of each of its documents, -1 when deleted.
    let newIDs: [[Int32]]
    /// Per input, its live documents' site terms when its format lacks them.
    let derivedSiteTerms: [DerivedSiteTerms?]
    var footer = SegmentFooter()
    /// The merged term dictionary, kept for the spelling words' merge-join.
    var dictionary = TermDictionary.Writer()
    /// Each live document's body address and head offset in the merged
    /// store, in merged order: the store is written before the documents
    /// table, which needs them.
    var bodyAddresses: [UInt64] = []
    var headOffsets: [UInt64] = []
    /// Bytes written since the inputs' pages were last released.
    var writtenSinceRelease = 0
    /// How often (in bytes written) the inputs' resident pages are released.
    static let releaseInterval = 32 << 20
    /// Bytes waiting to be written, flushed at ``chunkSize``.
    var chunk: [UInt8] = []
    let chunkSize: Int

    init(inputs: [SegmentMerger.Input], path: String, chunkSize: Int) throws(IndexError) {
        self.inputs = inputs
        self.chunkSize = chunkSize
        self.path = path
        var next = 0
        var newIDs: [[Int32]] = []
        for input in inputs {
            var ids = [Int32](repeating: -1, count: input.segment.documentCount)
            for id in ids.indices where input.deletions?.contains(id) != true {
                ids[id] = Int32(truncatingIfNeeded: next)
                next += 1
            }
            newIDs.append(ids)
        }
        guard next < Int(Int32.max) else { throw .io(file: path, message: "a merged segment cannot hold \(next) documents") }
        self.newIDs = newIDs
        var derived: [DerivedSiteTerms?] = []
        for (input, ids) in zip(inputs, newIDs) {
            derived.append(input.segment.hasSiteTerms ? nil : try DerivedSiteTerms(of: input.segment, newIDs: ids))
        }
        derivedSiteTerms = derived
        footer.documentCount = UInt32(next)
        sink = try FileSink(path: path)  // last: nothing after it throws
        chunk.reserveCapacity(min(chunkSize, 1 << 20) + (1 << 16))
    }

    mutating func run() throws(IndexError) -> SegmentInfo {
        try SegmentWriter.writeHeader(to: sink)
        try writeStore()
        try writeDocumentTable()
        try writePostingsAndTerms()
        try writeSpelling()
        return try SegmentWriter.finish(sink, footer: footer, path: path)
    }

    // MARK: Documents

    /// The store (see ``StoreBlocks``): the live documents' bodies, in
    /// input order, packed into new compressed blocks; then their heads,
    /// copied one by one. Each one's body address and head offset are kept
    /// for the documents table.
    mutating func writeStore() throws(IndexError) {
        footer.storeOffset = sink.offset
        try writeBodies()
        let blocksLength = sink.offset - footer.storeOffset
        guard blocksLength < StoreBlocks.maximumStoreBytes else {
            throw .io(file: path, message: "a merged segment's store exceeds the format's \(StoreBlocks.maximumStoreBytes >> 40) TB limit")
        }
        try writeHeads()
        footer.storeLength = sink.offset - footer.storeOffset
        try sink.align()
    }

    /// The live bodies, packed into new compressed blocks
    /// (``StoreBlockWriter``), each one's address kept. A block of a
    /// format-6 input whose bodies are all live and that is at least half
    /// full is copied byte for byte instead, without decompressing it.
    private mutating func writeBodies() throws(IndexError) {
        var store = StoreBlockWriter()
        bodyAddresses.reserveCapacity(Int(footer.documentCount))
        for (input, ids) in zip(inputs, newIDs) {
            let segment = input.segment
            var records = StoreRecords(segment)
            var id = 0
            while id < ids.count {
                if let copied = try copyWholeBlock(startingAt: id, of: segment, ids: ids, into: &store) {
                    id += copied
                } else {
                    if ids[id] >= 0 { bodyAddresses.append(try records.withBody(id) { store.add($0) }) }
                    id += 1
                }
                if store.output.count >= chunkSize {
                    swap(&chunk, &store.output)
                    try flush()
                }
            }
        }
        store.flush()
        swap(&chunk, &store.output)
        try flush()
    }

    /// The live heads, after the blocks, in input order: copied as they are
    /// from a format-6 input, split from an older one's records. Each one's
    /// offset in the store is the running sum of those before it.
    private mutating func writeHeads() throws(IndexError) {
        headOffsets.reserveCapacity(Int(footer.documentCount))
        for (input, ids) in zip(inputs, newIDs) {
            var records = StoreRecords(input.segment)
            for id in ids.indices where ids[id] >= 0 {
                headOffsets.append(sink.offset + UInt64(chunk.count) - footer.storeOffset)
                try records.withHead(id) { chunk.append(contentsOf: $0) }
                try flushIfFull()
            }
        }
        try flush()
    }

    /// When document `id` of `segment` opens a compressed block whose
    /// bodies are all live and that is at least half full: the block
    /// copied into `store`, its documents' body addresses noted, and how
    /// many documents it holds. Nil otherwise (the bodies are then re-packed).
    private mutating func copyWholeBlock(startingAt id: Int, of segment: SegmentReader, ids: [Int32],
                                         into store: inout StoreBlockWriter) throws(IndexError) -> Int? {
        guard segment.hasCompressedStore, ids[id] >= 0 else { return nil }
        let first = try segment.bodyLocation(of: id)
        guard first.start == 0, first.block.uncompressedCount >= StoreBlocks.targetSize / 2 else { return nil }
        var starts = [first.start]
        var next = id + 1
        while next < ids.count, StoreBlocks.split(segment.bodyAddress(of: next)).block == first.block.offset {
            guard ids[next] >= 0 else { return nil }
            // Checks that the body lies inside the block, after the one before.
            starts.append(try segment.bodyLocation(of: next).start)
            next += 1
        }
        let offset = store.copy(first.block)
        for start in starts { bodyAddresses.append(StoreBlocks.address(block: offset, offset: start)) }
        return starts.count
    }

    /// Each live document's head offset and body address (from
    /// ``writeStore()``) and field lengths; the field totals.
    mutating func writeDocumentTable() throws(IndexError) {
        footer.documentsOffset = sink.offset
        var merged = 0
        for (input, ids) in zip(inputs, newIDs) {
            let segment = input.segment
            for id in ids.indices where ids[id] >= 0 {
                chunk.appendInteger(headOffsets[merged])
                chunk.appendInteger(bodyAddresses[merged])
                chunk.appendInteger(try segment.publicationDateFromTable(of: id))
                merged += 1
                let lengths = segment.lengths(of: id)
                for field in IndexField.allCases {
                    chunk.appendInteger(lengths[field])
                    footer.fieldTokens[field.rawValue] += UInt64(lengths[field])
                }
                try flushIfFull()
            }
        }
        try flush()
    }

    // MARK: Terms and postings

    /// One sorted term list taking part in the k-way merge: an input's
    /// dictionary, or the site terms derived for an input without them.
    struct TermSource {
        let input: Int
        let derived: DerivedSiteTerms?
        let count: Int
        var index = 0
    }

    mutating func writePostingsAndTerms() throws(IndexError) {
        var sources: [TermSource] = []
        for (input, item) in inputs.enumerated() {
            sources.append(TermSource(input: input, derived: nil, count: item.segment.termCount))
            if let derived = derivedSiteTerms[input] {
                sources.append(TermSource(input: input, derived: derived, count: derived.count))
            }
        }
        func current(_ source: Int) -> UnsafeRawBufferPointer? {
            let source = sources[source]
            guard source.index < source.count else { return nil }
            if let derived = source.derived { return derived.term(at: source.index) }
            return inputs[source.input].segment.term(at: source.index)
        }

        footer.postingsOffset = sink.offset
        var positions: [UInt32] = []
        var encoder = PostingsEncoder()
        var group: [Int] = []
        while let (first, term) = ByteOrder.firstSource(among: sources.count, current: current) {
            // Sources are in input order, so the new ids of a term's
            // postings ascend from one source to the next.
            group.removeAll(keepingCapacity: true)
            group.append(first)
            for other in (first + 1)..<sources.count {
                if let candidate = current(other), ByteOrder.compare(candidate, term) == 0 { group.append(other) }
            }
            let start = sink.offset + UInt64(chunk.count)
            encoder.reset()
            for index in group {
                let source = sources[index]
                let ids = newIDs[source.input]
                if let derived = source.derived {
                    var frequencies = FieldCounts()
                    frequencies.url = 1
                    for document in derived.documents(at: source.index) {
                        // Site terms filter, they never score: no lengths needed.
                        guard encoder.add(document: document, frequencies: frequencies,
                                          positions: UnsafeBufferPointer(start: nil, count: 0), lengths: FieldCounts())
                        else {
                            throw .corrupted(file: inputs[source.input].segment.path, reason: "its derived site terms are out of order")
                        }
                    }
                    continue
                }
                let segment = inputs[source.input].segment
                let site = term.first == SiteTerms.markerByte
                var cursor = segment.postings(segment.termInfo(at: source.index))
                while cursor.next() {
                    let id = ids[Int(cursor.document)]
                    guard id >= 0 else { continue }
                    cursor.positions(into: &positions)
                    let added = positions.withUnsafeBufferPointer { positions in
                        encoder.add(document: UInt32(id), frequencies: cursor.frequencies, positions: positions,
                                    lengths: site ? FieldCounts() : segment.lengths(of: Int(cursor.document)))
                    }
                    guard added else {
                        throw .corrupted(file: segment.path, reason: "the postings of term \(source.index) are inconsistent")
                    }
                    // Positions come first in the region: what is written
                    // of them can go out while the documents are gathered.
                    if encoder.pendingPositionsBytes >= chunkSize {
                        encoder.drainPositions(into: &chunk)
                        try flushIfFull()
                    }
                }
                if cursor.isDamaged {
                    throw .corrupted(file: segment.path, reason: "the postings of term \(source.index) are damaged")
                }
            }
            let documentFrequency = UInt32(encoder.documentFrequency)
            if documentFrequency > 0 {
                guard encoder.fits else {
                    throw .io(file: path, message: "a merged segment's dictionary exceeds the format's 4 GB limits")
                }
                encoder.finish(into: &chunk)
                let length = sink.offset + UInt64(chunk.count) - start
                guard length <= UInt64(UInt32.max),
                      dictionary.add(term, documentFrequency: documentFrequency, postingsStart: start - footer.postingsOffset)
                else {
                    throw .io(file: path, message: "a merged segment's dictionary exceeds the format's 4 GB limits")
                }
                footer.termCount += 1
            }
            for index in group {
                let before = current(index)!
                sources[index].index += 1
                if let after = current(index), ByteOrder.compare(before, after) >= 0 {
                    throw .corrupted(file: inputs[sources[index].input].segment.path, reason: "its terms are out of order")
                }
            }
        }
        try flush()
        footer.postingsLength = sink.offset - footer.postingsOffset
        try sink.align()

        try SegmentWriter.writeTerms(dictionary, to: sink, footer: &footer)
    }

    // MARK: Spelling dictionary

    /// The inputs' spelling dictionaries merged, frequencies summed; inputs
    /// without live documents left out.
    mutating func writeSpelling() throws(IndexError) {
        let segments = zip(inputs, newIDs).filter { $0.1.contains { $0 >= 0 } }.map(\.0.segment)
        var next = [Int](repeating: 0, count: segments.count)
        func current(_ source: Int) -> UnsafeRawBufferPointer? {
            next[source] < segments[source].spellingCount ? segments[source].spellingWord(at: next[source]) : nil
        }
        var spelling = TermDictionary.SpellingWriter()
        while let (first, word) = ByteOrder.firstSource(among: segments.count, current: current) {
            var frequency: UInt64 = 0
            for source in first..<segments.count {
                guard let candidate = current(source), ByteOrder.compare(candidate, word) == 0 else { continue }
                frequency += UInt64(segments[source].spellingFrequency(at: next[source]))
                next[source] += 1
                if let after = current(source), ByteOrder.compare(candidate, after) >= 0 {
                    throw .corrupted(file: segments[source].path, reason: "its spelling dictionary is out of order")
                }
            }
            guard spelling.add(word, frequency: UInt32(min(frequency, UInt64(UInt32.max))), terms: dictionary) else {
                throw .io(file: path, message: "a merged segment's spelling dictionary exceeds the format's 2 GB limit")
            }
        }
        try SegmentWriter.writeSpelling(spelling, to: sink, footer: &footer)
    }

    // MARK: Output

    private mutating func flushIfFull() throws(IndexError) {
        if chunk.count >= chunkSize { try flush() }
    }

    private mutating func flush() throws(IndexError) {
        guard !chunk.isEmpty else { return }
        try sink.write(chunk)
        writtenSinceRelease += chunk.count
        chunk.removeAll(keepingCapacity: true)
        if writtenSinceRelease >= Self.releaseInterval {
            // The inputs are read front to back: what was read stays in the
            // page cache, not in this process's resident size.
            for input in inputs { input.segment.file.releaseResidentPages() }
            writtenSinceRelease = 0
        }
    }
}
