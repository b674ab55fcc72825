import ScourIndex

/// A term and its alternatives (a prefix's or fuzzy term's expansions),
/// optionally in one field: a document matches when any alternative occurs
/// (in the field); it scores as its best alternative.
final class TermGroupIterator: MatchIterator {
    private struct Alternative {
        var cursor: PostingsCursor
        var factor: Double
        var document = -1
    }

    private var alternatives: [Alternative] = []
    private let field: IndexField?
    // What scoring needs, held directly: reaching it through the context
    // retained and released the segment for every document.
    private unowned(unsafe) let segment: SegmentReader
    private let documentCount: Int
    private let scorer: BM25F
    private let normalizer: BM25F.Normalizer

    init(_ group: TermGroup, context: EvaluationContext) {
        field = group.field
        segment = context.segment
        documentCount = context.segment.documentCount
        scorer = context.scorer
        normalizer = context.normalizer
        super.init()
        for alternative in group.alternatives {
            guard let info = context.segment.lookup(alternative.term) else { continue }
            alternatives.append(Alternative(cursor: context.segment.postings(info), factor: alternative.idf * alternative.weight))
        }
    }

    override func advance(to target: Int) -> Int {
        guard document < target else { return document }
        var first = Self.end
        for index in alternatives.indices {
            if alternatives[index].document < target { move(&alternatives[index], to: target) }
            first = min(first, alternatives[index].document)
        }
        document = first
        return first
    }

    /// To the alternative's first posting at or after `target` (in the field).
    private func move(_ alternative: inout Alternative, to target: Int) {
        guard target < documentCount, alternative.cursor.advance(to: UInt32(target)) else {
            alternative.document = Self.end
            return
        }
        if let field {
            while alternative.cursor.frequencies[field] == 0 {
                guard alternative.cursor.next() else {
                    alternative.document = Self.end
                    return
                }
            }
        }
        alternative.document = Int(alternative.cursor.document)
    }

    override func score() -> Double {
        var best: Double?
        let document = document
        let lengths = segment.lengths(of: document)
        for index in alternatives.indices where alternatives[index].document == document {
            let tf = normalizer.pseudoFrequency(alternatives[index].cursor.frequencies, lengths: lengths, only: field)
            let score = alternatives[index].factor * scorer.saturate(tf)
            if best == nil || score > best! { best = score }
        }
        return best ?? 0
    }
}
