import Foundation
import ScourTestSupport
import Testing
import ScourAnalysis
import ScourIndex
@testable import ScourSearch

/// An index of `documents` in one segment (the current format), kept alive
/// with its folder.
struct SmallIndex {
    let directory = TemporaryDirectory()
    let searcher: Searcher

    init(_ documents: [StoredDocument]) throws {
        let index = IndexDirectory(path: directory.path)
        var builder = SegmentBuilder(analyzer: Analyzer())
        for document in documents { builder.add(document) }
        let info = try SegmentWriter.write(builder, to: index.segmentPath(generation: 1, ordinal: 0))
        try index.commit(Manifest(generation: 1, analyzer: .standard, segments: [info]))
        searcher = Searcher(reader: try IndexReader(path: directory.path))
    }

    func paths(_ query: String, sites: [String] = []) throws -> [String] {
        try searcher.search(query, options: SearchOptions(sites: sites)).hits.map(\.path)
    }
}

/// `Tests/Fixtures/index-format-3`, written by the format-3 scour.
let formatThreeIndex = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/index-format-3").path

@Suite("site: filter")
struct SiteFilterTests {
    static let documents = [
        StoredDocument(path: "cs-smith", title: "Smith Research Group", text: "Ferry routing research.",
                       url: "http://www.cs.example.edu/~smith/"),
        StoredDocument(path: "pku-library", title: "图书馆开放时间", text: "图书馆 opening hours.",
                       url: "https://lib.pku.edu.cn/hours"),
        StoredDocument(path: "news-ferry", title: "Ferry News", text: "The ferry runs again.",
                       url: "https://news.example.com/ferry"),
        StoredDocument(path: "notes.txt", title: "Notes", text: "Ferry notes.",
                       location: "/data/notes/notes.txt", source: "/data/notes"),
        StoredDocument(path: "other-ferry", title: "Ferry Timetable", text: "Ferry timetable.",
                       url: "https://other.org/ferry", aliases: ["http://mirror.example.edu/ferry"]),
    ]

    @Test func siteRestrictsAQueryToTheHostAndItsSubdomains() throws {
        let index = try SmallIndex(Self.documents)
        #expect(Set(try index.paths("ferry site:example.edu")) == ["cs-smith", "other-ferry"])
        #expect(Set(try index.paths("ferry site:edu")) == ["cs-smith", "other-ferry"])
        #expect(try index.paths("site:edu.cn 图书馆") == ["pku-library"])
        #expect(try index.paths("ferry site:www.news.example.com") == ["news-ferry"])
        #expect(try index.paths("ferry site:ample.com") == [])
    }

    @Test func excludedSitesAndAlternativeSites() throws {
        let index = try SmallIndex(Self.documents)
        #expect(Set(try index.paths("ferry -site:example.com")) == ["cs-smith", "notes.txt", "other-ferry"])
        #expect(Set(try index.paths("ferry (site:example.com OR site:other.org)")) == ["news-ferry", "other-ferry"])
        #expect(try index.paths("ferry +site:example.edu +site:other.org") == ["other-ferry"])
    }

    @Test func siteAloneListsTheSitesDocumentsInIndexOrder() throws {
        let index = try SmallIndex(Self.documents)
        // lib.pku.edu.cn is under cn, not edu.
        let results = try index.searcher.search("site:edu")
        #expect(results.hits.map(\.path) == ["cs-smith", "other-ferry"])
        #expect(results.total == 2)
        #expect(results.hits.allSatisfy { $0.score == 0 })
        #expect(try index.paths("site:example.com site:pku.edu.cn") == ["pku-library", "news-ferry"])
    }

    @Test func theFilterAddsNothingToScores() throws {
        let index = try SmallIndex(Self.documents)
        let all = try index.searcher.search("ferry").hits
        let filtered = try index.searcher.search("ferry site:example.com").hits
        let news = try #require(all.first { $0.path == "news-ferry" })
        #expect(filtered.map(\.path) == ["news-ferry"])
        #expect(filtered[0].score == news.score)
    }

