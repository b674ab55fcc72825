import ScourAnalysis
import ScourIndex

/// A query after analysis and term expansion: what the evaluator runs.
///
/// Built from the parser's ``QueryNode`` against one open index, because
/// prefix and fuzzy terms expand to the index's own terms, and idf comes
/// from the index's statistics.
indirect enum PlanNode {
    /// One or more alternative index terms (a word, or the expansions of a
    /// prefix or fuzzy term); a document scores by its best alternative.
    case terms(TermGroup)
    /// Terms at consecutive positions (or within `slop`).
    case phrase(PhrasePlan)
    /// Required, optional and excluded sub-queries.
    case boolean(must: [PlanNode], should: [PlanNode], mustNot: [PlanNode])
    /// Matches nothing (a word that analyses to no term).
    case nothing
    /// Documents of any of these sites; scores nothing (see ``SiteQuery``).
    case site(SiteFilter)
}

/// Hosts to filter on: a document passes when its host is one of `domains`
/// or a subdomain of one.
struct SiteFilter: Equatable {
    /// Normalised domains (see ``SiteTerms/normalizedSite(_:)``).
    var domains: [String]
}

struct TermGroup {
    struct Alternative {
        var term: String
        var idf: Double
        /// Boost × similarity (1 for exact terms).
        var weight: Double
    }
    var alternatives: [Alternative]
    var field: IndexField?
}

struct PhrasePlan {
    var terms: [String]
    var idfSum: Double
    var slop: Int
    var field: IndexField?
    var boost: Double
}

/// Turns a parsed query into a ``PlanNode``.
struct QueryPlanner {
    let reader: IndexReader
    let analyzer: Analyzer
    /// Most expansions of one prefix or fuzzy term, by document frequency.
    static let maxExpansions = 64

    private let termVocabularies: [any TermVocabulary]
    private let spellingVocabularies: [any TermVocabulary]
    /// Fuzzy words stop scanning the vocabulary once it is past.
    let deadline: SearchDeadline?

    init(reader: IndexReader, deadline: SearchDeadline? = nil) {
        self.reader = reader
        self.deadline = deadline
        analyzer = reader.analyzer
        termVocabularies = reader.segments.map(SegmentTermVocabulary.init)
        spellingVocabularies = reader.segments.map(SegmentSpellingVocabulary.init)
    }

    func plan(_ node: QueryNode) -> PlanNode {
        plan(node, occur: .should, field: nil, boost: 1)
    }

    private func plan(_ node: QueryNode, occur: BooleanQuery.Occur, field: IndexField?, boost: Double) -> PlanNode {
        switch node {
        case .term(let term):
            return plan(term, occur: occur, field: term.field.map(Self.indexField) ?? field, boost: boost * term.boost)
        case .phrase(let phrase):
            let terms = analyze(phrase.text)
            guard !terms.isEmpty else { return .nothing }
            let field = phrase.field.map(Self.indexField) ?? field
            if terms.count == 1 && phrase.slop == 0 {
                return termNode(terms[0], field: field, weight: boost * phrase.boost)
            }
            return .phrase(PhrasePlan(terms: terms, idfSum: terms.reduce(0) { $0 + idf($1) },
                                      slop: phrase.slop, field: field, boost: boost * phrase.boost))
        case .site(let site):
            return .site(SiteFilter(domains: [site.domain]))
        case .boolean(let query):
            var must: [PlanNode] = [], should: [PlanNode] = [], mustNot: [PlanNode] = []
            var stopWords: [PlanNode] = []
            // Plain site: clauses are alternatives, together one required filter.
            var anySite: [String] = []
            var siteFilters: (must: [PlanNode], mustNot: [PlanNode]) = ([], [])
            for clause in query.clauses {
                if case .site(let site) = clause.node {
                    switch clause.occur {
                    case .should: anySite.append(site.domain)
                    case .must: siteFilters.must.append(.site(SiteFilter(domains: [site.domain])))
                    case .mustNot: siteFilters.mustNot.append(.site(SiteFilter(domains: [site.domain])))
                    }
                    continue
                }
                let child = plan(clause.node, occur: clause.occur, field: field, boost: boost)
                if case .nothing = child, clause.occur != .must { continue }
                switch clause.occur {
                case .must: must.append(child)
                case .mustNot: mustNot.append(child)
                case .should:
                    if isStopWord(clause.node) { stopWords.append(child) } else { should.append(child) }
                }
            }
            // Stop words rank nothing unless they are all there is.
            if must.isEmpty && should.isEmpty { should = stopWords }
            if !anySite.isEmpty { must.append(.site(SiteFilter(domains: anySite))) }
            return .boolean(must: must + siteFilters.must, should: should, mustNot: mustNot + siteFilters.mustNot)
        }
    }

