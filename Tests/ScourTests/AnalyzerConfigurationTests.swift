import Foundation
import Testing
import Scour
import ScourAnalysis
import ScourTestSupport

/// The analyzer is chosen per index, recorded in its manifest, and used for
/// the queries that search it.
@Suite("Analyzer configuration per index")
struct AnalyzerConfigurationTests {
    func index(_ configuration: AnalyzerConfiguration) throws -> (TemporaryDirectory, SearchIndex) {
        let site = TemporaryDirectory(), index = TemporaryDirectory()
        site.write("meetings.txt", "Student union meetings\n\nThe unions held three meetings in the autumn term.")
        site.write("other.txt", "Library news\n\nThe library of the university opened a new reading room.")
        try Indexer(indexPath: index.path, options: IndexingOptions(analyzer: configuration)).index(paths: [site.path])
        return (index, try SearchIndex(path: index.path))
    }

    @Test func stemmingOnFindsOtherFormsOfAWord() throws {
        let (_, searchIndex) = try index(AnalyzerConfiguration())
        #expect(searchIndex.reader.manifest.analyzer == AnalyzerConfiguration())
        #expect(try searchIndex.search("meeting union").hits.map(\.path) == ["meetings.txt"])
    }

    @Test func stemmingOffMatchesExactFormsOnlyAndIsRecorded() throws {
        let (_, searchIndex) = try index(AnalyzerConfiguration(stemming: false))
        #expect(searchIndex.reader.manifest.analyzer.stemming == false)
        #expect(try searchIndex.search("meeting").hits.isEmpty)
        #expect(try searchIndex.search("meetings").hits.map(\.path) == ["meetings.txt"])
    }

    @Test func stopWordsAreKeptInTheIndexForPhrases() throws {
        let (_, searchIndex) = try index(AnalyzerConfiguration())
        // "of the" are stop words: ignored as ranked words, but a phrase needs them.
        #expect(try searchIndex.search(#""library of the university""#).hits.map(\.path) == ["other.txt"])
        #expect(try searchIndex.search(#""library university""#).hits.isEmpty)
        // A query of only stop words searches them rather than failing.
        #expect(try searchIndex.search("of the").hits.count == 2)
    }

    @Test func stopWordsOffRanksThemLikeOtherWords() throws {
        let (_, withStops) = try index(AnalyzerConfiguration())
        let (_, without) = try index(AnalyzerConfiguration(stopWords: false))
        // "the" occurs in both pages: with stop words on it adds nothing to the score.
        let a = try #require(try withStops.search("reading the").hits.first)
        let b = try #require(try without.search("reading the").hits.first)
        #expect(a.path == "other.txt" && b.path == "other.txt")
        #expect(b.score > a.score)
    }
}
