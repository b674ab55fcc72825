import ScourIndex
@testable import ScourSearch

/// The exhaustive evaluator Scour used before document-at-a-time matching,
/// kept as the reference the matchers are checked against: it scores every
/// document of a segment for every node, in dense arrays, and so is simple
/// enough to trust.
///
/// Which documents of one segment a plan node matches, with their scores.
struct SegmentMatches {
    var scores: [Double]
    var matched: [Bool]

    init(count: Int) {
        scores = [Double](repeating: 0, count: count)
        matched = [Bool](repeating: false, count: count)
    }
}

/// Evaluates a ``PlanNode`` against one segment.
struct PlanEvaluator {
    let segment: SegmentReader
    let scorer: BM25F
    let normalizer: BM25F.Normalizer
    private var positions: [[UInt32]] = []

    init(segment: SegmentReader, scorer: BM25F, averageLengths: [Double]) {
        self.segment = segment
        self.scorer = scorer
        normalizer = scorer.normalizer(averageLengths: averageLengths)
    }

    mutating func evaluate(_ node: PlanNode) -> SegmentMatches {
        switch node {
        case .nothing:
            return SegmentMatches(count: segment.documentCount)
        case .terms(let group):
            return evaluate(group)
        case .phrase(let phrase):
            return evaluate(phrase)
        case .boolean(let must, let should, let mustNot):
            return evaluate(must: must, should: should, mustNot: mustNot)
        case .site(let filter):
            var result = SegmentMatches(count: segment.documentCount)
            result.matched = [Bool](repeating: true, count: segment.documentCount)
            apply(filter, to: &result.matched, keep: true)
            return result
        }
    }

    /// Narrows `candidates` to the documents `filter` passes (`keep`) or
    /// fails (`keep == false`, for `-site:`).
    ///
    /// With site terms (format 4) this walks the domains' postings: one
    /// mask per filter and segment, nothing per posting. A format-3 segment
    /// has none, so each remaining candidate's stored URL is read and its
    /// host compared — one short string per candidate, only for old segments.
    private func apply(_ filter: SiteFilter, to candidates: inout [Bool], keep: Bool) {
        if segment.hasSiteTerms {
            var passes = [Bool](repeating: false, count: segment.documentCount)
            for domain in filter.domains {
                guard let info = segment.lookup(SiteTerms.term(forDomain: domain)) else { continue }
                var cursor = segment.postings(info)
                while cursor.next() { passes[Int(cursor.document)] = true }
            }
            for d in candidates.indices where candidates[d] && passes[d] != keep { candidates[d] = false }
            return
        }
        for d in candidates.indices where candidates[d] {
            let host = (try? segment.storedURL(of: d)).flatMap(SiteTerms.host(of:))
            let passes = host.map { host in
                filter.domains.contains { host == $0 || host.hasSuffix("." + $0) }
            } ?? false
            if passes != keep { candidates[d] = false }
        }
    }

    private func evaluate(_ group: TermGroup) -> SegmentMatches {
        var result = SegmentMatches(count: segment.documentCount)
        for alternative in group.alternatives {
            guard let info = segment.lookup(alternative.term) else { continue }
            var cursor = segment.postings(info)
            let factor = alternative.idf * alternative.weight
            while cursor.next() {
                let document = Int(cursor.document)
                if let field = group.field, cursor.frequencies[field] == 0 { continue }
                let tf = normalizer.pseudoFrequency(cursor.frequencies, lengths: segment.lengths(of: document), only: group.field)
                let score = factor * scorer.saturate(tf)
                if !result.matched[document] || score > result.scores[document] {
                    result.scores[document] = score
                }
                result.matched[document] = true
            }
        }
        return result
    }

    /// Intersects the phrase's postings, then checks positions.
    private mutating func evaluate(_ phrase: PhrasePlan) -> SegmentMatches {
        var result = SegmentMatches(count: segment.documentCount)
        var cursors: [PostingsCursor] = []
        for term in phrase.terms {
            guard let info = segment.lookup(term) else { return result }
            cursors.append(segment.postings(info))
        }
        if positions.count < cursors.count { positions = [[UInt32]](repeating: [], count: cursors.count) }
        var target: UInt32 = 0
        search: while true {
            var index = 0
            while index < cursors.count {
                guard cursors[index].advance(to: target) else { break search }
                if cursors[index].document > target {
                    target = cursors[index].document
                    index = 0
                    continue
                }
                index += 1
            }
            let document = Int(target)
            let lengths = segment.lengths(of: document)
            for i in cursors.indices { cursors[i].positions(into: &positions[i]) }
            let starts = PhraseMatcher.matchStarts(positions[0..<cursors.count], slop: phrase.slop)
            var frequencies = FieldCounts()
            for start in starts {
                let field = lengths.field(ofPosition: start)
                if phrase.field == nil || phrase.field == field { frequencies[field] += 1 }
            }
            if frequencies.total > 0 {
                let tf = normalizer.pseudoFrequency(frequencies, lengths: lengths, only: phrase.field)
                result.scores[document] = phrase.idfSum * phrase.boost * scorer.saturate(tf)
                result.matched[document] = true
            }
            target += 1
        }
        return result
    }

    /// Site filters are applied last, to the documents the other clauses
    /// left, so the stored-URL fallback reads as few documents as possible.
    /// A boolean of filters only (`site:example.com`) matches every document
    /// the filters pass, with score 0: a listing in index order.
    private mutating func evaluate(must: [PlanNode], should: [PlanNode], mustNot: [PlanNode]) -> SegmentMatches {
        let count = segment.documentCount
        var result = SegmentMatches(count: count)
        var filters: [SiteFilter] = [], exclusions: [SiteFilter] = []
        var required: [PlanNode] = [], excludedNodes: [PlanNode] = []
        for node in must {
            if case .site(let filter) = node { filters.append(filter) } else { required.append(node) }
        }
        for node in mustNot {
            if case .site(let filter) = node { exclusions.append(filter) } else { excludedNodes.append(node) }
        }
        if required.isEmpty && should.isEmpty && filters.isEmpty { return result }
        let isListing = required.isEmpty && should.isEmpty
        var requiredHits = [UInt16](repeating: 0, count: count)
        var anyShould = [Bool](repeating: false, count: count)
        for node in required {
            let child = evaluate(node)
            for d in 0..<count where child.matched[d] {
                requiredHits[d] &+= 1
                result.scores[d] += child.scores[d]
            }
        }
        for node in should {
            let child = evaluate(node)
            for d in 0..<count where child.matched[d] {
                anyShould[d] = true
                result.scores[d] += child.scores[d]
            }
        }
        var excluded = [Bool](repeating: false, count: count)
        for node in excludedNodes {
            let child = evaluate(node)
            for d in 0..<count where child.matched[d] { excluded[d] = true }
        }
        let requiredCount = UInt16(required.count)
        for d in 0..<count {
            result.matched[d] = !excluded[d] && requiredHits[d] == requiredCount
                && (requiredCount > 0 || anyShould[d] || isListing)
        }
        for filter in filters { apply(filter, to: &result.matched, keep: true) }
        for filter in exclusions { apply(filter, to: &result.matched, keep: false) }
        for d in 0..<count where !result.matched[d] { result.scores[d] = 0 }
        return result
    }
}

