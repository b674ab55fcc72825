import ScourAnalysis
import ScourIndex

/// Options of one search.
public struct SearchOptions: Sendable, Equatable {
    /// Most results to return.
    public var limit: Int
    /// Ranking parameters.
    public var scorer: BM25F
    /// Target snippet length in characters.
    public var snippetLength: Int
    /// Whether to load stored text and cut snippets (off for evaluation runs).
    public var snippets: Bool
    /// Whether to look for a spelling correction when little matches.
    public var suggestions: Bool
    /// Re-ranking of results below the head by pseudo-relevance feedback
    /// (for example ``RelevanceFeedback/standard``, as `scour search
    /// --feedback` asks for); nil, the default, leaves the ranking alone.
    /// It runs only when more than the head (10) is asked for; then it
    /// lifts SciFact's R@100 from 0.911 to 0.926 but costs about four plain
    /// queries (the top pages' text is read and analysed again), which is
    /// why it is not on by default.
    public var feedback: RelevanceFeedback?
    /// Only documents of any of these sites (hosts as typed: `example.com`,
    /// `www.example.com`, `http://example.com/`; subdomains included), as
    /// if the query had a `site:` clause for each; empty: no filter. With
    /// sites, an empty query lists the sites' documents.
    public var sites: [String]
    /// Count every match exactly. Without it, a query of several optional
    /// words skips documents that cannot reach the top results (MaxScore),
    /// and ``SearchResults/total`` may then be a lower bound
    /// (``SearchResults/totalIsLowerBound``); the results are the same.
    public var exactTotal: Bool
    /// Return each hit's whole stored text (``SearchHit/text``), as the
    /// Elasticsearch API's `_source` does.
    public var storedText = false
    /// Only documents published in this range (``PublicationDate`` numbers,
    /// yyyymmdd, both ends included); documents without a date are left out.
    public var dates: ClosedRange<UInt32>?
    /// Newest first (then by relevance) instead of by relevance; documents
    /// without a date come last.
    public var sortByDate = false
    /// Count the matches by site and by year (``SearchResults/facets``).
    public var facets = false
    /// Stop a search that runs longer (``SearchError/timeLimitExceeded(seconds:)``):
    /// checked while fuzzy words scan the vocabulary and between segments.
    /// A did-you-mean past it is left out rather than failing the search.
    public var timeLimit: Duration?

    /// Whether every match must be looked at (no pruning): a date filter,
    /// date order or facets need each one's date or site.
    var needsEveryMatch: Bool { dates != nil || sortByDate || facets }

    public init(limit: Int = 10, scorer: BM25F = BM25F(), snippetLength: Int = 200,
                snippets: Bool = true, suggestions: Bool = true, feedback: RelevanceFeedback? = nil,
                sites: [String] = [], exactTotal: Bool = false) {
        self.limit = limit
        self.scorer = scorer
        self.snippetLength = snippetLength
        self.snippets = snippets
        self.suggestions = suggestions
        self.feedback = feedback
        self.sites = sites
        self.exactTotal = exactTotal
    }
}

/// One ranked result.
public struct SearchHit: Sendable, Equatable {
    /// 1-based rank.
    public var rank: Int
    public var score: Double
    /// Global document id in the index that was searched.
    public var document: Int
    /// The document's unique id (see ``StoredDocument/path``).
    public var path: String
    public var title: String
    /// Publication date (`yyyy-MM-dd`) when the page states one.
    public var date: String?
    public var snippet: Snippet
    /// The page's web address (`http…`) when known.
    public var url: String? {
        get { address.url }
        set { address = .checked(newValue) }
    }
    /// The stored URL is checked for a host only when ``url`` is read: an
    /// evaluation run (TREC output) never reads it, and parsing a URL's
    /// host cost a third as much as the query itself.
    private var address: Address
    /// The absolute path of the file the document was read from, when it
    /// came from a file (none for records and format-3 segments).
    public var location: String?
    /// Other URLs or ids of the same page (duplicates found when indexing).
    public var aliases: [String]
    /// The `scour index` source the document came from; empty when unknown.
    public var source: String

