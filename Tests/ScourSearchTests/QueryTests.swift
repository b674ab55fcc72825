import Testing
@testable import ScourSearch

@Suite("Query language")
struct QueryTests {
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
        #expect(Set(try fixture.paths("the of"))
            == ["union-exchange.html", "campus-life.html", "library.txt", "london-trip.txt"])
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
        #expect(throws: SearchError.syntax(message: "the parenthesis opened here is never closed; add a closing )", column: 1)) {
            try fixture.searcher.search("(library")
        }
        #expect(throws: SearchError.onlyExclusions) { try fixture.searcher.search("-site:example.edu") }
    }

    @Test func booleanOperatorsAndGroups() throws {
        let fixture = try SearchFixture()
        #expect(try fixture.paths("library AND choir") == ["london-trip.txt"])
        #expect(Set(try fixture.paths("robotics OR quantum")) == ["twin-a.txt", "twin-b.txt", "quantum.txt"])
        #expect(try fixture.paths("library NOT exams") == ["london-trip.txt"])
        #expect(Set(try fixture.paths("(choir OR exams) AND library")) == ["library.txt", "london-trip.txt"])
        #expect(try fixture.paths("(choir OR exams) AND NOT midnight") == ["london-trip.txt"])
    }

    @Test func fieldRestrictions() throws {
        let fixture = try SearchFixture()
        // "library" is in the title of library.txt only; both bodies have it.
        #expect(try fixture.paths("title:library") == ["library.txt"])
        #expect(Set(try fixture.paths("body:library")) == ["library.txt", "london-trip.txt"])
        #expect(try fixture.paths("url:quantum") == ["quantum.txt"])
        #expect(try fixture.paths(#"title:"opening hours""#) == ["library.txt"])
    }

    @Test func prefixAndFuzzyTermsExpandAgainstTheDictionary() throws {
        let fixture = try SearchFixture()
        #expect(Set(try fixture.paths("robot*")) == ["twin-a.txt", "twin-b.txt"])
        #expect(try fixture.paths("semin*") == ["quantum.txt"])
        #expect(Set(try fixture.paths("robtics~")) == ["twin-a.txt", "twin-b.txt"])
        #expect(Set(try fixture.paths("libary~1")) == ["library.txt", "london-trip.txt"])
        #expect(try fixture.paths("xqzv*").isEmpty)
    }

    @Test func sloppyPhraseAllowsWordsInBetween() throws {
        let fixture = try SearchFixture()
        // "student … exchange meeting": "Student Union Exchange Meeting" in the title.
        #expect(try fixture.paths(#""student meeting""#).isEmpty)
        #expect(try fixture.paths(#""student meeting"~2"#) == ["union-exchange.html"])
    }

    @Test func boostsChangeTheOrder() throws {
        let fixture = try SearchFixture()
        let plain = try fixture.paths("choir midnight")
        let boosted = try fixture.paths("choir midnight^10")
        #expect(plain.first == "london-trip.txt")
        #expect(boosted.first == "library.txt")
    }

    @Test func didYouMeanSuggestsACorrectionThatMatches() throws {
        let fixture = try SearchFixture()
        let results = try fixture.searcher.search("libary hours")
        #expect(results.suggestion == "library hours")
        #expect(try fixture.searcher.search("library").suggestion == nil)
        #expect(try fixture.searcher.search("zzqx").suggestion == nil)
    }
}
