import Foundation
import ScourTestSupport
import Testing
import Scour
import ScourSearch

/// Rankings on the project's own sample corpus, whose answers are known
/// because the pages were written for this project
/// (`Tests/Fixtures/corpus-expectations.json`).
@Suite("Searching Corpus/")
struct CorpusSearchTests {
    /// Corpus/ indexed once for the whole suite.
    static let index: (directory: TemporaryDirectory, searchIndex: SearchIndex, indexed: Int) = {
        let directory = TemporaryDirectory()
        let summary = try! Indexer(indexPath: directory.path).index(paths: [RepositoryFiles.corpus])
        return (directory, try! SearchIndex(path: directory.path), summary.indexed)
    }()

    static let expectations = try! CorpusExpectations.load()

    @Test func everyCorpusPageIsIndexed() throws {
        #expect(Self.index.indexed == Self.expectations.pages.count)
        #expect(Self.index.indexed >= 40)
    }

    @Test(arguments: expectations.queries.map(\.query))
    func knownAnswerRanksFirst(query: String) throws {
        let expected = try #require(Self.expectations.queries.first { $0.query == query })
        let results = try Self.index.searchIndex.search(query)
        let first = try #require(results.hits.first, "no result for \(query)")
        #expect(first.path == expected.top, "\(query): \(expected.why ?? "")")
        // The top result shows why it matched: a query word is marked in its snippet.
        #expect(!first.snippet.highlights.isEmpty, "\(query): nothing highlighted in \(first.snippet.text)")
    }

    @Test(arguments: expectations.chromeOnlyPhrases)
    func phraseFromMenusAndFootersFindsNothing(phrase: String) throws {
        let results = try Self.index.searchIndex.search("\"\(phrase)\"")
        #expect(results.hits.isEmpty, "\(phrase) found in \(results.hits.map(\.path))")
    }

    @Test(arguments: expectations.chineseQueries.map(\.query))
    func chineseQueryFindsItsPage(query: String) throws {
        let expected = try #require(Self.expectations.chineseQueries.first { $0.query == query })
        let results = try Self.index.searchIndex.search(query)
        #expect(results.hits.first?.path == expected.top)
        let hit = try #require(results.hits.first)
        let bytes = Array(hit.snippet.text.utf8)
        let marked = hit.snippet.highlights.map { String(decoding: bytes[$0], as: UTF8.self) }
        // The query word is marked as one span (its bigrams joined as a phrase);
        // its bigrams are also marked where they stand alone, as the words of
        // an English phrase are. Nothing else is marked.
        #expect(marked.contains(query), "marked \(marked)")
        #expect(marked.allSatisfy { $0.count >= 2 && query.contains($0) }, "marked \(marked)")
    }
}
