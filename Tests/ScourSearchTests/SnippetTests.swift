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