    /// The whole stored text, when ``SearchOptions/storedText`` asked for it.
    public var text: String?

    /// The document's unique id: the same as ``path``.
    public var id: String { path }

    public init(rank: Int, score: Double, document: Int, path: String, title: String, date: String? = nil,
                snippet: Snippet, url: String? = nil, location: String? = nil, aliases: [String] = [],
                source: String = "") {
        self.rank = rank
        self.score = score
        self.document = document
        self.path = path
        self.title = title
        self.date = date
        self.snippet = snippet
        address = .checked(url)
        self.location = location
        self.aliases = aliases
        self.source = source
    }
}

extension SearchHit {
    /// A stored URL, and whether it is known to be a web address.
    fileprivate enum Address: Sendable, Equatable {
        case checked(String?)
        /// A document's stored URL, a web address if it names a host.
        case stored(String)

        var url: String? {
            switch self {
            case .checked(let url): url
            case .stored(let url): SiteTerms.host(of: url) == nil ? nil : url
            }
        }

        static func == (a: Address, b: Address) -> Bool { a.url == b.url }
    }

    /// A hit whose ``url`` is `stored`'s ``StoredDocument/webURL``, worked out when read.
    init(rank: Int, score: Double, document: Int, stored: StoredDocument, snippet: Snippet) {
        self.init(rank: rank, score: score, document: document, path: stored.path, title: stored.title,
                  date: stored.date.isEmpty ? nil : stored.date, snippet: snippet,
                  location: stored.location.isEmpty ? nil : stored.location,
                  aliases: stored.aliases, source: stored.source)
        address = stored.url.isEmpty ? .checked(nil) : .stored(stored.url)
    }
}

/// The answer to a query.
public struct SearchResults: Sendable, Equatable {
    public var query: String
    /// All matching documents, not just those returned (at least this many
    /// when ``totalIsLowerBound``).
    public var total: Int
    /// Whether documents that could not reach the results were skipped
    /// uncounted, so that ``total`` is a lower bound
    /// (``SearchOptions/exactTotal`` turns this off).
    public var totalIsLowerBound = false
    public var hits: [SearchHit]
    /// A spelling correction of the query ("did you mean"): when the query
    /// matched little and the correction matches more, or when a word of it
    /// is unknown (or rare beside a common one-edit neighbour) even though
    /// the other words match.
    public var suggestion: String?
    /// Matches counted by site and by year, when ``SearchOptions/facets``
    /// asked for them.
    public var facets: SearchFacets?

    public init(query: String, total: Int, hits: [SearchHit], suggestion: String? = nil) {
        self.query = query
        self.total = total
        self.hits = hits
        self.suggestion = suggestion
    }
}

/// Runs queries against an ``IndexReader``: parsing (``QueryLanguageParser``),
/// analysis and term expansion (``QueryPlanner``), BM25F scoring
/// (document-at-a-time ``MatchIterator``s), top-k selection and snippets.
public struct Searcher: Sendable {
    public let reader: IndexReader
    /// Queries longer than this (in UTF-8 bytes) get no spelling suggestion.
    public static let longestQueryToCorrect = 256
    /// Below this many matches, a spelling correction is looked for.
    public static let suggestionThreshold = 3

    /// A searcher over the point-in-time view `reader`.
    public init(reader: IndexReader) {
        self.reader = reader
    }

    /// Parses, analyses and runs `text`. Throws ``SearchError`` for a
    /// malformed query, an unusable site or out-of-range ranking parameters.
    public func search(_ text: String, options: SearchOptions = SearchOptions()) throws(SearchError) -> SearchResults {
        try search(text: text, parsed: nil, options: options)
    }

