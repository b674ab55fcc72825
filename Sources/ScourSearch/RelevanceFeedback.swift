import ScourAnalysis
import ScourIndex

/// Pseudo-relevance feedback for the tail of long result lists.
///
/// The first `head` results are the query's own BM25F ranking, untouched:
/// that is where precision matters and where expansion is known to drift
/// off topic. Below them, documents that match the query are re-ranked by
/// the query *plus* the words that characterise its best `documents`
/// results (RM3-style: each word weighted by its length-normalised
/// frequency in those documents times its idf). A relevant abstract that
/// says "neoplasm" where the query says "tumour" then climbs from rank 300
/// into the top 100. Only documents that match the original query are
/// re-ranked, so every result still contains a query word and `total`
/// stays an honest count.
///
/// Measured on SciFact (see the README): R@100 rises from 0.915 to 0.93
/// while nDCG@10 is unchanged by construction.
public struct RelevanceFeedback: Sendable, Equatable {
    /// Results kept in their original order.
    public var head: Int
    /// Top results the expansion words are drawn from.
    public var documents: Int
    /// Expansion words added to the query.
    public var terms: Int
    /// Weight of the strongest expansion word, relative to a query word.
    public var weight: Double

    public init(head: Int = 10, documents: Int = 10, terms: Int = 20, weight: Double = 0.5) {
        self.head = head
        self.documents = documents
        self.terms = terms
        self.weight = weight
    }

    public static let standard = RelevanceFeedback()

    /// Expansion terms drawn from `texts`, as weighted term alternatives.
    func expansionTerms(from texts: [String], excluding queryTerms: Set<String>, planner: QueryPlanner) -> [TermGroup.Alternative] {
        var session = planner.analyzer.makeSession()
        var scores: [String: Double] = [:]
        var idfs: [String: Double] = [:]
        for text in texts {
            var counts: [String: Int] = [:]
            var length = 0
            session.analyze(text) { term, _ in
                length += 1
                guard term.count >= 3, term.contains(where: { $0 >= 0x61 }) else { return }
                counts[String(decoding: term, as: UTF8.self), default: 0] += 1
            }
            guard length > 0 else { continue }
            for (term, count) in counts where !queryTerms.contains(term) && !planner.analyzer.isStopWord(term) {
                let idf = idfs[term] ?? planner.idf(term)
                idfs[term] = idf
                guard planner.reader.documentFrequency(term) >= 2 else { continue }
                scores[term, default: 0] += Double(count) / Double(length) * idf
            }
        }
        let best = scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(terms)
        guard let strongest = best.first?.value, strongest > 0 else { return [] }
        return best.map { .init(term: $0.key, idf: idfs[$0.key] ?? 0, weight: weight * $0.value / strongest) }
    }
}
