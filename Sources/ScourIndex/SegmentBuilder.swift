import ScourAnalysis

/// Accumulates documents into an in-memory inverted index, ready to be
/// written as one immutable segment by ``SegmentWriter``.
///
/// Each document's fields are analysed into one position space (see
/// ``IndexField``), so a posting's positions say both where a term occurs
/// and in which field. Alongside the index terms, the builder counts the
/// documents each *surface* word (folded but unstemmed) occurs in: the
/// spelling dictionary that "did you mean" suggestions come from.
public struct SegmentBuilder {
    /// Boxed so the analysis callback can mutate the builder's own fields
    /// while the session runs, without copying the session's caches.
    private final class SessionBox {
        var session: AnalysisSession
        init(_ session: AnalysisSession) { self.session = session }
    }
    private let box: SessionBox
    var interner = TermInterner()
    /// Encoded postings per term id.
    var postings: [[UInt8]] = []
    var lastDocument: [Int32] = []
    var documentFrequency: [UInt32] = []
    /// Surface words and the documents they occur in.
    var surfaces = TermInterner()
    var surfaceFrequency: [UInt32] = []
    private var surfaceLastDocument: [Int32] = []
    /// Surface id of each term whose surface form is the term itself (an
    /// unstemmed word, a CJK bigram), so most tokens skip the second hash.
    private var termSurface: [Int32] = []
    /// The documents' bodies (text, headings), packed into compressed
    /// blocks as they come, and each one's address in them.
    var store = StoreBlockWriter()
    var bodyAddresses: [UInt64] = []
    /// The documents' heads (every other stored field, see
    /// ``StoreBlocks``), uncompressed, one after another, and where each
    /// one starts in them.
    var heads: [UInt8] = []
    var headOffsets: [UInt64] = []
    var lengths: [FieldCounts] = []
    /// Each document's publication date (``PublicationDate``).
    var dates: [UInt32] = []
    /// Per-document scratch: (term id << 32 | position), in token order.
    private var occurrences: [UInt64] = []
    /// Per-document grouping by term (a counting sort: linear, no comparison
    /// sort of every token): the document's distinct terms, each one's slot,
    /// and the positions laid out slot by slot.
    private var slotDocument: [Int32] = []
    private var slotOfTerm: [Int32] = []
    private var documentTerms: [Int32] = []
    private var slotStarts: [Int32] = []
    private var grouped: [UInt32] = []
    private var postingBytes = 0

    public init(analyzer: Analyzer) {
        box = SessionBox(analyzer.makeSession(cachingStems: true))
    }

    /// Documents added so far.
    public var documentCount: Int { lengths.count }

    /// A rough measure of the memory held, to decide when to flush.
    public var estimatedBytes: Int {
        postingBytes + store.output.count + StoreBlocks.targetSize + heads.count + interner.arena.count + surfaces.arena.count + postings.count * 48
    }

    /// Analyses and adds one document; its segment-local id is the previous
    /// ``documentCount``.
    public mutating func add(_ document: StoredDocument) {
        let id = UInt32(lengths.count)
        occurrences.removeAll(keepingCapacity: true)
        var fieldLengths = FieldCounts()
        var next = 0
        for field in IndexField.positionOrder {
            let text: String
            switch field {
            case .title: text = document.title
            case .headings: text = document.headings.joined(separator: "\n")
            case .url: text = document.urlWords
            case .body: text = document.text
            }
            let end = analyze(text, from: next, document: id, spelling: field != .url)
            fieldLengths[field] = UInt32(end - next)
            next = end + 1
        }
        lengths.append(fieldLengths)
        addSiteTerms(of: document, id: id)

        // Count each distinct term's occurrences, then lay their positions
        // out slot by slot.
        documentTerms.removeAll(keepingCapacity: true)
        slotStarts.removeAll(keepingCapacity: true)
        for occurrence in occurrences {
            let term = Int(occurrence >> 32)
            if slotDocument[term] != Int32(id) {
                slotDocument[term] = Int32(id)
                slotOfTerm[term] = Int32(documentTerms.count)
                documentTerms.append(Int32(term))
                slotStarts.append(0)
            }
            slotStarts[Int(slotOfTerm[term])] += 1
        }
        var running: Int32 = 0
        for slot in slotStarts.indices {
            let count = slotStarts[slot]
            slotStarts[slot] = running
            running += count
        }
        slotStarts.append(running)
        if grouped.count < occurrences.count { grouped = [UInt32](repeating: 0, count: occurrences.count * 2) }
        var fill = slotStarts
        for occurrence in occurrences {
            let slot = Int(slotOfTerm[Int(occurrence >> 32)])
            grouped[Int(fill[slot])] = UInt32(truncatingIfNeeded: occurrence)
            fill[slot] += 1
        }

        for (slot, term32) in documentTerms.enumerated() {
            let term = Int(term32)
            let range = Int(slotStarts[slot])..<Int(slotStarts[slot + 1])
            var frequencies = FieldCounts()
            var ordered = true
            var last: UInt32 = 0
            for index in range {
                let position = grouped[index]
                frequencies[fieldLengths.field(ofPosition: position)] += 1
                if index > range.lowerBound && position < last { ordered = false }
                last = position
            }
            // Joined compounds come after their parts with an earlier position.
            if !ordered { grouped[range].sort() }
            let previous = lastDocument[term]
            let before = postings[term].count
            grouped.withUnsafeBufferPointer { all in
                PostingsCodec.append(
                    document: id, previousDocument: previous < 0 ? nil : UInt32(previous),
                    frequencies: frequencies, positions: UnsafeBufferPointer(rebasing: all[range]), to: &postings[term])
            }
            postingBytes += postings[term].count - before
            lastDocument[term] = Int32(id)
            documentFrequency[term] += 1
        }

        bodyAddresses.append(store.add(document))
        headOffsets.append(UInt64(heads.count))
        dates.append(PublicationDate.number(document.date))
        document.appendHead(to: &heads)
    }

