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
        let index = IndexDirectory(path: directory.path)
        let info = try SegmentWriter.write(builder, to: index.segmentPath(generation: 1, ordinal: 0))
        try index.commit(Manifest(generation: 1, analyzer: .standard, segments: [info]))
        return (directory, Searcher(reader: try IndexReader(path: directory.path)))
    }

    @Test func headIsUnchangedAndTheTailPrefersTheTopicsVocabulary() throws {
        let (_, searcher) = try Self.makeIndex()
        let plain = try searcher.search("tumour", options: SearchOptions(limit: 14, feedback: nil))
        let fed = try searcher.search("tumour", options: SearchOptions(limit: 14))
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
        let fromAll = try searcher.search("tumour", options: SearchOptions(limit: 13))
        #expect(fromAll.hits.map(\.path).contains("astrocyte"))
        #expect(!fromAll.hits.map(\.path).contains("budget"))
    }

    @Test func shortListsAreNotTouched() throws {
        let (_, searcher) = try Self.makeIndex()
        let plain = try searcher.search("tumour", options: SearchOptions(limit: 10, feedback: nil))
        let fed = try searcher.search("tumour", options: SearchOptions(limit: 10))
        #expect(plain.hits.count == 10)
        #expect(fed.hits == plain.hits)
    }
}
