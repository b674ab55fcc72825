import Foundation
import ScourTestSupport
import Testing
import ScourAnalysis
import ScourIndex
@testable import ScourSearch

/// An index whose deleted documents must be invisible: compared with an
/// index written from its live documents only, every search must return
/// the same documents with exactly the same scores.
@Suite("Searching around deleted documents")
struct DeletionTests {
    /// The fixture's pages plus thirty generated ones on two sites; every
    /// generated page says "city", so a search for it is long enough for
    /// relevance feedback to re-rank its tail.
    static let documents: [StoredDocument] = {
        var documents = SearchFixture.documents.map { document -> StoredDocument in
            var document = document
            document.url = "https://north.example.org/\(document.path)"
            return document
        }
        let words = ["river", "bridge", "harbour", "ferry", "market", "garden", "station", "museum",
                     "tower", "castle", "library", "union", "student", "music", "robotics"]
        var random = SeededGenerator(seed: 8)
        for page in 0..<30 {
            let title = (0..<Int.random(in: 1...3, using: &random)).map { _ in words.randomElement(using: &random)! }
            var body = (0..<Int.random(in: 6...40, using: &random)).map { _ in words.randomElement(using: &random)! }
            body.insert("city", at: Int.random(in: 0...body.count, using: &random))
            documents.append(StoredDocument(
                path: "page-\(page).html", title: title.joined(separator: " ").capitalized,
                text: body.joined(separator: " ") + ".",
                url: "https://\(page % 2 == 0 ? "north" : "south").example.org/page-\(page).html"))
        }
        return documents
    }()

    /// Indices into ``documents``: campus-life and library (the only pages
    /// with "clubs" and "university of london"), and pages in two more
    /// segments of seven; two segments keep all their documents.
    static let deleted: Set<Int> = [1, 2, 9, 17, 18, 25]

    static let queries = [
        "city", "library", "student union", "\"university of london\"", "clubs sports", "river bridge",
        "title:harbour", "ferry -market", "museum OR castle", "robotics laboratory", "lib*", "libary~1",
        "\"station museum\"~3", "tower^2 garden", "图书馆",
    ]

    let withDeletions = TemporaryDirectory()
    let liveOnly = TemporaryDirectory()

    init() throws {
        try Self.writeIndex(Self.documents, segmentSize: 7, deleting: Self.deleted, in: withDeletions.path)
        let live = Self.documents.indices.filter { !Self.deleted.contains($0) }.map { Self.documents[$0] }
        try Self.writeIndex(live, segmentSize: 5, deleting: [], in: liveOnly.path)
    }

    /// Writes `documents` as segments of `segmentSize` and commits them,
    /// with the documents at the indices `deleting` marked in deletion files.
    static func writeIndex(_ documents: [StoredDocument], segmentSize: Int, deleting: Set<Int>, in path: String) throws {
        let directory = IndexDirectory(path: path)
        var infos: [SegmentInfo] = []
        for start in stride(from: 0, to: documents.count, by: segmentSize) {
            let range = start..<min(start + segmentSize, documents.count)
            var builder = SegmentBuilder(analyzer: Analyzer())
            for document in documents[range] { builder.add(document) }
            var info = try SegmentWriter.write(builder, to: directory.segmentPath(generation: 1, ordinal: infos.count))
            var deleted = DeletedDocuments(documentCount: range.count)
            for index in range where deleting.contains(index) { deleted.insert(index - start) }
            if deleted.count > 0 {
                let deletionsPath = directory.deletionsPath(segment: info.name, generation: 1)
                try deleted.write(to: deletionsPath)
                info.deletions = (deletionsPath as NSString).lastPathComponent
                info.deleted = deleted.count
            }
            infos.append(info)
        }
        try directory.commit(Manifest(generation: 1, analyzer: .standard, segments: infos))
    }

