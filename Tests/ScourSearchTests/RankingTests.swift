import Foundation
import Testing
import ScourIndex
@testable import ScourSearch

@Suite("Ranking")
struct RankingTests {
    @Test func documentAboutTheTopicRanksFirst() throws {
        let fixture = try SearchFixture()
        let paths = try fixture.paths("student union")
        #expect(paths.first == "union-exchange.html")
        #expect(paths.contains("campus-life.html"))
        #expect(paths.count == 2)
    }

    @Test func termsAreORed() throws {
        let fixture = try SearchFixture()
        #expect(Set(try fixture.paths("robotics quantum")) == ["twin-a.txt", "twin-b.txt", "quantum.txt"])
    }

    @Test func titleMatchesOutweighBodyMatches() throws {
        let fixture = try SearchFixture()
        // "library" is in document 2's title and body, document 3's body only.
        #expect(try fixture.paths("library").first == "library.txt")
    }

    @Test func equalScoresAreOrderedByDocumentId() throws {
        let fixture = try SearchFixture()
        let results = try fixture.searcher.search("robotics")
        #expect(results.hits.map(\.path) == ["twin-a.txt", "twin-b.txt"])
        try #require(results.hits.count == 2)
        #expect(results.hits[0].score == results.hits[1].score)
    }

    @Test func segmentationDoesNotChangeScores() throws {
        let one = try SearchFixture(segmentsOf: 100)
        let many = try SearchFixture(segmentsOf: 2)
        for query in ["student union", "library london", "robotics", "图书馆"] {
            let a = try one.searcher.search(query).hits.map { "\($0.path) \($0.score)" }
            let b = try many.searcher.search(query).hits.map { "\($0.path) \($0.score)" }
            #expect(!a.isEmpty, "query \(query) found nothing")
            #expect(a == b, "query \(query)")
        }
    }

    @Test func bm25fMatchesTheFormula() {
        // N = 10, df = 2: Lucene's idf = ln(1 + 8.5 / 2.5).
        #expect(abs(BM25F.idf(documentFrequency: 2, documentCount: 10) - log(1 + 8.5 / 2.5)) < 1e-12)
        let scorer = BM25F(k1: 1.2, weights: [.title: 2, .body: 1], b: [.title: 0.5, .body: 0.75])
        let normalizer = scorer.normalizer(averageLengths: [4, 0, 100, 0])
        // Body: tf 3 at average length → 3; title: tf 1, length 8 = 2× average → 2·1/(1 − 0.5 + 0.5·2) = 4/3.
        let tf = normalizer.pseudoFrequency(FieldCounts(title: 1, body: 3), lengths: FieldCounts(title: 8, body: 100))
        #expect(abs(tf - (3 + 4.0 / 3)) < 1e-12)
        #expect(abs(scorer.saturate(tf) - tf * 2.2 / (tf + 1.2)) < 1e-12)
        // Restricted to one field, only that field counts.
        let title = normalizer.pseudoFrequency(FieldCounts(title: 1, body: 3), lengths: FieldCounts(title: 8, body: 100), only: .title)
        #expect(abs(title - 4.0 / 3) < 1e-12)
    }

    @Test func topKKeepsTheBestInOrder() {
        var top = TopDocuments(k: 3)
        for (document, score) in [(0, 1.0), (1, 5.0), (2, 3.0), (3, 5.0), (4, 0.5), (5, 4.0)] {
            top.offer(ScoredDocument(score: score, document: document))
        }
        #expect(top.ranked().map(\.document) == [1, 3, 5])
    }

    @Test func totalCountsAllMatchesNotJustTheLimit() throws {
        let fixture = try SearchFixture()
        // "the" is in the four English texts with prose.
        let exact = try fixture.searcher.search("the", options: SearchOptions(limit: 1, exactTotal: true))
        #expect(exact.hits.count == 1)
        #expect(exact.total == 4)
        #expect(!exact.totalIsLowerBound)
        // Pruned: the same hit, and a count that says when it is a lower bound.
        let pruned = try fixture.searcher.search("the", options: SearchOptions(limit: 1))
        #expect(pruned.hits == exact.hits)
        #expect(pruned.totalIsLowerBound ? (1..<4).contains(pruned.total) : pruned.total == 4)
    }
}
