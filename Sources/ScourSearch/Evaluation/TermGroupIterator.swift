import ScourIndex

/// A term and its alternatives (a prefix's or fuzzy term's expansions),
/// optionally in one field: a document matches when any alternative occurs
/// (in the field); it scores as its best alternative.
final class TermGroupIterator: MatchIterator {
    private struct Alternative {
        var cursor: PostingsCursor
        var factor: Double
        var document = -1
        /// The most it scores in the whole list, and per block (with the
        /// block's last document) when the list has skip data.
        var bound = 0.0
        var blockBounds: [Double] = []
        var blockLasts: [Int] = []
        /// The last block whose bound was tightened with its impacts.
        var tightBlock = -1
        var tightBound = 0.0
    }

    private var alternatives: [Alternative] = []
    private let field: IndexField?
    // What scoring needs, held directly: reaching it through the context
    // retained and released the segment for every document.
    private unowned(unsafe) let segment: SegmentReader
    private let documentCount: Int
    private let scorer: BM25F
    private let normalizer: BM25F.Normalizer
    /// The most any match scores, worked out when the matcher is made.
    private var bound = 0.0

    init(_ group: TermGroup, context: EvaluationContext) {
        field = group.field
        segment = context.segment
        documentCount = context.segment.documentCount
        scorer = context.scorer
        normalizer = context.normalizer
        super.init()
        for alternative in group.alternatives {
            guard let info = context.segment.lookup(alternative.term) else { continue }
            let cursor = context.segment.postings(info)
            var entry = Alternative(cursor: cursor, factor: alternative.idf * alternative.weight)
            if cursor.blockCount > 0 {
                for block in 0..<cursor.blockCount {
                    let skip = cursor.skipEntry(block)
                    let pseudoFrequency = normalizer.pseudoFrequency(skip.maximumFrequencies, lengths: skip.shortestLengths, only: field)
                    entry.blockBounds.append(entry.factor * scorer.saturate(pseudoFrequency))
                    entry.blockLasts.append(Int(skip.lastDocument))
                }
                entry.bound = entry.blockBounds.max() ?? 0
            } else {
                entry.bound = entry.factor * saturatedBound(cursor, documentFrequency: info.documentFrequency)
            }
            bound = max(bound, entry.bound)
            alternatives.append(entry)
        }
    }

    /// The most a match at or after `document` and up to the returned last
    /// document can score: the blocks holding `document` bound it, up to
    /// the first of their ends (lists without skip data: their whole bound,
    /// no end).
    override func blockBound(at document: Int) -> (bound: Double, last: Int) {
        var best = 0.0, last = Int.max
        for index in alternatives.indices {
            let lasts = alternatives[index].blockLasts
            guard !lasts.isEmpty else {
                best = max(best, alternatives[index].bound)
                continue
            }
            // The first block ending at or after the document.
            var low = 0, high = lasts.count
            while low < high {
                let middle = (low + high) / 2
                if lasts[middle] < document { low = middle + 1 } else { high = middle }
            }
            guard low < lasts.count else { continue }   // nothing left at or after it
            if alternatives[index].tightBlock != low {
                alternatives[index].tightBlock = low
                alternatives[index].tightBound = tightBound(of: alternatives[index], block: low)
            }
            best = max(best, alternatives[index].tightBound)
            last = min(last, lasts[low])
        }
        return (best, last)
    }

    /// Block `block`'s bound from its impacts: per field the largest share
    /// any of its impacts gives, summed in field order as scores are; the
    /// loose bound when the impacts are damaged.
    private func tightBound(of alternative: Alternative, block: Int) -> Double {
        var shares = SIMD4<Double>(repeating: 0)   // per field, by raw value
        let field = self.field
        let normalizer = self.normalizer
        let intact = alternative.cursor.forEachImpact(ofBlock: block) { impactField, frequency, length in
            guard field == nil || field == impactField else { return }
            let share = normalizer.contribution(of: impactField, frequency: frequency, length: length)
            shares[impactField.rawValue] = max(shares[impactField.rawValue], share)
        }
        guard intact else { return alternative.blockBounds[block] }
        var pseudoFrequency = 0.0
        for field in IndexField.allCases { pseudoFrequency += shares[field.rawValue] }   // field order, as scored
        return min(alternative.blockBounds[block], alternative.factor * scorer.saturate(pseudoFrequency))
    }

    /// The largest saturated frequency postings without skip data can give:
    /// read from a term in one block; for a longer list (an older segment),
    /// the saturation's limit.
    private func saturatedBound(_ cursor: PostingsCursor, documentFrequency: Int) -> Double {
        var pseudoFrequency = 0.0
        if documentFrequency <= PostingsSkips.blockSize {
            var reading = cursor
            while reading.next() {
                pseudoFrequency = max(pseudoFrequency, normalizer.pseudoFrequency(
                    reading.frequencies, lengths: segment.lengths(of: Int(reading.document)), only: field))
            }
        } else {
            return scorer.k1 + 1
        }
        return scorer.saturate(pseudoFrequency)
    }

    override var maxScore: Double { bound }

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

    /// Offers this segment's matches to `top`, skipping the blocks whose
    /// bound cannot beat the k-th score so far (a one-word query over a
    /// common word: most of its blocks). Returns the matches seen, and
    /// whether any block was skipped (then that count is a lower bound).
    func collectTop(into top: inout TopDocuments, base: Int, deleted: DeletedDocuments?) -> (matches: Int, pruned: Bool) {
        Pruning.collect(self, into: &top, base: base, deleted: deleted,
                        windowBound: { self.blockBound(at: $0) }, next: { self.advance(to: $0) }, accepts: { _ in true })
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