    /// Runs a query given as a syntax tree (what the Elasticsearch API
    /// builds from its query DSL); `description` is what the results say
    /// was searched. No spelling correction is looked for.
    public func search(_ query: QueryNode, description: String, options: SearchOptions = SearchOptions()) throws(SearchError) -> SearchResults {
        var options = options
        options.suggestions = false
        return try search(text: description, parsed: query, options: options)
    }

    /// Every live document in index order, from the `offset`-th, each
    /// scored 1 (Elasticsearch's `match_all`); `total` counts them all.
    public func allDocuments(offset: Int, options: SearchOptions = SearchOptions()) -> SearchResults {
        var hits: [SearchHit] = []
        var skipped = 0
        var id = 0
        while id < reader.documentCount, hits.count < options.limit {
            defer { id += 1 }
            guard !reader.isDeleted(id) else { continue }
            guard skipped >= offset else { skipped += 1; continue }
            hits.append(contentsOf: hit(id, rank: offset + hits.count + 1, options: options).map { [$0] } ?? [])
        }
        return SearchResults(query: "*", total: reader.liveDocumentCount, hits: hits)
    }

    /// The documents numbered `documents` (global numbers, in that order)
    /// as hits scored 1, without snippets: Elasticsearch's `ids` query.
    public func documents(_ documents: [Int], options: SearchOptions = SearchOptions()) -> SearchResults {
        let hits = documents.filter { !reader.isDeleted($0) }.prefix(options.limit).enumerated()
            .compactMap { hit($0.element, rank: $0.offset + 1, options: options) }
        return SearchResults(query: "ids", total: hits.count, hits: hits)
    }

    /// Document `id` as a hit scored 1, without a snippet.
    private func hit(_ id: Int, rank: Int, options: SearchOptions) -> SearchHit? {
        guard let stored = try? reader.document(id, includingText: options.storedText) else { return nil }
        var hit = SearchHit(rank: rank, score: 1, document: id, stored: stored, snippet: Snippet(text: "", highlights: []))
        if options.storedText { hit.text = stored.text }
        return hit
    }

