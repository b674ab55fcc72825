import ScourAnalysis

/// A query after analysis: every clause turned into index terms.
///
/// A clause whose text analyses to several terms (a quoted phrase, but also
/// `e-mail` or a Chinese word, which becomes overlapping bigrams) is matched
/// as a phrase: its terms at consecutive positions.
struct CompiledQuery {
    struct Unit {
        var occur: Query.Occur
        /// One term, or the terms of a phrase in order.
        var terms: [String]
        var isPhrase: Bool { terms.count > 1 }
    }

    var units: [Unit]

    /// Analyses `query`'s clauses; stop words are dropped from optional
    /// single-word clauses unless that would leave nothing to rank.
    init(_ query: Query, analyzer: Analyzer) throws(SearchError) {
        var session = analyzer.makeSession()
        // Stop words are recognised on the unstemmed surface form.
        var surface = Analyzer(configuration: AnalyzerConfiguration(
            stemming: false, stopWords: analyzer.configuration.stopWords,
            language: analyzer.configuration.language)).makeSession()
        var units: [Unit] = []
        var stopUnits = Set<Int>()
        for clause in query.clauses {
            let terms = session.tokens(in: clause.text).map(\.term)
            guard !terms.isEmpty else { continue }
            let words = surface.tokens(in: clause.text).map(\.term)
            if !clause.isPhrase, clause.occur == .should, words.count == 1, analyzer.isStopWord(words[0]) {
                stopUnits.insert(units.count)
            }
            if clause.occur == .should, !clause.isPhrase, terms.count > 1, !terms.contains(where: Analyzer.isCJKTerm) {
                // An unquoted compound ("IL-6", "e-mail"): its parts are
                // ranked like separate words, as Lucene's parser does.
                for term in terms { units.append(Unit(occur: .should, terms: [term])) }
            } else {
                // A quoted phrase, a Chinese word (adjacent bigrams), or a
                // required or excluded compound: matched as typed.
                units.append(Unit(occur: clause.occur, terms: terms))
            }
        }
        if units.isEmpty {
            let text = query.clauses.map(\.text).joined(separator: " ")
            throw .noSearchableTerms(query: text)
        }
        guard units.contains(where: { $0.occur != .mustNot }) else { throw .onlyExclusions }
        let rankable = units.enumerated().filter { !stopUnits.contains($0.offset) }.map(\.element)
        if rankable.contains(where: { $0.occur != .mustNot }) {
            units = rankable
        }
        self.units = units
    }

    /// The distinct terms that count for highlighting (not excluded ones).
    var positiveTerms: [String] {
        var seen = Set<String>()
        var result: [String] = []
        for unit in units where unit.occur != .mustNot {
            for term in unit.terms where seen.insert(term).inserted { result.append(term) }
        }
        return result
    }

    /// Phrases to highlight as one span.
    var positivePhrases: [[String]] {
        units.filter { $0.occur != .mustNot && $0.isPhrase }.map(\.terms)
    }
}
