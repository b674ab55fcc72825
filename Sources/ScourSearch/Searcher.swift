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
    /// Re-ranking of results below the head by pseudo-relevance feedback;
    /// nil turns it off.
    public var feedback: RelevanceFeedback?

    public init(limit: Int = 10, scorer: BM25F = BM25F(), snippetLength: Int = 200,
                snippets: Bool = true, suggestions: Bool = true, feedback: RelevanceFeedback? = .standard) {
        self.limit = limit
        self.scorer = scorer
        self.snippetLength = snippetLength
        self.snippets = snippets
        self.suggestions = suggestions
        self.feedback = feedback
    }
}

/// One ranked result.
public struct SearchHit: Sendable, Equatable {
    /// 1-based rank.
    public var rank: Int
    public var score: Double
    /// Global document id in the index that was searched.
    public var document: Int
    public var path: String
    public var title: String
    /// Publication date (`yyyy-MM-dd`) when the page states one.
    public var date: String?
    public var snippet: Snippet
}

/// The answer to a query.
public struct SearchResults: Sendable, Equatable {
    public var query: String
    /// All matching documents, not just those returned.
    public var total: Int
    public var hits: [SearchHit]
    /// A spelling correction of the query that matches more, when the query
    /// matched nothing or very little ("did you mean").
    public var suggestion: String?
}

/// Runs queries against an ``IndexReader``: parsing (``QueryLanguageParser``),
/// analysis and term expansion (``QueryPlanner``), BM25F scoring
/// (``PlanEvaluator``), top-k selection and snippets.
public struct Searcher: Sendable {
    public let reader: IndexReader
    /// Below this many matches, a spelling correction is looked for.
    public static let suggestionThreshold = 3

    /// A searcher over the point-in-time view `reader`.
    public init(reader: IndexReader) {
        self.reader = reader
    }

    /// Parses, analyses and runs `text`.
    public func search(_ text: String, options: SearchOptions = SearchOptions()) throws(SearchError) -> SearchResults {
        let query = try QueryLanguageParser.parse(text)
        let planner = QueryPlanner(reader: reader)
        let plan = planner.plan(query)
        guard plan.isSearchable else {
            if plan.hasAnyTerms { throw .onlyExclusions }
            throw .noSearchableTerms(query: text)
        }
        var (total, ranked) = run(plan, options: options)
        if let feedback = options.feedback, options.limit > feedback.head, total > feedback.head {
            ranked = rerankTail(ranked, plan: plan, planner: planner, feedback: feedback, options: options)
        }

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
            guard let stored = try? reader.document(scored.document) else { continue }
            let snippet = options.snippets ? snippets.snippet(for: stored.text, session: &session)
                                           : Snippet(text: "", highlights: [])
            hits.append(SearchHit(
                rank: index + 1, score: scored.score, document: scored.document,
                path: stored.path, title: stored.title, date: stored.date.isEmpty ? nil : stored.date,
                snippet: snippet))
        }
        var results = SearchResults(query: text, total: total, hits: hits)
        if options.suggestions && total < Self.suggestionThreshold {
            results.suggestion = suggestion(for: text, beating: total, options: options)
        }
        return results
    }

    /// Scores every segment; returns the match count and the top documents.
    private func run(_ plan: PlanNode, options: SearchOptions) -> (Int, [ScoredDocument]) {
        var top = TopDocuments(k: max(0, options.limit))
        var total = 0
        for (segment, base) in zip(reader.segments, reader.bases) {
            var evaluator = PlanEvaluator(segment: segment, scorer: options.scorer, averageLengths: reader.averageLengths)
            let matches = evaluator.evaluate(plan)
            for local in 0..<segment.documentCount where matches.matched[local] {
                total += 1
                top.offer(ScoredDocument(score: matches.scores[local], document: base + local))
            }
        }
        return (total, top.ranked())
    }

    /// Keeps the head of `ranked` and re-ranks the documents matching `plan`
    /// below it with the query expanded by feedback terms.
    private func rerankTail(_ ranked: [ScoredDocument], plan: PlanNode, planner: QueryPlanner,
                            feedback: RelevanceFeedback, options: SearchOptions) -> [ScoredDocument] {
        let head = Array(ranked.prefix(feedback.head))
        let queryTerms = Set(plan.positiveTerms.map(\.term))
        let expansions = feedback.expansionTerms(
            from: ranked.prefix(feedback.documents).map(\.document), excluding: queryTerms, planner: planner)
        guard !expansions.isEmpty else { return ranked }
        let expansion = PlanNode.boolean(
            must: [], should: expansions.map { .terms(TermGroup(alternatives: [$0], field: nil)) }, mustNot: [])
        let headDocuments = Set(head.map(\.document))
        var tail = TopDocuments(k: options.limit - head.count)
        for (segment, base) in zip(reader.segments, reader.bases) {
            var evaluator = PlanEvaluator(segment: segment, scorer: options.scorer, averageLengths: reader.averageLengths)
            let matches = evaluator.evaluate(plan)
            let extra = evaluator.evaluate(expansion)
            for local in 0..<segment.documentCount where matches.matched[local] && !headDocuments.contains(base + local) {
                tail.offer(ScoredDocument(score: matches.scores[local] + extra.scores[local], document: base + local))
            }
        }
        return head + tail.ranked()
    }

    /// A corrected query that matches more documents than `total`, if any.
    private func suggestion(for text: String, beating total: Int, options: SearchOptions) -> String? {
        let suggester = SpellingSuggester(vocabularies: reader.segments.map(SegmentSpellingVocabulary.init))
        guard let corrected = suggester.suggest(for: text), corrected != text,
              let query = try? QueryLanguageParser.parse(corrected) else { return nil }
        let plan = QueryPlanner(reader: reader).plan(query)
        var counting = options
        counting.limit = 0
        let (correctedTotal, _) = run(plan, options: counting)
        return correctedTotal > total ? corrected : nil
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
        }
    }

    /// Phrases to highlight as one span.
    var positivePhrases: [[String]] {
        switch self {
        case .nothing, .terms: return []
        case .phrase(let phrase): return phrase.slop == 0 ? [phrase.terms] : []
        case .boolean(let must, let should, _): return (must + should).flatMap(\.positivePhrases)
        }
    }

    /// Has something to rank: a term, phrase or expansion outside exclusions
    /// (an expansion may have found no term: the query then matches nothing).
    var isSearchable: Bool {
        switch self {
        case .nothing: return false
        case .terms, .phrase: return true
        case .boolean(let must, let should, _): return (must + should).contains(where: \.isSearchable)
        }
    }

    var hasAnyTerms: Bool {
        switch self {
        case .nothing: return false
        case .terms, .phrase: return true
        case .boolean(let must, let should, let mustNot): return (must + should + mustNot).contains(where: \.hasAnyTerms)
        }
    }
}