    private func search(text: String, parsed: QueryNode?, options: SearchOptions) throws(SearchError) -> SearchResults {
        try options.scorer.validate()
        if let weight = options.feedback?.weight, !RelevanceFeedback.weightRange.contains(weight) {
            throw .invalidRankingParameter(name: "feedback weight", value: weight, allowed: RelevanceFeedback.weightRange)
        }
        let sites = try options.sites.map { (site: String) throws(SearchError) -> String in
            guard let domain = SiteTerms.normalizedSite(site) else { throw .invalidSite(site) }
            return domain
        }
        let deadline = SearchDeadline(options.timeLimit)
        let planner = QueryPlanner(reader: reader, deadline: deadline)
        var plan: PlanNode
        if parsed == nil && !sites.isEmpty && !text.contains(where: { !$0.isWhitespace }) {
            plan = .site(SiteFilter(domains: sites))
        } else {
            let query: QueryNode
            if let parsed { query = parsed } else { query = try QueryLanguageParser.parse(text) }
            plan = planner.plan(query)
            guard plan.isSearchable else {
                if plan.hasAnyTerms { throw .onlyExclusions }
                throw .noSearchableTerms(query: text)
            }
            if !sites.isEmpty { plan = .boolean(must: [plan, .site(SiteFilter(domains: sites))], should: [], mustNot: []) }
        }
        try Self.check(deadline)
        // With feedback, the query's own top `candidates` are ranked first;
        // feedback then re-orders those below the head.
        let feedback = options.feedback.flatMap { options.limit > $0.head && !plan.positiveTerms.isEmpty && !options.sortByDate ? $0 : nil }
        var first = options
        if let feedback { first.limit = max(options.limit, feedback.candidates) }
        var facets = FacetCounter()
        let (total, firstRanked, lowerBound) = run(plan, options: first, facets: &facets, deadline: deadline)
        try Self.check(deadline)
        var ranked = firstRanked
        if let feedback, total > feedback.head {
            ranked = rerankTail(ranked, plan: plan, planner: planner, feedback: feedback, options: options)
        }
        ranked = Array(ranked.prefix(max(0, options.limit)))

        // Han unigrams are only worth emitting when a query term is one: a
        // query session gives the same positions with about a third fewer
        // tokens on Chinese text (measured: multi-character queries 15 %
        // faster, top 10 with snippets).
        let wantsUnigrams = plan.positiveTerms.contains { Analyzer.isCJKTerm($0.term) && $0.term.unicodeScalars.count == 1 }
        var session = wantsUnigrams ? reader.analyzer.makeSession() : reader.analyzer.makeQuerySession()
        let snippets = SnippetBuilder(
            terms: plan.positiveTerms.map(\.term), phrases: plan.positivePhrases,
            weights: Dictionary(plan.positiveTerms.map { ($0.term, $0.idf) }, uniquingKeysWith: max),
            length: options.snippetLength)
        var hits: [SearchHit] = []
        for (index, scored) in ranked.enumerated() {
            // The text and headings (megabytes for some pages) are read only
            // for a snippet.
            guard let stored = try? reader.document(scored.document, includingText: options.snippets || options.storedText) else { continue }
            let snippet = options.snippets
                ? snippets.snippet(for: stored.text, near: firstMatch(of: plan, in: scored.document, textBytes: stored.text.utf8.count),
                                   session: &session)
                : Snippet(text: "", highlights: [])
            var hit = SearchHit(rank: index + 1, score: scored.score, document: scored.document, stored: stored, snippet: snippet)
            if options.storedText { hit.text = stored.text }
            hits.append(hit)
        }
        var results = SearchResults(query: text, total: total, hits: hits)
        results.totalIsLowerBound = lowerBound
        if options.facets { results.facets = facets.result() }
        // A pasted paragraph is no query to spell-check: "did you mean" it
        // again with a few words changed helps no one.
        if options.suggestions && !plan.positiveTerms.isEmpty && text.utf8.count <= Self.longestQueryToCorrect {
            // A pruned count is a lower bound: the match count is counted
            // exactly only when there is a correction to compare it with.
            results.suggestion = suggestion(for: text, sites: sites, options: options, deadline: deadline) {
                lowerBound ? run(plan, options: SearchOptions(limit: 0, scorer: options.scorer)).total : total
            }
        }
        return results
    }

    /// Where in a long text (bytes) the first body match of a query word
    /// probably is: its position among the body's tokens, from the
    /// postings, scaled to the text's length. Nil for a text short enough
    /// to be analysed whole, or without a body match.
    private func firstMatch(of plan: PlanNode, in document: Int, textBytes: Int) -> Int? {
        guard textBytes > SnippetBuilder.window, let (segment, local) = reader.locate(document) else { return nil }
        let lengths = segment.lengths(of: local)
        let bodyStart = lengths.fieldStarts().body
        guard lengths.body > 0 else { return nil }
        var first = UInt32.max
        var positions: [UInt32] = []
        for term in plan.positiveTerms {
            guard let info = segment.lookup(term.term) else { continue }
            var cursor = segment.postings(info)
            guard cursor.advance(to: UInt32(local)), cursor.document == UInt32(local), cursor.frequencies.body > 0 else { continue }
            cursor.positions(into: &positions)
            if let position = positions.first(where: { $0 >= bodyStart }) { first = min(first, position) }
        }
        guard first != .max else { return nil }
        return Int(Double(first - bodyStart) / Double(lengths.body) * Double(textBytes))
    }

    /// Scores every segment; returns the live match count and the top
    /// live documents. Deleted documents are dropped here, where a segment's
    /// matches are collected: one check per match, and only in segments
    /// that have deletions.
    private func run(_ plan: PlanNode, options: SearchOptions) -> (total: Int, ranked: [ScoredDocument], lowerBound: Bool) {
        var facets = FacetCounter()
        return run(plan, options: options, facets: &facets)
    }

