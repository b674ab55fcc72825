import ScourIndex

/// What every matcher of one segment shares: the segment and the scoring.
struct EvaluationContext {
    let segment: SegmentReader
    let scorer: BM25F
    let normalizer: BM25F.Normalizer

    init(segment: SegmentReader, scorer: BM25F, averageLengths: [Double]) {
        self.segment = segment
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
