import Foundation
import ScourAnalysis
import ScourTestSupport
import Testing
@testable import ScourIndex
@testable import ScourSearch

/// Date filters, date order and facets: every match is looked at, over
/// several segments with deletions.
@Suite("Dates and facets")
struct DateAndFacetTests {
    /// 30 pages about rowing on three sites, one a subdomain of another;
    /// every third page has no date.
    static func documents() -> [StoredDocument] {
        (0..<30).map { number in
            let site = ["news.example.edu", "sport.example.edu", "example.org"][number % 3]
            let date = number % 3 == 2 ? "" : String(format: "%04d-%02d-%02d", 2020 + number % 5, 1 + number % 12, 1 + number % 28)
            let words = number % 2 == 0 ? "rowing river regatta" : "rowing crew"
            return StoredDocument(path: "p\(number)", title: "Rowing \(number)", text: "The \(words) report number \(number).",
                                  url: "https://\(site)/p\(number)", date: date)
        }
    }

    static func searcher(_ directory: TemporaryDirectory) throws -> Searcher {
        try DeletionTests.writeIndex(documents(), segmentSize: 7, deleting: [4, 11], in: directory.path)
        return Searcher(reader: try IndexReader(path: directory.path))
    }

    /// The live documents that match `rowing` (all) and what they expect.
    static let live = documents().enumerated().filter { ![4, 11].contains($0.offset) }.map(\.element)

    @Test func aDateRangeKeepsThePagesPublishedInIt() throws {
        let directory = TemporaryDirectory()
        let searcher = try Self.searcher(directory)
        var options = SearchOptions(limit: 100, snippets: false, suggestions: false)
        options.dates = 20220000...20231231
        let results = try searcher.search("rowing", options: options)
        let expected = Self.live.filter { (20220000...20231231).contains(PublicationDate.number($0.date)) }
        #expect(Set(results.hits.map(\.path)) == Set(expected.map(\.path)))
        #expect(results.total == expected.count && !results.totalIsLowerBound)
        #expect(!expected.isEmpty && expected.count < Self.live.count)
        // Ranked by relevance as without the filter.
        let all = try searcher.search("rowing", options: SearchOptions(limit: 100, snippets: false, suggestions: false))
        #expect(results.hits.map(\.path) == all.hits.map(\.path).filter { path in expected.contains { $0.path == path } })
    }

    @Test func dateOrderPutsTheNewestFirstThenTheMostRelevant() throws {
        let directory = TemporaryDirectory()
        let searcher = try Self.searcher(directory)
        var options = SearchOptions(limit: 100, snippets: false, suggestions: false)
        options.sortByDate = true
        let results = try searcher.search("rowing regatta", options: options)
        let dates = results.hits.map { hit in PublicationDate.number(Self.live.first { $0.path == hit.path }!.date) }
        #expect(dates == dates.sorted(by: >))
        #expect(dates.last == 0)   // undated last
        // Scores are still the relevance scores.
        let plain = try searcher.search("rowing regatta", options: SearchOptions(limit: 100, snippets: false, suggestions: false))
        for hit in results.hits {
            let score = try #require(plain.hits.first { $0.path == hit.path }?.score)
            #expect(abs(hit.score - score) < 1e-6 * max(1, score))   // squeezed beside the date: about 8 digits kept
        }
    }

    @Test func facetsCountMatchesBySiteAndYear() throws {
        let directory = TemporaryDirectory()
        let searcher = try Self.searcher(directory)
        var options = SearchOptions(limit: 5, snippets: false, suggestions: false)
        options.facets = true
        let results = try searcher.search("regatta", options: options)
        let matching = Self.live.filter { $0.text.contains("regatta") }
        var years: [String: Int] = [:]
        for document in matching where !document.date.isEmpty { years[String(document.date.prefix(4)), default: 0] += 1 }
        #expect(results.facets?.years == years.sorted { $0.key > $1.key }.map { SearchFacets.Count(value: $0.key, count: $0.value) })
        var sites: [String: Int] = [:]
        for document in matching {
            let host = URL(string: document.url)!.host!
            sites[host, default: 0] += 1
            if host.hasSuffix(".example.edu") { sites["example.edu", default: 0] += 1 }
        }
        let counted = Dictionary(uniqueKeysWithValues: (results.facets?.sites ?? []).map { ($0.value, $0.count) })
        #expect(counted == sites)
        #expect(results.total == matching.count)
        // Without asking, no facets.
        #expect(try searcher.search("regatta").facets == nil)
    }
}

/// ``SearchOptions/timeLimit``: a search past it stops with an error.
@Suite("Search time limit")
struct SearchTimeLimitTests {
    @Test func aSearchPastItsTimeLimitStopsAndOneWithinItAnswersAsWithout() throws {
        let directory = TemporaryDirectory()
        let searcher = try DateAndFacetTests.searcher(directory)
        var stopped = SearchOptions(limit: 10)
        stopped.timeLimit = .zero   // already past when the search starts
        for query in ["rowing", "rowign~", "regatta OR crew"] {
            #expect(throws: SearchError.timeLimitExceeded(seconds: 0)) { try searcher.search(query, options: stopped) }
        }
        #expect(SearchError.timeLimitExceeded(seconds: 2.5).description
                == "the search took longer than 2.5 s and was stopped: use fewer prefix or fuzzy words (word*, word~), or more specific ones")
        var generous = SearchOptions(limit: 10)
        generous.timeLimit = .seconds(3600)
        for query in ["rowing", "rowign~", "regatta OR crew", "rowign"] {
            #expect(try searcher.search(query, options: generous) == searcher.search(query, options: SearchOptions(limit: 10)))
        }
    }
}
