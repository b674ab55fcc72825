import ScourIndex

/// Whether documents are on one of a filter's sites (`site:example.edu`,
/// its subdomains included), asked in increasing document order.
///
/// A segment that indexes site terms answers from their postings; an older
/// one from each document's stored URL.
final class SiteCheck {
    private let filter: SiteFilter
    private let context: EvaluationContext
    private let sites: TermGroupIterator?

    init(_ filter: SiteFilter, context: EvaluationContext) {
        self.filter = filter
        self.context = context
        if context.segment.hasSiteTerms {
            let alternatives = filter.domains.map {
                TermGroup.Alternative(term: SiteTerms.term(forDomain: $0), idf: 0, weight: 0)
            }
            sites = TermGroupIterator(TermGroup(alternatives: alternatives, field: nil), context: context)
        } else {
            sites = nil
        }
    }

    /// Whether `document` is on one of the sites; documents are asked in
    /// increasing order.
    func passes(_ document: Int) -> Bool {
        if let sites { return sites.advance(to: document) == document }
        guard let host = (try? context.segment.storedURL(of: document)).flatMap(SiteTerms.host(of:)) else { return false }
        return filter.domains.contains { host == $0 || host.hasSuffix("." + $0) }
    }
}

/// Every document on a filter's sites (a query of `site:` clauses alone).
final class SiteIterator: MatchIterator {
    private let check: SiteCheck
    private let documentCount: Int

    init(_ check: SiteCheck, documentCount: Int) {
        self.check = check
        self.documentCount = documentCount
    }

    override func advance(to target: Int) -> Int {
        guard document < target else { return document }
        var candidate = target
        while candidate < documentCount, !check.passes(candidate) { candidate += 1 }
        document = candidate < documentCount ? candidate : Self.end
        return document
    }
}
