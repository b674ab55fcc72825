import ScourIndex

/// Required, optional and excluded clauses, and site filters.
///
/// With required clauses, their conjunction drives (leapfrog: each clause
/// advances to the others' document) and optional clauses only add their
/// scores; without, any optional clause matches (a disjunction); with only
/// filters, every document on the sites matches. A match scores as the sum
/// of its required clauses' scores, then its optional ones', in order.
final class BooleanIterator: MatchIterator {
    private enum Mode { case conjunction, disjunction, listing, empty }

    private let required: Clauses<MatchIterator>
    private let optional: Clauses<MatchIterator>
    /// The optional clauses when they are all words (the usual OR query).
    private let optionalWords: Clauses<TermGroupIterator>?
    private let excluded: Clauses<MatchIterator>
    private let filters: [SiteCheck]
    private let exclusions: [SiteCheck]
    private let mode: Mode
    private let documentCount: Int
    private let lengths: FieldLengths
    /// Required clauses by increasing cost: the leapfrog's order (scores
    /// still add up in the query's order).
    private let leapfrog: Clauses<MatchIterator>
    /// No excluded clause and no site filter.
    private let acceptsAll: Bool

    init(must: [PlanNode], should: [PlanNode], mustNot: [PlanNode], context: EvaluationContext) {
        var required: [MatchIterator] = [], excluded: [MatchIterator] = []
        var filters: [SiteCheck] = [], exclusions: [SiteCheck] = []
        for node in must {
            if case .site(let filter) = node { filters.append(SiteCheck(filter, context: context)) } else { required.append(context.matcher(node)) }
        }
        for node in mustNot {
            if case .site(let filter) = node { exclusions.append(SiteCheck(filter, context: context)) } else { excluded.append(context.matcher(node)) }
        }
        self.required = Clauses(required)
        let optional = should.map(context.matcher)
        let words = optional.compactMap { $0 as? TermGroupIterator }
        self.optional = Clauses(optional)
        optionalWords = words.count == optional.count ? Clauses(words) : nil
        self.excluded = Clauses(excluded)
        self.filters = filters
        self.exclusions = exclusions
        documentCount = context.segment.documentCount
        lengths = context.lengths
        leapfrog = Clauses(required.sorted { $0.cost < $1.cost })
        acceptsAll = excluded.isEmpty && filters.isEmpty && exclusions.isEmpty
        mode = !required.isEmpty ? .conjunction : !should.isEmpty ? .disjunction : !filters.isEmpty ? .listing : .empty
    }

    override func advance(to target: Int) -> Int {
        guard document < target else { return document }
        var candidate = target
        while true {
            candidate = nextCandidate(from: candidate)
            guard candidate != Self.end else { break }
            if accepts(candidate) {
                document = candidate
                return candidate
            }
            candidate += 1
        }
        document = Self.end
        return document
    }

    /// The first document at or after `target` that the clauses that drive
    /// the search all match.
    private func nextCandidate(from target: Int) -> Int {
        switch mode {
        case .empty:
            return Self.end
        case .listing:
            return target < documentCount ? target : Self.end
        case .disjunction:
            var first = Self.end
            for index in 0..<optional.count { first = min(first, optional.with(index) { $0.advance(to: target) }) }
            return first
        case .conjunction:
            var candidate = target
            var index = 0
            while index < leapfrog.count {
                let at = leapfrog.with(index) { $0.advance(to: candidate) }
                if at == Self.end { return Self.end }
                if at > candidate {
                    candidate = at
                    index = 0
                    continue
                }
                index += 1
            }
            return candidate
        }
    }

    /// No excluded clause matches it, and the site filters pass it.
    @inline(__always)
    private func accepts(_ candidate: Int) -> Bool {
        acceptsAll || passesChecks(candidate)
    }

    private func passesChecks(_ candidate: Int) -> Bool {
        for index in 0..<excluded.count where excluded.with(index, { $0.advance(to: candidate) }) == candidate { return false }
        for filter in filters where !filter.passes(candidate) { return false }
        for filter in exclusions where filter.passes(candidate) { return false }
        return true
    }

    override var cost: Int {
        switch mode {
        case .conjunction: return leapfrog.with(0) { $0.cost }
        case .disjunction: return (0..<optional.count).reduce(0) { total, index in
            let cost = optional.with(index) { $0.cost }
            return cost == Int.max ? Int.max : total == Int.max ? total : total + cost
        }
        case .listing: return documentCount
        case .empty: return 0
        }
    }

    override var maxScore: Double {
        var total = 0.0
        for index in 0..<required.count { total += required.with(index) { $0.maxScore } }
        for index in 0..<optional.count { total += optional.with(index) { $0.maxScore } }
        return total
    }

    /// Whether ``collectTop(into:base:deleted:)`` can prune: a disjunction
    /// (of one clause too: a one-word query skips the blocks that cannot
    /// beat the k-th score), or a conjunction.
    var canPrune: Bool { (mode == .disjunction && !optional.isEmpty) || mode == .conjunction }