    /// Posts the document's site terms (see ``SiteTerms``) in the url field:
    /// frequency 1, no positions, not counted in the field's length, so
    /// BM25F lengths, phrases and highlights are as if they were absent.
    /// Document ids only grow, so each term's postings stay in order.
    private mutating func addSiteTerms(of document: StoredDocument, id: UInt32) {
        let terms = SiteTerms.terms(forURLs: document.aliases.isEmpty ? [document.url] : [document.url] + document.aliases)
        guard !terms.isEmpty else { return }
        var frequencies = FieldCounts()
        frequencies.url = 1
        for var term in terms {
            let termID = term.withUTF8 { internTerm($0) }
            let previous = lastDocument[termID]
            let before = postings[termID].count
            PostingsCodec.append(
                document: id, previousDocument: previous < 0 ? nil : UInt32(previous),
                frequencies: frequencies, positions: UnsafeBufferPointer(start: nil, count: 0), to: &postings[termID])
            postingBytes += postings[termID].count - before
            lastDocument[termID] = Int32(id)
            documentFrequency[termID] += 1
        }
    }

    /// The id of `term`, growing the per-term arrays for a new one.
    @inline(__always)
    private mutating func internTerm(_ term: UnsafeBufferPointer<UInt8>) -> Int {
        let id = interner.intern(term)
        if id == postings.count {
            postings.append([])
            lastDocument.append(-1)
            documentFrequency.append(0)
            termSurface.append(-1)
            slotDocument.append(-1)
            slotOfTerm.append(0)
        }
        return id
    }

    private mutating func analyze(_ text: String, from first: Int, document: UInt32, spelling: Bool) -> Int {
        let box = self.box
        var text = text
        return text.withUTF8 { utf8 in
            box.session.analyzeWithSurface(utf8, firstPosition: first) { term, surface, span in
                let id = internTerm(term)
                occurrences.append(UInt64(id) << 32 | UInt64(UInt32(truncatingIfNeeded: span.position)))
                // An empty surface (a Han character taken out of a longer
                // run) is no word for the spelling dictionary.
                guard spelling, surface.count > 0 else { return }
                if surface.baseAddress == term.baseAddress {
                    // The analyzer passes the same buffer when nothing was stemmed.
                    var surfaceID = Int(termSurface[id])
                    if surfaceID < 0 {
                        surfaceID = internSurface(surface)
                        termSurface[id] = Int32(surfaceID)
                    }
                    countSurface(surfaceID, document: document)
                } else {
                    countSurface(internSurface(surface), document: document)
                }
            }
        }
    }

    @inline(__always)
    private mutating func internSurface(_ surface: UnsafeBufferPointer<UInt8>) -> Int {
        let id = surfaces.intern(surface)
        if id == surfaceFrequency.count {
            surfaceFrequency.append(0)
            surfaceLastDocument.append(-1)
        }
        return id
    }

    @inline(__always)
    private mutating func countSurface(_ id: Int, document: UInt32) {
        if surfaceLastDocument[id] != Int32(document) {
            surfaceLastDocument[id] = Int32(document)
            surfaceFrequency[id] += 1
        }
    }
}