    private func plan(_ term: TermQuery, occur: BooleanQuery.Occur, field: IndexField?, boost: Double) -> PlanNode {
        switch term.kind {
        case .exact, .fuzzy(maxEdits: 0):
            let (terms, joined) = analyzeCompound(term.text)
            guard let first = terms.first else { return .nothing }
            if terms.count == 1 { return termNode(first, field: field, weight: boost) }
            if occur == .should, !terms.contains(where: Analyzer.isCJKTerm) {
                // An unquoted compound ("IL-6", "e-mail"): its parts and its
                // joined form rank like separate words, as Lucene's parser does.
                return .boolean(must: [], should: (terms + joined).map { termNode($0, field: field, weight: boost) }, mustNot: [])
            }
            // A Chinese word, or a required/excluded compound: the parts as a
            // phrase, or the joined form ("e-mail" finds "e mail" and "email").
            let phrase = PlanNode.phrase(PhrasePlan(terms: terms, idfSum: terms.reduce(0) { $0 + idf($1) },
                                                    slop: 0, field: field, boost: boost))
            if joined.isEmpty { return phrase }
            return .boolean(must: [], should: [phrase] + joined.map { termNode($0, field: field, weight: boost) }, mustNot: [])
        case .prefix:
            let prefix = surfaceForm(term.text)
            guard !prefix.isEmpty else { return .nothing }
            let expansions = TermExpander.prefix(prefix, in: termVocabularies, limit: Self.maxExpansions)
            return .terms(TermGroup(alternatives: expansions.map {
                .init(term: $0.term, idf: idf($0.term), weight: boost)
            }, field: field))
        case .fuzzy(let maxEdits):
            // Match what the user typed against surface words, then use
            // those words' index terms: "univeristy~" → "university" → "universiti".
            let word = surfaceForm(term.text)
            guard !word.isEmpty else { return .nothing }
            let matches = TermExpander.fuzzy(word, maxEdits: maxEdits, in: spellingVocabularies, limit: Self.maxExpansions, deadline: deadline)
            var best: [String: Double] = [:]
            let length = Double(word.unicodeScalars.count)
            for match in matches {
                guard let stem = analyze(match.term).first else { continue }
                let similarity = 1 - Double(match.distance) / (length + 1)
                best[stem] = max(best[stem] ?? 0, similarity)
            }
            if best.isEmpty, let exact = analyze(term.text).first { best[exact] = 1 }
            return .terms(TermGroup(alternatives: best.sorted { $0.key < $1.key }.map {
                .init(term: $0.key, idf: idf($0.key), weight: boost * $0.value)
            }, field: field))
        }
    }

    private func termNode(_ term: String, field: IndexField?, weight: Double) -> PlanNode {
        .terms(TermGroup(alternatives: [.init(term: term, idf: idf(term), weight: weight)], field: field))
    }

    private func isStopWord(_ node: QueryNode) -> Bool {
        guard case .term(let term) = node, term.kind == .exact, term.field == nil else { return false }
        let words = surfaceWords(term.text)
        return words.count == 1 && analyzer.isStopWord(words[0])
    }

    /// idf over the live documents (deleted ones count neither in N nor in df).
    func idf(_ term: String) -> Double {
        idf(documentFrequency: reader.documentFrequency(term))
    }

    /// idf of a term found in `df` live documents.
    func idf(documentFrequency df: Int) -> Double {
        BM25F.idf(documentFrequency: df, documentCount: reader.liveDocumentCount)
    }

    /// Index terms of `text`, analysed like the documents, one per position
    /// (the joined forms of hyphenated compounds left out): a phrase.
    func analyze(_ text: String) -> [String] {
        analyzeCompound(text).terms
    }

    /// Terms one per position, and the joined forms of hyphenated compounds
    /// (which share their first part's position).
    func analyzeCompound(_ text: String) -> (terms: [String], joined: [String]) {
        var session = analyzer.makeQuerySession()
        var terms: [String] = [], joined: [String] = []
        var last = -1
        for token in session.tokens(in: text) {
            if token.span.position > last {
                terms.append(token.term)
                last = token.span.position
            } else {
                joined.append(token.term)
            }
        }
        return (terms, joined)
    }

    /// Folded but unstemmed words of `text`.
    private func surfaceWords(_ text: String) -> [String] {
        var configuration = analyzer.configuration
        configuration.stemming = false
        var session = Analyzer(configuration: configuration).makeQuerySession()
        return session.tokens(in: text).map(\.term)
    }

    /// `text` folded like the index (case, accents), unstemmed, as one word.
    private func surfaceForm(_ text: String) -> String {
        surfaceWords(text).joined()
    }

    static func indexField(_ field: QueryField) -> IndexField {
        switch field {
        case .title: .title
        case .headings: .headings
        case .body: .body
        case .url: .url
        }
    }
}