    /// Offers this segment's matches to `top` with MaxScore pruning (Turtle
    /// and Flood): clauses in increasing order of their bounds; those whose
    /// bounds together cannot beat the k-th score so far (a later document
    /// must beat it: it loses ties) stop driving the search, and are only
    /// moved (with their skip data) to documents the others match. A match
    /// whose bound cannot beat it is not scored. The top k are exactly those
    /// of scoring every match; returns the matches seen, and whether any
    /// clause stopped driving (then that count is a lower bound).
    func collectTop(into top: inout TopDocuments, base: Int, deleted: DeletedDocuments?) -> (matches: Int, pruned: Bool) {
        if mode == .conjunction { return collectTopOfConjunction(into: &top, base: base, deleted: deleted) }
        if let optionalWords { return collectTopOfDisjunction(optionalWords, into: &top, base: base, deleted: deleted) }
        return collectTopOfDisjunction(optional, into: &top, base: base, deleted: deleted)
    }

    /// ``collectTop(into:base:deleted:)`` for optional clauses (`optional`, as `Clause`).
    private func collectTopOfDisjunction<Clause>(_ optional: Clauses<Clause>, into top: inout TopDocuments, base: Int,
                                                 deleted: DeletedDocuments?) -> (matches: Int, pruned: Bool) {
        let count = optional.count
        let bounds = (0..<count).map { index in optional.with(index) { $0.maxScore } }
        let order = (0..<count).sorted { bounds[$0] != bounds[$1] ? bounds[$0] < bounds[$1] : $0 < $1 }
        var below = [Double](repeating: 0, count: count)   // bounds of order[0...i], summed
        var sum = 0.0
        for (rank, index) in order.enumerated() {
            sum += bounds[index]
            below[rank] = sum
        }
        // This candidate's score per clause (0 where it does not match),
        // added up in the query's order as ``score()`` does.
        var scores = [Double](repeating: 0, count: count)
        let beaten = Pruning.beaten
        var essential = 0   // order[essential...] drive the search
        var pruned = false
        func raise() {
            guard let threshold = top.threshold else { return }
            while essential < count, beaten(below[essential], threshold) { essential += 1 }
            // The count is a lower bound once a clause that may still
            // match stops driving (one with nothing left loses nothing).
            for rank in 0..<essential where !pruned && optional.with(order[rank], { $0.document != Self.end }) { pruned = true }
        }
        raise()
        var matches = 0
        var target = 0
        // Block-max: a window of documents where every clause's current
        // block bounds the score; when their bounds together cannot beat
        // the threshold, the whole window is skipped. Its bound holds up to
        // its end whatever the threshold: a higher one only asks again.
        var windowEnd = -1, windowBound = 0.0
        candidates: while essential < count {
            var candidate = Self.end
            for rank in essential..<count {
                candidate = min(candidate, optional.with(order[rank]) { $0.advance(to: target) })
            }
            guard candidate != Self.end else { break }
            target = candidate + 1
            if let threshold = top.threshold {
                if candidate > windowEnd {
                    var sum = 0.0, last = Int.max
                    optional.addBlockBounds(at: candidate, to: &sum, last: &last)
                    windowEnd = last
                    windowBound = sum
                }
                if beaten(windowBound, threshold) {
                    pruned = true
                    guard windowEnd != Int.max else { break }   // nothing after it can win
                    target = windowEnd + 1
                    continue
                }
            }
            guard accepts(candidate), deleted?.contains(candidate) != true else { continue }
            matches += 1
            let lengths = self.lengths.of(candidate)
            var partial = 0.0
            for rank in essential..<count {
                let index = order[rank]
                let score = optional.with(index) { $0.document == candidate ? $0.score(lengths: lengths) : 0 }
                scores[index] = score
                partial += score
            }
            // The others, strongest first, while they can still lift the
            // candidate over the threshold.
            var rank = essential - 1
            while rank >= 0 {
                if let threshold = top.threshold, beaten(partial + below[rank], threshold) { continue candidates }
                let index = order[rank]
                let score = optional.with(index) { $0.advance(to: candidate) == candidate ? $0.score(lengths: lengths) : 0 }
                scores[index] = score
                partial += score
                rank -= 1
            }
            var total = 0.0
            for index in 0..<count { total += scores[index] }
            top.offer(ScoredDocument(score: total, document: base + candidate))
            raise()
        }
        document = Self.end
        return (matches, pruned)
    }

    /// ``collectTop(into:base:deleted:)`` for required clauses: before each
    /// leapfrog, the blocks of every clause at the target bound the scores
    /// up to the first of their ends; a window that cannot beat the k-th
    /// score is jumped over whole (the clauses skip its blocks unread).
    private func collectTopOfConjunction(into top: inout TopDocuments, base: Int,
                                         deleted: DeletedDocuments?) -> (matches: Int, pruned: Bool) {
        Pruning.collect(self, into: &top, base: base, deleted: deleted, windowBound: { target in
            var sum = 0.0, last = Int.max
            self.required.addBlockBounds(at: target, to: &sum, last: &last)
            self.optional.addBlockBounds(at: target, to: &sum, last: &last)
            return (sum, last)
        }, next: { self.nextCandidate(from: $0) }, accepts: { self.accepts($0) })
    }

    override func score() -> Double {
        score(lengths: self.lengths.of(document))
    }

    override func score(lengths: FieldCounts) -> Double {
        var total = 0.0
        let document = document
        for index in 0..<required.count { total += required.with(index) { $0.score(lengths: lengths) } }
        for index in 0..<optional.count {
            total += optional.with(index) { $0.advance(to: document) == document ? $0.score(lengths: lengths) : 0 }
        }
        return total
    }
}
