import ScourIndex

/// What every matcher of one segment shares: the segment and the scoring.
struct EvaluationContext {
    let segment: SegmentReader
    /// The segment's document lengths, read without reference counting.
    let lengths: FieldLengths
    let scorer: BM25F
    let normalizer: BM25F.Normalizer

    init(segment: SegmentReader, scorer: BM25F, averageLengths: [Double]) {
        self.segment = segment
        lengths = FieldLengths(segment)
        self.scorer = scorer
        normalizer = scorer.normalizer(averageLengths: averageLengths)
    }

    /// The matcher of `node` in this segment.
    func matcher(_ node: PlanNode) -> MatchIterator {
        switch node {
        case .nothing: return EmptyIterator()
        case .terms(let group): return TermGroupIterator(group, context: self)
        case .phrase(let phrase): return PhraseIterator(phrase, context: self)
        case .site(let filter): return SiteIterator(SiteCheck(filter, context: self), documentCount: segment.documentCount)
        case .boolean(let must, let should, let mustNot): return BooleanIterator(must: must, should: should, mustNot: mustNot, context: self)
        }
    }
}

/// A segment's field lengths per document, read without retaining the
/// segment (an `unowned(unsafe)` reference is still retained around each
/// call: a retain and a release per document scored). The matchers that
/// hold one are owned by a search that holds the segment.
struct FieldLengths {
    private let segment: Unmanaged<SegmentReader>

    init(_ segment: SegmentReader) {
        self.segment = .passUnretained(segment)
    }

    @inline(__always)
    func of(_ document: Int) -> FieldCounts {
        segment._withUnsafeGuaranteedRef { $0.lengths(of: document) }
    }
}
