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
    /// How many of the query's own top results the tail is chosen from
    /// (at least the limit): feedback re-orders them rather than scoring
    /// every match again, so it costs little more than the query.
    public var candidates: Int

    public init(head: Int = 10, documents: Int = 10, terms: Int = 20, weight: Double = 0.5, candidates: Int = 2000) {
        self.head = head
        self.documents = documents
        self.terms = terms
        self.weight = weight
        self.candidates = candidates
    }

    public static let standard = RelevanceFeedback()

    /// Accepted ``weight``: beyond it expansion words would drown the query.
    public static let weightRange: ClosedRange<Double> = 0...100

    /// Expansion terms drawn from the stored documents `documents`
    /// (global ids), as weighted term alternatives.
    ///
    /// Each document's tokens are counted by their index in the document's
    /// own segment dictionary (a binary search over bytes, no allocation per
    /// token); only the distinct terms become strings.
    func expansionTerms(from documents: [Int], excluding queryTerms: Set<String>, planner: QueryPlanner) -> [TermGroup.Alternative] {
        let reader = planner.reader
        // Bigrams only, as queries see Chinese text: a lone Han unigram is
        // too vague to add to a query.
        var session = planner.analyzer.makeQuerySession()
        var scores: [String: Double] = [:]
        for id in documents where !reader.isDeleted(id) {
            guard let (segment, local) = reader.locate(id), let stored = try? segment.document(local) else { continue }
            var counts: [Int: Int] = [:]
            var length = 0
            for text in [stored.title, stored.text] {
                session.analyze(text) { term, _ in
                    length += 1
                    guard term.count >= 3, term.contains(where: { $0 >= 0x61 }),
                          let index = segment.index(of: UnsafeRawBufferPointer(term)) else { return }
                    counts[index, default: 0] += 1
                }
            }
            guard length > 0 else { continue }
            for (index, count) in counts {
                let term = String(decoding: segment.term(at: index), as: UTF8.self)
                guard !queryTerms.contains(term), !planner.analyzer.isStopWord(term) else { continue }
                scores[term, default: 0] += Double(count) / Double(length)
            }
        }
        // Document frequencies cost a lookup in every segment: candidates
        // are taken by their score alone, best first, and looked up until
        // even the largest idf (a word in two documents) could not lift the
        // rest into the best `terms`.
        let largestIDF = planner.idf(documentFrequency: 2)
        var weighted: [(term: String, score: Double, idf: Double)] = []
        var leaders: [Double] = []   // the best `terms` weighted scores so far, descending
        for (term, score) in scores.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
            if leaders.count >= terms, let last = leaders.last, score * largestIDF < last { break }
            // Live documents only, counted once per term (a postings walk
            // in segments with deletions).
            let documentFrequency = reader.documentFrequency(term)
            guard documentFrequency >= 2 else { continue }
            let idf = planner.idf(documentFrequency: documentFrequency)
            weighted.append((term, score * idf, idf))
            let position = leaders.firstIndex { $0 < score * idf } ?? leaders.count
            leaders.insert(score * idf, at: position)
            if leaders.count > terms { leaders.removeLast() }
        }
        weighted.sort { $0.score != $1.score ? $0.score > $1.score : $0.term < $1.term }
        let best = weighted.prefix(terms)
        guard let strongest = best.first?.score, strongest > 0 else { return [] }
        return best.map { .init(term: $0.term, idf: $0.idf, weight: weight * $0.score / strongest) }
    }
}