    private func run(_ plan: PlanNode, options: SearchOptions, facets: inout FacetCounter, deadline: SearchDeadline? = nil)
        -> (total: Int, ranked: [ScoredDocument], lowerBound: Bool) {
        var top = TopDocuments(k: max(0, options.limit))
        var total = 0
        var lowerBound = false
        for (s, segment) in reader.segments.enumerated() {
            // Past the deadline the caller throws; the rest is not looked at.
            if deadline.check() { break }
            let base = reader.bases[s], deleted = reader.deletions[s]
            let context = EvaluationContext(segment: segment, scorer: options.scorer, averageLengths: reader.averageLengths)
            let matches = context.matcher(plan)
            if options.needsEveryMatch {
                total += collectEvery(matches, segment: segment, base: base, deleted: deleted, options: options,
                                      into: &top, facets: &facets)
                continue
            }
            if !options.exactTotal, top.k > 0, let disjunction = matches as? BooleanIterator, disjunction.canPrune {
                let (seen, pruned) = disjunction.collectTop(into: &top, base: base, deleted: deleted)
                total += seen
                lowerBound = lowerBound || pruned
                continue
            }
            if !options.exactTotal, top.k > 0, let phrase = matches as? PhraseIterator {
                let (seen, pruned) = phrase.collectTop(into: &top, base: base, deleted: deleted)
                total += seen
                lowerBound = lowerBound || pruned
                continue
            }
            if !options.exactTotal, top.k > 0, let word = matches as? TermGroupIterator {
                let (seen, pruned) = word.collectTop(into: &top, base: base, deleted: deleted)
                total += seen
                lowerBound = lowerBound || pruned
                continue
            }
            var local = matches.next()
            while local != MatchIterator.end {
                if deleted?.contains(local) != true {
                    total += 1
                    if top.k > 0 { top.offer(ScoredDocument(score: matches.score(), document: base + local)) }
                }
                local = matches.next()
            }
        }
        let ranked = top.ranked()
        return (total, options.sortByDate ? ranked.map { ScoredDocument(score: DateOrder.score(of: $0.score), document: $0.document) } : ranked,
                lowerBound)
    }

    /// Looks at every match of one segment (a date filter, date order or
    /// facets): counts those in the date range, offers them to `top` by
    /// relevance or by date, and counts them by year and site. Returns how
    /// many matched.
    private func collectEvery(_ matches: MatchIterator, segment: SegmentReader, base: Int, deleted: DeletedDocuments?,
                              options: SearchOptions, into top: inout TopDocuments, facets: inout FacetCounter) -> Int {
        var total = 0
        var matched: [Int] = []
        var local = matches.next()
        while local != MatchIterator.end {
            defer { local = matches.next() }
            guard deleted?.contains(local) != true else { continue }
            let date = options.dates != nil || options.sortByDate || options.facets ? segment.publicationDate(of: local) : 0
            if let range = options.dates, !range.contains(date) { continue }
            total += 1
            if options.facets {
                facets.count(year: PublicationDate.year(date))
                matched.append(local)
            }
            guard top.k > 0 else { continue }
            let score = matches.score()
            top.offer(ScoredDocument(score: options.sortByDate ? DateOrder.key(date: date, score: score) : score, document: base + local))
        }
        if options.facets { facets.countSites(of: matched, in: segment) }
        return total
    }

