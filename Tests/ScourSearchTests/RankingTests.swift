import Foundation
import Testing
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
        #expect(results.hits[0].score == results.hits[1].score)
    }

    @Test func segmentationDoesNotChangeScores() throws {
        let one = try SearchFixture(segmentsOf: 100)
        let many = try SearchFixture(segmentsOf: 2)
        for query in ["student union", "library london", "robotics", "图书馆"] {
            let a = try one.searcher.search(query).hits.map { "\($0.path) \($0.score)" }
            let b = try many.searcher.search(query).hits.map { "\($0.path) \($0.score)" }
            #expect(a == b, "query \(query)")
        }
    }

    @Test func bm25MatchesLuceneFormula() {
        // N = 10, df = 2: idf = ln(1 + 8.5 / 2.5).
        #expect(abs(BM25.idf(documentFrequency: 2, documentCount: 10) - log(1 + 8.5 / 2.5)) < 1e-12)
        let bm25 = BM25(k1: 1.2, b: 0.75, titleWeight: 1)
        // tf = 3 in a document of average length: 3 · 2.2 / (3 + 1.2).
        let weight = bm25.termWeight(bodyFrequency: 3, titleFrequency: 0, titleLength: 0, bodyLength: 100, averageLength: 100)
        #expect(abs(weight - 3 * 2.2 / 4.2) < 1e-12)
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
        let results = try fixture.searcher.search("the", options: SearchOptions(limit: 1))
        #expect(results.hits.count == 1)
        #expect(results.total > 1)
    }
}
