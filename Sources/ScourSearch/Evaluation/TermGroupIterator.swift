import ScourIndex

/// A term and its alternatives (a prefix's or fuzzy term's expansions),
/// optionally in one field: a document matches when any alternative occurs
/// (in the field); it scores as its best alternative.
///
/// The alternatives' postings live in a buffer this matcher owns (see
/// ``TermPostings``); a plain word is a buffer of one.
final class TermGroupIterator: MatchIterator {
    /// The alternatives this segment holds.
    private let alternatives: UnsafeMutableBufferPointer<TermPostings>
    private let lengths: FieldLengths
    /// The most any match scores, worked out when the matcher is made.
    private let bound: Double

    /// Without `bounded`, no bounds are worked out (they cost a pass over
    /// the skip entries): every bound is infinite, and nothing prunes.
    init(_ group: TermGroup, context: EvaluationContext, bounded: Bool = true) {
        let segment = context.segment
        var found: [TermPostings] = []
        for alternative in group.alternatives {
            guard let info = segment.lookup(alternative.term) else { continue }
            found.append(TermPostings(info, factor: alternative.idf * alternative.weight, field: group.field,
                                      segment: segment, normalizer: context.normalizer, bounded: bounded))
        }
        alternatives = .allocate(capacity: found.count)
        _ = alternatives.initialize(from: found)
        lengths = context.lengths
        bound = found.reduce(0) { max($0, $1.bound) }
        super.init()
        if found.isEmpty { document = Self.end }
    }

    deinit {
        for index in alternatives.indices { alternatives[index].release() }
        alternatives.baseAddress?.deinitialize(count: alternatives.count)
        alternatives.deallocate()
    }

    /// The most a match at or after `document` and up to the returned last
    /// document can score: the blocks holding `document` bound it, up to
    /// the first of their ends (lists without skip data: their whole bound,
    /// no end).
    override func blockBound(at document: Int) -> (bound: Double, last: Int) {
        var best = 0.0, last = Int.max
        for index in alternatives.indices {
            let (bound, end) = alternatives[index].blockBound(at: document)
            best = max(best, bound)
            last = min(last, end)
        }
        return (best, last)
    }

    override var maxScore: Double { bound }

    override var cost: Int { alternatives.reduce(0) { $0 + $1.documentFrequency } }

    override func advance(to target: Int) -> Int {
        guard document < target else { return document }
        if alternatives.count == 1 {   // a plain word
            document = alternatives[0].advance(to: target)
            return document
        }
        var first = Self.end
        for index in alternatives.indices { first = min(first, alternatives[index].advance(to: target)) }
        document = first
        return first
    }

    /// Offers this segment's matches to `top`, skipping the blocks whose
    /// bound cannot beat the k-th score so far (a one-word query over a
    /// common word: most of its blocks). Returns the matches seen, and
    /// whether any block was skipped (then that count is a lower bound).
    func collectTop(into top: inout TopDocuments, base: Int, deleted: DeletedDocuments?) -> (matches: Int, pruned: Bool) {
        Pruning.collect(self, into: &top, base: base, deleted: deleted,
                        windowBound: { self.blockBound(at: $0) }, next: { self.advance(to: $0) }, accepts: { _ in true })
    }

    override func score() -> Double {
        score(lengths: self.lengths.of(document))
    }

    /// The current match's score, given its field lengths: its best
    /// alternative's.
    override func score(lengths: FieldCounts) -> Double {
        if alternatives.count == 1 { return alternatives[0].score(lengths: lengths) }   // a plain word, on the match
        let document = document
        var best = 0.0
        for index in alternatives.indices where alternatives[index].document == document {
            best = max(best, alternatives[index].score(lengths: lengths))
        }
        return best
    }
}
