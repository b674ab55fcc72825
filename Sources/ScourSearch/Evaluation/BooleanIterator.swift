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

    private let required: Clauses
    private let optional: Clauses
    private let excluded: Clauses
    private let filters: [SiteCheck]
    private let exclusions: [SiteCheck]
    private let mode: Mode
    private let documentCount: Int

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
        optional = Clauses(should.map(context.matcher))
        self.excluded = Clauses(excluded)
        self.filters = filters
        self.exclusions = exclusions
        documentCount = context.segment.documentCount
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
            while index < required.count {
                let at = required.with(index) { $0.advance(to: candidate) }
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
    private func accepts(_ candidate: Int) -> Bool {
        for index in 0..<excluded.count where excluded.with(index, { $0.advance(to: candidate) }) == candidate { return false }
        for filter in filters where !filter.passes(candidate) { return false }
        for filter in exclusions where filter.passes(candidate) { return false }
        return true
    }

    override func score() -> Double {
        var total = 0.0
        let document = document
        for index in 0..<required.count { total += required.with(index) { $0.score() } }
        for index in 0..<optional.count {
            total += optional.with(index) { $0.advance(to: document) == document ? $0.score() : 0 }
        }
        return total
    }
}
