import ScourAnalysis

/// Accumulates documents into an in-memory inverted index, ready to be
/// written as one immutable segment by ``SegmentWriter``.
///
/// The title and body share one position space: the title takes positions
/// `0..<titleLength`, the body starts one position later, so a phrase can
/// never match across the two fields and a posting's title frequency is
/// simply the count of its positions below the title length.
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
    /// Stored-field records and their offsets.
    var store: [UInt8] = []
    var storeOffsets: [UInt64] = []
    var lengths: [FieldLengths] = []
    /// Per-document scratch: (term id << 32 | position).
    private var occurrences: [UInt64] = []
    private var positions: [UInt32] = []
    private var postingBytes = 0

    public init(analyzer: Analyzer) {
        box = SessionBox(analyzer.makeSession())
    }

    /// Documents added so far.
    public var documentCount: Int { lengths.count }

    /// A rough measure of the memory held, to decide when to flush.
    public var estimatedBytes: Int { postingBytes + store.count + interner.arena.count + postings.count * 48 }

    /// Analyses and adds one document; its segment-local id is the previous
    /// ``documentCount``.
    public mutating func add(_ document: StoredDocument) {
        let id = UInt32(lengths.count)
        occurrences.removeAll(keepingCapacity: true)
        let titleEnd = analyze(document.title, from: 0)
        let bodyStart = titleEnd + 1
        let bodyEnd = analyze(document.text, from: bodyStart)
        lengths.append(FieldLengths(title: UInt32(titleEnd), body: UInt32(bodyEnd - bodyStart)))

        occurrences.sort()
        var index = 0
        while index < occurrences.count {
            let term = Int(occurrences[index] >> 32)
            positions.removeAll(keepingCapacity: true)
            var titleFrequency: UInt32 = 0
            while index < occurrences.count, Int(occurrences[index] >> 32) == term {
                let position = UInt32(truncatingIfNeeded: occurrences[index])
                if position < UInt32(titleEnd) { titleFrequency += 1 }
                positions.append(position)
                index += 1
            }
            let previous = lastDocument[term]
            let before = postings[term].count
            positions.withUnsafeBufferPointer { positions in
                PostingsCodec.append(
                    document: id, previousDocument: previous < 0 ? nil : UInt32(previous),
                    titleFrequency: titleFrequency, positions: positions, to: &postings[term])
            }
            postingBytes += postings[term].count - before
            lastDocument[term] = Int32(id)
            documentFrequency[term] += 1
        }

        storeOffsets.append(UInt64(store.count))
        store.appendString(document.path)
        store.appendString(document.title)
        store.appendString(document.text)
        store.appendString(document.format)
        store.appendInteger(document.fingerprint)
    }

    private mutating func analyze(_ text: String, from first: Int) -> Int {
        let box = self.box
        return box.session.analyze(text, firstPosition: first) { term, span in
            let id = interner.intern(term)
            if id == postings.count {
                postings.append([])
                lastDocument.append(-1)
                documentFrequency.append(0)
            }
            occurrences.append(UInt64(id) << 32 | UInt64(UInt32(truncatingIfNeeded: span.position)))
        }
    }
}
