import ScourAnalysis
import ScourIndex
import ScourTestSupport
import Testing
@testable import ScourSearch

@Suite("Snippets")
struct SnippetTests {
    func highlighted(_ snippet: Snippet) -> [String] {
        let bytes = Array(snippet.text.utf8)
        return snippet.highlights.map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test func everyMatchedTermIsHighlightedWithByteOffsets() throws {
        let fixture = try SearchFixture()
        let hit = try #require(try fixture.searcher.search("student unions").hits.first)
        #expect(hit.path == "union-exchange.html")
        let words = highlighted(hit.snippet)
        #expect(words.contains("student"))
        #expect(words.contains("union"))
        #expect(words.contains("unions"))
        #expect(hit.snippet.marked(open: "[", close: "]").contains("[student] [union]"))
    }

    @Test func phraseIsOneHighlight() throws {
        let fixture = try SearchFixture()
        let hit = try #require(try fixture.searcher.search(#""university of london""#).hits.first)
        #expect(highlighted(hit.snippet) == ["university of london"])
    }

    @Test func prefixAndFuzzyExpansionsAreHighlighted() throws {
        let fixture = try SearchFixture()
        let prefix = try #require(try fixture.searcher.search("choi*").hits.first)
        #expect(highlighted(prefix.snippet) == ["choir"])
        let fuzzy = try #require(try fixture.searcher.search("choyr~").hits.first)
        #expect(highlighted(fuzzy.snippet) == ["choir"])
    }

    /// A document longer than a snippet window with its only match near
    /// the end, and one with a match in its first window and its last.
    static func hugeDocumentIndex() throws -> (TemporaryDirectory, Searcher) {
        let directory = TemporaryDirectory()
        let filler = String(repeating: "meadow river stone lantern harvest ", count: (SnippetBuilder.window * 3 / 2) / 35)
        var builder = SegmentBuilder(analyzer: Analyzer())
        builder.add(StoredDocument(path: "huge.txt", title: "Field notes",
                                   text: filler + "The zanzibar archive closes at noon. " + String(filler.prefix(200_000))))
        builder.add(StoredDocument(path: "both.txt", title: "Almanac",
                                   text: "An almanac entry. " + filler + "Another almanac entry."))
        return (directory, try SearchFixture.oneSegmentSearcher(builder, in: directory))
    }

    @Test func aMatchPastTheFirstWindowOfAHugeDocumentIsFound() throws {
        let (directory, searcher) = try Self.hugeDocumentIndex()
        _ = directory
        let hit = try #require(try searcher.search("zanzibar").hits.first)
        #expect(hit.path == "huge.txt")
        #expect(highlighted(hit.snippet) == ["zanzibar"])
        #expect(hit.snippet.text.hasPrefix("… "))
        // The window nearest the index's first match is looked at first.
        let almanac = try #require(try searcher.search("almanac").hits.first { $0.path == "both.txt" })
        #expect(almanac.snippet.text.hasPrefix("An almanac entry."))
    }

    @Test func windowsStartAndEndBetweenWords() {
        let text = Array(String(repeating: "ab cd ", count: (SnippetBuilder.window * 2) / 6 + 5).utf8)
        text.withUnsafeBufferPointer { buffer in
            var previousEnd = 0
            for number in 0..<3 {
                let range = SnippetBuilder.windowRange(number, in: buffer)
                #expect(range.lowerBound == previousEnd)   // windows tile the text
                #expect(range.lowerBound == 0 || buffer[range.lowerBound] == 0x20)
                #expect(range.upperBound == buffer.count || buffer[range.upperBound] == 0x20)
                previousEnd = range.upperBound
            }
            #expect(previousEnd == buffer.count)
        }
    }

    @Test func titleOnlyMatchShowsTheOpening() throws {
        let fixture = try SearchFixture()
        let hit = try #require(try fixture.searcher.search("seminar").hits.first)
        #expect(hit.snippet.text.hasPrefix("Speakers from three institutes"))
        #expect(hit.snippet.highlights.isEmpty)
    }

    @Test func chineseMatchesAreHighlighted() throws {
        let fixture = try SearchFixture()
        let hit = try #require(try fixture.searcher.search("图书馆").hits.first)
        #expect(highlighted(hit.snippet).contains("图书馆"))
    }

    @Test func longTextsAreCutNearTheBestPassageAtWordBoundaries() {
        let filler = String(repeating: "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", count: 20)
        let text = filler + "The robotics laboratory opened its doors to visitors. " + filler
        let builder = SnippetBuilder(terms: ["robot", "laboratori"], phrases: [], weights: [:], length: 200)
        var session = ScourAnalysisSessionFactory.make()
        let snippet = builder.snippet(for: text, session: &session)
        #expect(snippet.text.hasPrefix("… "))
        #expect(snippet.text.hasSuffix(" …"))
        #expect(snippet.text.count <= 240)
        #expect(highlighted(snippet) == ["robotics", "laboratory"])
        #expect(snippet.text.contains("The robotics laboratory opened"))
    }
}

import ScourAnalysis
enum ScourAnalysisSessionFactory {
    static func make() -> AnalysisSession { Analyzer().makeSession() }
}
