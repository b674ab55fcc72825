import Foundation
import Testing
import ScourAnalysis
import ScourIndex
import ScourTestSupport
@testable import ScourSearch

@Suite("Relevance feedback")
struct RelevanceFeedbackTests {
    /// Twelve pages about glioma treatment (the head for "tumour"), and two
    /// that mention a tumour once: one in the same vocabulary, one not.
    static func makeIndex() throws -> (TemporaryDirectory, Searcher) {
        let directory = TemporaryDirectory()
        var builder = SegmentBuilder(analyzer: Analyzer())
        for i in 0..<12 {
            builder.add(StoredDocument(path: String(format: "glioma-%02d", i), title: "Glioma tumour study \(i)",
                text: "Tumour growth in glioma patients treated with temozolomide; astrocyte markers and radiotherapy response. Tumour tumour."))
        }
        builder.add(StoredDocument(path: "budget", title: "Council budget",
            text: "The council discussed the tumour of rising costs, taxes, parking fees and the library budget."))
        builder.add(StoredDocument(path: "astrocyte", title: "Cell biology notes",
            text: "A tumour can arise from astrocyte cells; temozolomide and radiotherapy are standard for glioma, with parking and budget notes."))
        return (directory, try SearchFixture.oneSegmentSearcher(builder, in: directory))
    }

    @Test func headIsUnchangedAndTheTailPrefersTheTopicsVocabulary() throws {
        let (_, searcher) = try Self.makeIndex()
        let plain = try searcher.search("tumour", options: SearchOptions(limit: 14, feedback: nil))
        let fed = try searcher.search("tumour", options: SearchOptions(limit: 14, feedback: .standard))
        #expect(Array(fed.hits.prefix(10).map(\.path)) == Array(plain.hits.prefix(10).map(\.path)))
        #expect(fed.total == plain.total)
        // Every result still contains the query word.
        #expect(Set(fed.hits.map(\.path)) == Set(plain.hits.map(\.path)))
        #expect(fed.hits.count == 14)
        // Without feedback the off-topic page comes first (it is shorter);
        // feedback is what puts the on-topic one ahead.
        let plainAstrocyte = try #require(plain.hits.firstIndex { $0.path == "astrocyte" })
        let plainBudget = try #require(plain.hits.firstIndex { $0.path == "budget" })
        #expect(plainBudget < plainAstrocyte)
        let astrocyte = try #require(fed.hits.firstIndex { $0.path == "astrocyte" })
        let budget = try #require(fed.hits.firstIndex { $0.path == "budget" })
        #expect(astrocyte < budget)
    }

    @Test func theTailIsChosenFromTheQuerysOwnTopCandidates() throws {
        let (_, searcher) = try Self.makeIndex()
        let plain = try searcher.search("tumour", options: SearchOptions(limit: 14, feedback: nil))
        #expect(plain.hits.last?.path == "astrocyte")   // the query alone ranks it last
        // Thirteen results: with thirteen candidates, feedback can only
        // re-order the query's own thirteen; with more, it lifts the
        // on-topic page from fourteenth into the list.
        var narrow = RelevanceFeedback.standard
        narrow.candidates = 13
        let fromThirteen = try searcher.search("tumour", options: SearchOptions(limit: 13, feedback: narrow))
        #expect(Set(fromThirteen.hits.map(\.path)) == Set(plain.hits.prefix(13).map(\.path)))
        let fromAll = try searcher.search("tumour", options: SearchOptions(limit: 13, feedback: .standard))
        #expect(fromAll.hits.map(\.path).contains("astrocyte"))
        #expect(!fromAll.hits.map(\.path).contains("budget"))
    }

    @Test func shortListsAreNotTouched() throws {
        let (_, searcher) = try Self.makeIndex()
        let plain = try searcher.search("tumour", options: SearchOptions(limit: 10, feedback: nil))
        let fed = try searcher.search("tumour", options: SearchOptions(limit: 10, feedback: .standard))
        #expect(plain.hits.count == 10)
        #expect(fed.hits == plain.hits)
    }

    @Test func feedbackIsOffByDefaultAsInTheCommandLine() throws {
        let (_, searcher) = try Self.makeIndex()
        #expect(SearchOptions().feedback == nil)
        let byDefault = try searcher.search("tumour", options: SearchOptions(limit: 14))
        let plain = try searcher.search("tumour", options: SearchOptions(limit: 14, feedback: nil))
        let fed = try searcher.search("tumour", options: SearchOptions(limit: 14, feedback: .standard))
        #expect(byDefault.hits == plain.hits)
        #expect(byDefault.hits != fed.hits)
    }

    /// The expansion words come from each top page's title and the first
    /// `textBytes` bytes of its text.
    @Test func expansionWordsComeFromTheTitleAndABoundedPrefixOfTheText() throws {
        let (_, searcher) = try Self.makeIndex()
        let planner = QueryPlanner(reader: searcher.reader)
        let top = try searcher.search("tumour", options: SearchOptions(limit: 10, feedback: nil)).hits.map(\.document)
        func words(textBytes: Int) -> Set<String> {
            var feedback = RelevanceFeedback.standard
            feedback.textBytes = textBytes
            return Set(feedback.expansionTerms(from: top, excluding: ["tumour"], planner: planner).map(\.term))
        }
        let whole = words(textBytes: .max)
        #expect(whole.contains("glioma") && whole.contains("temozolomid") && whole.contains("radiotherapi"))
        #expect(!whole.contains("tumour"))   // a query word
        // "Tumour growth in glioma patients": the title, and glioma.
        let prefix = words(textBytes: 33)
        #expect(prefix.contains("glioma") && prefix.contains("studi"))
        #expect(!prefix.contains("temozolomid") && !prefix.contains("radiotherapi"))
    }

    @Test func aPrefixEndsBetweenWordsOrCharacters() {
        func prefix(_ text: String, _ limit: Int) -> String {
            Array(text.utf8).withUnsafeBufferPointer { String(decoding: RelevanceFeedback.prefix(of: $0, upTo: limit), as: UTF8.self) }
        }
        #expect(prefix("alpha beta gamma", 100) == "alpha beta gamma")
        #expect(prefix("alpha beta gamma", 8) == "alpha")
        #expect(prefix("alpha beta gamma", 9) == "alpha")
        #expect(prefix("alpha beta gamma", 10) == "alpha beta")
        #expect(prefix("alpha beta gamma", 11) == "alpha beta")
        #expect(prefix("ééééé", 3) == "é")   // never half a character
        #expect(prefix("ééééé", 4) == "éé")
    }

    @Test func aTallyCountsEachDocumentsTermsApart() {
        var tally = TermTally()
        func add(_ words: [String]) {
            for word in words { Array(word.utf8).withUnsafeBufferPointer { tally.add($0) } }
        }
        add(["beta", "alpha", "beta", "beta"])
        let first = tally.endDocument()
        #expect(first.map(\.term) == [0, 1] && first.map(\.count) == [3, 1])
        add(["alpha", "gamma"])
        let second = tally.endDocument()
        #expect(second.map(\.term) == [1, 2] && second.map(\.count) == [1, 1])
        #expect(tally.count == 3)
        #expect((0..<3).map(tally.string) == ["beta", "alpha", "gamma"])
        #expect(tally.precedes(1, 0) && !tally.precedes(0, 1) && tally.precedes(0, 2))
    }
}
