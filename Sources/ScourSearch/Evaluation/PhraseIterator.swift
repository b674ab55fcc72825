import ScourIndex

/// A phrase (or a sloppy phrase, `"a b"~3`): documents holding all its
/// terms, then those where their positions line up (in the field, when it
/// has one). Positions are read only for documents holding every term.
final class PhraseIterator: MatchIterator {
    // The words' cursors and position lists in buffers the iterator owns:
    // reached through arrays held by the class, every posting paid for
    // exclusivity checks and uniqueness tests (a third of a phrase query).
    private let cursors: UnsafeMutableBufferPointer<PostingsCursor>
    private let positions: UnsafeMutableBufferPointer<[UInt32]>
    private let phrase: PhrasePlan
    private let documentCount: Int
    private let lengths: FieldLengths
    /// Counting the phrase's field only, when it has one.
    private let normalizer: BM25F.Normalizer
    private var currentScore = 0.0
    /// Its rarest word's document frequency.
    private var rarest = 0

    init(_ phrase: PhrasePlan, context: EvaluationContext) {
        self.phrase = phrase
        documentCount = context.segment.documentCount
        lengths = context.lengths
        normalizer = context.normalizer.restricted(to: phrase.field)
        var found: [PostingsCursor] = []
        var rarest = 0
        for term in phrase.terms {
            guard let info = context.segment.lookup(term) else {
                found = []
                break
            }
            found.append(context.segment.postings(info))
            rarest = found.count == 1 ? info.documentFrequency : min(rarest, info.documentFrequency)
        }
        self.rarest = rarest
        cursors = .allocate(capacity: found.count)
        _ = cursors.initialize(from: found)
        positions = .allocate(capacity: found.count)
        positions.initialize(repeating: [])
        super.init()
        if cursors.isEmpty { document = Self.end }
    }

    deinit {
        cursors.deinitialize().deallocate()
        positions.deinitialize().deallocate()
    }

    override func advance(to target: Int) -> Int {
        guard document < target else { return document }
        var candidate = target
        search: while candidate < documentCount {
            // Leapfrog: every cursor on one document.
            var index = 0
            while index < cursors.count {
                guard cursors[index].advance(to: UInt32(candidate)) else { break search }
                let at = Int(cursors[index].document)
                if at > candidate {
                    candidate = at
                    index = 0
                    continue
                }
                index += 1
            }
            if let score = scoreIfMatching(candidate) {
                currentScore = score
                document = candidate
                return candidate
            }
            candidate += 1
        }
        document = Self.end
        return document
    }

    /// The phrase's score in `document` (every cursor on it), or nil when
    /// its terms never line up there.
    private func scoreIfMatching(_ document: Int) -> Double? {
        let lengths = self.lengths.of(document)
        for index in cursors.indices { cursors[index].positions(into: &positions[index]) }
        let starts = PhraseMatcher.matchStarts(UnsafeBufferPointer(positions), slop: phrase.slop)
        var frequencies = FieldCounts()
        for start in starts {
            let field = lengths.field(ofPosition: start)
            if phrase.field == nil || phrase.field == field { frequencies[field] += 1 }
        }
        guard frequencies.total > 0 else { return nil }
        let tf = normalizer.pseudoFrequency(frequencies, lengths: lengths)
        return phrase.idfSum * phrase.boost * normalizer.saturate(tf)
    }

    override func score() -> Double { currentScore }

    override var cost: Int { rarest }

    /// A phrase's frequency has no stored bound: the saturation's limit.
    override var maxScore: Double { phrase.idfSum * phrase.boost * (normalizer.k1 + 1) }

    /// A document holds the phrase in a field at most as often as its
    /// rarest word there, and its field is at least as long as the longest
    /// of the words' shortest lengths: the words' blocks at `document`
    /// bound the phrase's score up to the first of their ends.
    /// (Exact phrases only: a sloppy one may reach across a field's end,
    /// and count in one field words it holds in the next.)
    override func blockBound(at document: Int) -> (bound: Double, last: Int) {
        guard phrase.slop == 0 else { return (maxScore, Int.max) }
        guard !cursors.isEmpty else { return (0, Int.max) }
        var frequencies = FieldCounts(title: .max, headings: .max, body: .max, url: .max)
        var lengths = FieldCounts()
        var last = Int.max
        for cursor in cursors {
            guard let block = cursor.block(reaching: document) else {
                // No skip data for this word (or nothing left of it): no bound from it.
                if cursor.blockCount > 0 { return (0, Int.max) }   // the word ends before the document
                continue
            }
            let entry = cursor.skipEntry(block)
            for field in IndexField.allCases {
                frequencies[field] = min(frequencies[field], entry.maximumFrequencies[field])
                lengths[field] = max(lengths[field], entry.shortestLengths[field])
            }
            last = min(last, Int(entry.lastDocument))
        }
        guard last != Int.max else { return (maxScore, Int.max) }
        for field in IndexField.allCases where frequencies[field] == .max { frequencies[field] = 0 }
        let pseudoFrequency = normalizer.pseudoFrequency(frequencies, lengths: lengths)
        return (min(maxScore, phrase.idfSum * phrase.boost * normalizer.saturate(pseudoFrequency)), last)
    }

    /// Offers this segment's matches to `top`, skipping windows whose
    /// words' blocks cannot beat the k-th score so far.
    func collectTop(into top: inout TopDocuments, base: Int, deleted: DeletedDocuments?) -> (matches: Int, pruned: Bool) {
        Pruning.collect(self, into: &top, base: base, deleted: deleted,
                        windowBound: { self.blockBound(at: $0) }, next: { self.advance(to: $0) }, accepts: { _ in true })
    }
}