    /// Keeps the head of `ranked` and re-ranks the documents matching `plan`
    /// below it with the query expanded by feedback terms.
    /// Re-orders the candidates below the head by their query score plus
    /// the expansion words' scores; returns the head and the best of the
    /// rest, `options.limit` in all.
    private func rerankTail(_ ranked: [ScoredDocument], plan: PlanNode, planner: QueryPlanner,
                            feedback: RelevanceFeedback, options: SearchOptions) -> [ScoredDocument] {
        let head = Array(ranked.prefix(feedback.head))
        let queryTerms = Set(plan.positiveTerms.map(\.term))
        let expansions = feedback.expansionTerms(
            from: ranked.prefix(feedback.documents).map(\.document), excluding: queryTerms, planner: planner)
        guard !expansions.isEmpty else { return ranked }
        // The rest, segment by segment in document order (matchers move forward only).
        var rest = ranked.dropFirst(head.count).sorted { $0.document < $1.document }[...]
        var tail = TopDocuments(k: options.limit - head.count)
        for (s, segment) in reader.segments.enumerated() {
            let base = reader.bases[s], end = base + segment.documentCount
            guard let first = rest.first, first.document < end else { continue }
            let context = EvaluationContext(segment: segment, scorer: options.scorer, averageLengths: reader.averageLengths)
            // The expansion words' scores add up in their order, as an OR
            // of them scores; no bounds: nothing is pruned here.
            let words = expansions.map { TermGroupIterator(TermGroup(alternatives: [$0], field: nil), context: context, bounded: false) }
            while let candidate = rest.first, candidate.document < end {
                rest = rest.dropFirst()
                let local = candidate.document - base
                let lengths = context.lengths.of(local)
                var bonus = 0.0
                for word in words where word.advance(to: local) == local { bonus += word.score(lengths: lengths) }
                tail.offer(ScoredDocument(score: candidate.score + bonus, document: candidate.document))
            }
        }
        return head + tail.ranked()
    }

    /// Throws when the search is past its deadline.
    private static func check(_ deadline: SearchDeadline?) throws(SearchError) {
        if let deadline, deadline.check() { throw .timeLimitExceeded(seconds: Double(deadline.limit.components.seconds) + Double(deadline.limit.components.attoseconds) / 1e18) }
    }

    private func suggestion(for text: String, sites: [String], options: SearchOptions, deadline: SearchDeadline?,
                            beating exactTotal: () -> Int) -> String? {
        let suggester = SpellingSuggester(vocabularies: reader.segments.map(SegmentSpellingVocabulary.init), deadline: deadline)
        guard let corrected = suggester.suggest(for: text), corrected != text, !deadline.check(),
              let query = try? QueryLanguageParser.parse(corrected) else { return nil }
        var plan = QueryPlanner(reader: reader).plan(query)
        if !sites.isEmpty { plan = .boolean(must: [plan, .site(SiteFilter(domains: sites))], should: [], mustNot: []) }
        var counting = options
        counting.limit = 0
        let (correctedTotal, _, _) = run(plan, options: counting)
        let total = exactTotal()
        if total < Self.suggestionThreshold { return correctedTotal > total ? corrected : nil }
        return correctedTotal >= total ? corrected : nil
    }
}

extension PlanNode {
    /// Terms that count for ranking and highlighting (not excluded ones).
    var positiveTerms: [TermGroup.Alternative] {
        switch self {
        case .nothing: return []
        case .terms(let group): return group.alternatives
        case .phrase(let phrase): return phrase.terms.map { .init(term: $0, idf: 0, weight: 1) }
        case .boolean(let must, let should, _): return (must + should).flatMap(\.positiveTerms)
        case .site: return []
        }
    }

    /// Phrases to highlight as one span.
    var positivePhrases: [[String]] {
        switch self {
        case .nothing, .terms, .site: return []
        case .phrase(let phrase): return phrase.slop == 0 ? [phrase.terms] : []
        case .boolean(let must, let should, _): return (must + should).flatMap(\.positivePhrases)
        }
    }

    /// Has something to rank or list: a term, phrase, expansion or site
    /// filter outside exclusions (an expansion may have found no term: the
    /// query then matches nothing).
    var isSearchable: Bool {
        switch self {
        case .nothing: return false
        case .terms, .phrase, .site: return true
        case .boolean(let must, let should, _): return (must + should).contains(where: \.isSearchable)
        }
    }

    var hasAnyTerms: Bool {
        switch self {
        case .nothing: return false
        case .terms, .phrase, .site: return true
        case .boolean(let must, let should, let mustNot): return (must + should + mustNot).contains(where: \.hasAnyTerms)
        }
    }
}
