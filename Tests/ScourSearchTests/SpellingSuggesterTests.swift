import Testing
@testable import ScourSearch

@Suite("Spelling suggestions")
struct SpellingSuggesterTests {
    let suggester = SpellingSuggester(vocabularies: [
        ArrayVocabulary([
            ("university", 40), ("library", 25), ("robotics", 9), ("lab", 12), ("labs", 3),
            ("chemistry", 7), ("the", 90), ("of", 95), ("cat", 3), ("cut", 10), ("title", 4),
            ("图书馆", 20), ("exchange", 6),
        ]),
        ArrayVocabulary([("university", 2), ("rare", 1), ("care", 4), ("dare", 5), ("libary", 1)]),
    ])

    @Test func correctsMisspeltWords() {
        #expect(suggester.suggest(for: "univeristy libary") == "university library")
    }

    @Test func keepsTheUsersCapitalisation() {
        #expect(suggester.suggest(for: "Univeristy LIBARY robtics") == "University LIBRARY robotics")
        #expect(suggester.suggest(for: "ROBTICS Lab") == "ROBOTICS Lab")
    }

    @Test func noSuggestionWhenEveryWordIsKnown() {
        #expect(suggester.suggest(for: "university library") == nil)
        #expect(suggester.suggest(for: "University of the LAB") == nil)
        #expect(suggester.suggest(for: "") == nil)
        #expect(suggester.suggest(for: "  \"\" - + ") == nil)
    }

    @Test func operatorsQuotesAndPunctuationArePreserved() {
        #expect(suggester.suggest(for: #""robtics lab" -chemstry"#) == #""robotics lab" -chemistry"#)
        #expect(suggester.suggest(for: "+robtics, (libary)!  ") == "+robotics, (library)!  ")
        #expect(suggester.suggest(for: "robtics AND libary") == "robotics AND library")
    }

    @Test func fieldNamesPrefixesAndFuzzyWordsAreLeftAlone() {
        #expect(suggester.suggest(for: "titel:robtics") == "titel:robotics")
        #expect(suggester.suggest(for: "titel:robotics") == nil)
        #expect(suggester.suggest(for: "univ* robtics~1 chemstry^2") == "univ* robtics~1 chemistry^2")
        #expect(suggester.suggest(for: "(robtics OR chemstry) AND NOT libary") == "(robotics OR chemistry) AND NOT library")
    }

    @Test func digitsShortWordsAndCJKAreNeverCorrected() {
        #expect(suggester.suggest(for: "robtics2 chemstry 2025") == "robtics2 chemistry 2025")
        #expect(suggester.suggest(for: "xf lb ct") == nil)
        #expect(suggester.suggest(for: "图书官") == nil)
    }

    @Test func twoEditsOnlyForWordsOfFiveOrMoreCharacters() {
        #expect(suggester.suggest(for: "chmstry") == "chemistry")
        #expect(suggester.suggest(for: "lxbx") == nil)
    }

    @Test func mostFrequentCandidateWins() {
        #expect(suggester.suggest(for: "cot") == "cut")
    }

    @Test func rareKnownWordIsCorrectedOnlyWhenANeighbourIsMuchMoreCommon() {
        // "libary" occurs once, "library" 25 times: corrected (also shown above).
        #expect(suggester.suggest(for: "libary") == "library")
        // "rare" occurs once, but its neighbours "dare" (5) and "care" (4): 5 ≥ 5 × 1, so "dare".
        #expect(suggester.suggest(for: "rare") == "dare")
        let lessSkewed = SpellingSuggester(vocabularies: [ArrayVocabulary([("rare", 1), ("care", 4)])])
        #expect(lessSkewed.suggest(for: "rare") == nil)
        // A misspelling a few pages of a crawl share ("libary" in 2 of Debian's
        // doc pages, "library" in 439): corrected when the neighbour is 5 × 2²
        // = 20 times as common.
        #expect(SpellingSuggester(vocabularies: [ArrayVocabulary([("rare", 2), ("care", 400)])]).suggest(for: "rare") == "care")
        #expect(SpellingSuggester(vocabularies: [ArrayVocabulary([("rare", 2), ("care", 19)])]).suggest(for: "rare") == nil)
        // In four documents a word is a word, however common its neighbour.
        #expect(SpellingSuggester(vocabularies: [ArrayVocabulary([("rare", 4), ("care", 4000)])]).suggest(for: "rare") == nil)
    }
}

@Suite("Suggestions for long queries")
struct LongQuerySuggestionTests {
    @Test func aPastedParagraphGetsNoSuggestion() throws {
        let fixture = try SearchFixture()
        #expect(try fixture.searcher.search("libary hours").suggestion == "library hours")
        let paragraph = Array(repeating: "libary hours", count: 30).joined(separator: " ")
        #expect(paragraph.utf8.count > Searcher.longestQueryToCorrect)
        #expect(try fixture.searcher.search(paragraph).suggestion == nil)
    }
}