    @Test func statisticsCountLiveDocumentsOnly() throws {
        let reader = try IndexReader(path: withDeletions.path)
        let reference = try IndexReader(path: liveOnly.path)
        #expect(reader.documentCount == Self.documents.count)
        #expect(reader.liveDocumentCount == Self.documents.count - Self.deleted.count)
        #expect(reader.liveDocumentCount == reference.documentCount)
        #expect(reader.deletions.map { $0?.count ?? 0 } == [2, 1, 2, 1, 0, 0])
        #expect(reader.averageLengths == reference.averageLengths)
        for term in ["citi", "librari", "univers", "london", "club", "harbour", "robot", "union"] {
            #expect(reader.documentFrequency(term) == reference.documentFrequency(term), "\(term)")
        }
        #expect(reader.documentFrequency("club") == 0)
        #expect((0..<reader.documentCount).filter(reader.isDeleted) == Self.deleted.sorted())
        #expect(reader.isDeleted(reader.documentCount))
    }

    @Test(arguments: queries)
    func deletedDocumentsAreInvisibleAndScoresUnchanged(query: String) throws {
        let options = SearchOptions(limit: 100)
        let results = try Searcher(reader: IndexReader(path: withDeletions.path)).search(query, options: options)
        let reference = try Searcher(reader: IndexReader(path: liveOnly.path)).search(query, options: options)
        let deletedPaths = Set(Self.deleted.map { Self.documents[$0].path })
        #expect(results.hits.allSatisfy { !deletedPaths.contains($0.path) })
        #expect(results.total == reference.total)
        #expect(results.hits.map(\.path) == reference.hits.map(\.path))
        #expect(results.hits.map(\.score) == reference.hits.map(\.score))
        #expect(results.hits.map(\.snippet) == reference.hits.map(\.snippet))
    }

    @Test func queriesMatchingOnlyDeletedDocumentsFindNothing() throws {
        let searcher = try Searcher(reader: IndexReader(path: withDeletions.path))
        for query in ["clubs sports", "\"university of london\""] {
            let results = try searcher.search(query)
            #expect(results.total == 0, "\(query)")
            #expect(results.hits.isEmpty, "\(query)")
        }
    }

    @Test func relevanceFeedbackReRanksLiveDocumentsOnly() throws {
        // "city" is on all thirty generated pages: more than the feedback
        // head, so the tail is re-ranked with expansion words.
        let options = SearchOptions(limit: 40, feedback: RelevanceFeedback(head: 3, documents: 5, terms: 5))
        let results = try Searcher(reader: IndexReader(path: withDeletions.path)).search("city", options: options)
        let reference = try Searcher(reader: IndexReader(path: liveOnly.path)).search("city", options: options)
        let plain = try Searcher(reader: IndexReader(path: withDeletions.path))
            .search("city", options: SearchOptions(limit: 40, feedback: nil))
        #expect(results.total == 30 - Self.deleted.filter { $0 >= SearchFixture.documents.count }.count)
        #expect(results.hits.map(\.score) != plain.hits.map(\.score))  // feedback did re-rank
        #expect(results.hits.map(\.path) == reference.hits.map(\.path))
        #expect(results.hits.map(\.score) == reference.hits.map(\.score))
    }

    @Test(arguments: [["north.example.org"], ["south.example.org"], ["north.example.org", "south.example.org"]])
    func siteListingsLeaveDeletedDocumentsOut(sites: [String]) throws {
        let options = SearchOptions(limit: 100, sites: sites)
        let results = try Searcher(reader: IndexReader(path: withDeletions.path)).search("", options: options)
        let reference = try Searcher(reader: IndexReader(path: liveOnly.path)).search("", options: options)
        let expected = Self.documents.indices.filter { index in
            !Self.deleted.contains(index) && sites.contains { Self.documents[index].url.contains("//\($0)/") }
        }.map { Self.documents[$0].path }
        #expect(results.total == expected.count)
        #expect(results.hits.map(\.path) == expected)
        #expect(results.hits.map(\.path) == reference.hits.map(\.path))
    }
}
