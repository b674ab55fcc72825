import Testing
@testable import ScourSearch

@Suite("Query language")
struct QueryTests {
    @Test func parserSplitsWordsPhrasesAndSigns() throws {
        let query = try QueryParser.parse(#"student "union exchange" -library +robotics"#)
        #expect(query.clauses == [
            .init(occur: .should, text: "student", isPhrase: false),
            .init(occur: .must, text: "union exchange", isPhrase: true),
            .init(occur: .mustNot, text: "library", isPhrase: false),
            .init(occur: .must, text: "robotics", isPhrase: false),
        ])
    }

    @Test func syntaxErrorsPointAtTheColumn() {
        #expect(throws: SearchError.syntax(message: "the quote opened here is never closed; add a closing \"", column: 7)) {
            try QueryParser.parse(#"hello "world"#)
        }
        #expect(throws: SearchError.emptyQuery) { try QueryParser.parse("   ") }
    }

    @Test func phraseNeedsAdjacentWords() throws {
        let fixture = try SearchFixture()
        // Both 2 and 3 contain university, of, london; only 2 has them adjacent.
        #expect(try fixture.paths(#""university of london""#) == ["library.txt"])
        #expect(try fixture.paths(#""london university""#) == [])
    }

    @Test func exclusionRemovesDocuments() throws {
        let fixture = try SearchFixture()
        #expect(try fixture.paths("library -exams") == ["london-trip.txt"])
        #expect(try fixture.paths(#"library -"opening hours""#) == ["london-trip.txt"])
    }

    @Test func requiredTermsMustAllMatch() throws {
        let fixture = try SearchFixture()
        #expect(try fixture.paths("+library +choir") == ["london-trip.txt"])
    }

    @Test func stopWordsAreIgnoredUnlessTheyAreAllThereIs() throws {
        let fixture = try SearchFixture()
        #expect(try fixture.paths("the robotics") == ["twin-a.txt", "twin-b.txt"])
        // Only stop words: search them rather than return nothing.
        #expect(try !fixture.paths("the of").isEmpty)
    }

    @Test func chineseQueryMatchesAsBigramPhrase() throws {
        let fixture = try SearchFixture()
        #expect(try fixture.paths("图书馆") == ["zh-library.html"])
        #expect(try fixture.paths("开放时间") == ["zh-library.html"])
    }

    @Test func badQueriesAreClearErrors() throws {
        let fixture = try SearchFixture()
        #expect(throws: SearchError.noSearchableTerms(query: "!!! ???")) { try fixture.searcher.search("!!! ???") }
        #expect(throws: SearchError.onlyExclusions) { try fixture.searcher.search("-library") }
        #expect(throws: SearchError.emptyQuery) { try fixture.searcher.search("") }
    }
}