    @Test func sitesOptionIsAnyOfTheSites() throws {
        let index = try SmallIndex(Self.documents)
        #expect(Set(try index.paths("ferry", sites: ["example.com", "www.cs.example.edu"])) == ["news-ferry", "cs-smith"])
        #expect(try index.paths("ferry -site:example.com", sites: ["example.com"]) == [])
        // An empty query with sites lists them.
        #expect(try index.paths("", sites: ["http://other.org/"]) == ["other-ferry"])
        #expect(throws: SearchError.invalidSite("///")) { try index.searcher.search("ferry", options: SearchOptions(sites: ["///"])) }
        #expect(throws: SearchError.emptyQuery) { try index.searcher.search("  ") }
    }

    @Test func hitsCarryURLLocationAndAliases() throws {
        let index = try SmallIndex(Self.documents)
        let hits = try index.searcher.search("ferry", options: SearchOptions(limit: 10)).hits
        let notes = try #require(hits.first { $0.path == "notes.txt" })
        #expect(notes.url == nil)
        #expect(notes.location == "/data/notes/notes.txt")
        #expect(notes.source == "/data/notes")
        #expect(notes.id == "notes.txt")
        let other = try #require(hits.first { $0.path == "other-ferry" })
        #expect(other.url == "https://other.org/ferry")
        #expect(other.location == nil)
        #expect(other.aliases == ["http://mirror.example.edu/ferry"])
    }

    @Test func aSiteIsNeverCorrectedAsAMisspelling() {
        let suggester = SpellingSuggester(vocabularies: [ArrayVocabulary([("example", 9), ("ferry", 9), ("site", 9)])])
        #expect(suggester.suggest(for: "ferri site:exampel.com") == "ferry site:exampel.com")
        #expect(suggester.suggest(for: "(SITE:exampel.com) ferry") == nil)
    }
}

@Suite("Format-3 indexes")
struct FormatThreeSearchTests {
    @Test func theFrozenFormatThreeIndexStillSearches() throws {
        let searcher = Searcher(reader: try IndexReader(path: formatThreeIndex))
        let results = try searcher.search("ferry")
        #expect(results.hits.first?.path == "harbour-ferry.html")
        #expect(results.total == 2)
        #expect(results.hits.first?.snippet.highlights.isEmpty == false)
        let museum = try searcher.search("\"lighthouse museum\"").hits
        #expect(museum.map(\.path) == ["lighthouse-museum.html"])
        #expect(museum.first?.date == "2024-03-15")
        #expect(museum.first?.url == nil && museum.first?.location == nil)
    }

    /// Format 3 has no site terms: `site:` reads each candidate's stored URL.
    @Test func siteFallsBackToStoredURLs() throws {
        let searcher = Searcher(reader: try IndexReader(path: formatThreeIndex))
        func paths(_ query: String, sites: [String] = []) throws -> [String] {
            try searcher.search(query, options: SearchOptions(sites: sites)).hits.map(\.path)
        }
        #expect(try paths("site:example.edu") == ["rec-cs-smith"])
        #expect(try paths("ferry site:edu") == ["rec-cs-smith"])
        #expect(try paths("lighthouse -site:example.com") == ["lighthouse-museum.html"])
        #expect(try paths("lighthouse", sites: ["news.example.com"]) == ["rec-news"])
        #expect(try searcher.search("site:example.edu").hits.first?.url == "http://www.cs.example.edu/~smith/")
    }

    /// The same documents rewritten in format 4 give the same answers and
    /// the same scores: site terms change neither matching nor BM25F lengths.
    @Test func formatFourAgreesWithTheFallback() throws {
        let old = try IndexReader(path: formatThreeIndex)
        let documents = try (0..<old.documentCount).map { try old.document($0) }
        let current = try SmallIndex(documents)
        let oldSearcher = Searcher(reader: old)
        for query in ["site:example.edu", "ferry site:edu", "lighthouse -site:example.com", "harbour OR lighthouse",
                      "site:example.com lighthouse", "museum"] {
            let before = try oldSearcher.search(query).hits
            let after = try current.searcher.search(query).hits
            #expect(before.map(\.path) == after.map(\.path), "\(query)")
            #expect(before.map(\.score) == after.map(\.score), "\(query)")
        }
    }
}

