import ScourAnalysis
import ScourIndex

/// Options of one search.
public struct SearchOptions: Sendable, Equatable {
    /// Most results to return.
    public var limit: Int
    public var bm25: BM25
    /// Target snippet length in characters.
    public var snippetLength: Int
    /// Whether to load stored text and cut snippets (off for evaluation runs).
    public var snippets: Bool

    public init(limit: Int = 10, bm25: BM25 = BM25(), snippetLength: Int = 200, snippets: Bool = true) {
        self.limit = limit
        self.bm25 = bm25
        self.snippetLength = snippetLength
        self.snippets = snippets
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
    public var snippet: Snippet
}

/// The answer to a query.
public struct SearchResults: Sendable, Equatable {
    public var query: String
    /// All matching documents, not just those returned.
    public var total: Int
    public var hits: [SearchHit]
}

/// Runs queries against an ``IndexReader``: BM25 ranking, phrase matching,
/// exclusions, top-k selection and snippets.
///
/// Scoring is term-at-a-time into a per-segment accumulator, which is
/// simple and fast for the collection sizes of a site crawl; the fast-engine
/// work replaces it with block-max WAND over the same interfaces.
public struct Searcher: Sendable {
    public let reader: IndexReader

    public init(reader: IndexReader) {
        self.reader = reader
    }

    /// Parses, analyses and runs `text`.
    public func search(_ text: String, options: SearchOptions = SearchOptions()) throws(SearchError) -> SearchResults {
        let query = try QueryParser.parse(text)
        let analyzer = reader.analyzer
        let compiled = try CompiledQuery(query, analyzer: analyzer)
        let n = reader.documentCount
        var idf: [String: Double] = [:]
        for unit in compiled.units {
            for term in unit.terms where idf[term] == nil {
                idf[term] = BM25.idf(documentFrequency: reader.documentFrequency(term), documentCount: n)
            }
        }

        var top = TopDocuments(k: max(0, options.limit))
        var total = 0
        let averageLength = options.bm25.titleWeight * reader.averageTitleLength + reader.averageBodyLength
        let required = compiled.units.filter { $0.occur == .must }.count
        for (segment, base) in zip(reader.segments, reader.bases) {
            var accumulator = SegmentAccumulator(count: segment.documentCount)
            for unit in compiled.units {
                let weights = unit.terms.map { idf[$0] ?? 0 }
                accumulator.apply(unit, weights: weights, segment: segment, bm25: options.bm25, averageLength: averageLength)
            }
            for local in 0..<segment.documentCount where accumulator.qualifies(local, required: required) {
                total += 1
                top.offer(ScoredDocument(score: accumulator.scores[local], document: base + local))
            }
        }

        var session = analyzer.makeSession()
        let snippets = SnippetBuilder(
            terms: compiled.positiveTerms, phrases: compiled.positivePhrases,
            weights: idf, length: options.snippetLength)
        var hits: [SearchHit] = []
        for (index, scored) in top.ranked().enumerated() {
            guard let stored = try? reader.document(scored.document) else { continue }
            let snippet = options.snippets ? snippets.snippet(for: stored.text, session: &session)
                                           : Snippet(text: "", highlights: [])
            hits.append(SearchHit(
                rank: index + 1, score: scored.score, document: scored.document,
                path: stored.path, title: stored.title, snippet: snippet))
        }
        return SearchResults(query: text, total: total, hits: hits)
    }
}