@Suite("Did you mean, among words that match")
struct DidYouMeanTests {
    static let documents: [StoredDocument] = (1...6).map {
        StoredDocument(path: "hours-\($0)", title: "Office \($0)", text: "Opening hours of office \($0).")
    } + [
        StoredDocument(path: "library-1", title: "Library", text: "Library opening hours."),
        StoredDocument(path: "library-2", title: "Library news", text: "The library reopens."),
    ]

    @Test func oneMisspeltWordIsCorrectedEvenWhenTheOthersMatchMany() throws {
        let index = try SmallIndex(Self.documents)
        let results = try index.searcher.search("libary hours")
        #expect(results.total == 7)
        #expect(results.suggestion == "library hours")
    }

    @Test func correctQueriesGetNoSuggestion() throws {
        let index = try SmallIndex(Self.documents)
        #expect(try index.searcher.search("library hours").suggestion == nil)
        #expect(try index.searcher.search("hours").suggestion == nil)
    }

    @Test func suggestionsCanBeTurnedOff() throws {
        let index = try SmallIndex(Self.documents)
        #expect(try index.searcher.search("libary hours", options: SearchOptions(suggestions: false)).suggestion == nil)
    }
}

@Suite("Hostile ranking parameters")
struct RankingParameterTests {
    @Test(arguments: [
        (BM25F(k1: .infinity), "k1", Double.infinity, BM25F.k1Range),
        (BM25F(k1: 101), "k1", 101, BM25F.k1Range),
        (BM25F(k1: -1), "k1", -1, BM25F.k1Range),
        (BM25F(weights: [.title: .infinity]), "weight of title", Double.infinity, BM25F.weightRange),
        (BM25F(b: [.url: 2]), "b of url", 2, BM25F.bRange),
    ])
    func outOfRangeParametersAreErrors(scorer: BM25F, name: String, value: Double, allowed: ClosedRange<Double>) throws {
        let index = try SmallIndex(DidYouMeanTests.documents)
        #expect(throws: SearchError.invalidRankingParameter(name: name, value: value, allowed: allowed)) {
            try index.searcher.search("hours", options: SearchOptions(scorer: scorer))
        }
    }

    @Test func feedbackWeightIsChecked() throws {
        let index = try SmallIndex(DidYouMeanTests.documents)
        let options = SearchOptions(feedback: RelevanceFeedback(weight: .infinity))
        #expect(throws: SearchError.invalidRankingParameter(name: "feedback weight", value: .infinity, allowed: 0...100)) {
            try index.searcher.search("hours", options: options)
        }
    }

    @Test func notANumberIsAnError() throws {
        let index = try SmallIndex(DidYouMeanTests.documents)
        #expect {
            try index.searcher.search("hours", options: SearchOptions(scorer: BM25F(k1: .nan)))
        } throws: { error in
            guard case .invalidRankingParameter(let name, let value, _) = error as? SearchError else { return false }
            return name == "k1" && value.isNaN
        }
    }

    @Test func theLargestBoostsAndParametersStillGiveFiniteScores() throws {
        let index = try SmallIndex(DidYouMeanTests.documents)
        let weights = Dictionary(uniqueKeysWithValues: IndexField.allCases.map { ($0, BM25F.weightRange.upperBound) })
        let scorer = BM25F(k1: BM25F.k1Range.upperBound, weights: weights)
        let hits = try index.searcher.search("((hours^1000)^1000 library)", options: SearchOptions(scorer: scorer)).hits
        #expect(!hits.isEmpty)
        #expect(hits.allSatisfy { $0.score.isFinite && $0.score > 0 })
    }
}
