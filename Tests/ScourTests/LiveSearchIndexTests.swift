import Foundation
import ScourTestSupport
import Testing
import Scour
import ScourAnalysis
import ScourIndex

/// A `SearchIndex` kept open while commits land: it moves to a new commit
/// when asked (or before each search, when refreshing automatically), and
/// never shows deleted documents.
@Suite("A search index that follows commits")
struct LiveSearchIndexTests {
    let temporary = TemporaryDirectory()
    var directory: IndexDirectory { IndexDirectory(path: temporary.path) }

    /// Segment `generation`-000 with one document per text.
    func segment(generation: Int, texts: [String]) throws -> SegmentInfo {
        var builder = SegmentBuilder(analyzer: Analyzer())
        for (i, text) in texts.enumerated() {
            builder.add(StoredDocument(path: "\(generation)-\(i).txt", title: "", text: text))
        }
        return try SegmentWriter.write(builder, to: directory.segmentPath(generation: generation, ordinal: 0))
    }

    func commit(generation: Int, _ segments: [SegmentInfo]) throws {
        try directory.commit(Manifest(generation: generation, analyzer: .standard, segments: segments))
    }

    /// `segment` with its documents `ids` marked deleted by commit `generation`.
    func deleting(_ ids: [Int], from segment: SegmentInfo, generation: Int) throws -> SegmentInfo {
        var segment = segment
        var deleted = DeletedDocuments(documentCount: segment.documents)
        for id in ids { deleted.insert(id) }
        let path = directory.deletionsPath(segment: segment.name, generation: generation)
        try deleted.write(to: path)
        segment.deletions = (path as NSString).lastPathComponent
        segment.deleted = deleted.count
        return segment
    }

    @Test func automaticRefreshSeesEachCommitOnTheNextSearch() throws {
        let first = try segment(generation: 1, texts: ["harbour ferry timetable", "harbour lighthouse"])
        try commit(generation: 1, [first])
        let index = try SearchIndex(path: temporary.path, refreshesAutomatically: true)
        let opened = index.reader
        #expect(try index.search("lighthouse").total == 1)

        let second = try segment(generation: 2, texts: ["lighthouse tour at dawn"])
        try commit(generation: 2, [first, second])
        #expect(try index.search("lighthouse").total == 2)
        #expect(index.reader.manifest.generation == 2)
        #expect(index.reader.segments[0] === opened.segments[0])

        // Deleting the first segment's lighthouse page.
        try commit(generation: 3, [try deleting([1], from: first, generation: 3), second])
        let results = try index.search("lighthouse")
        #expect(results.total == 1)
        #expect(results.hits.map(\.path) == ["2-0.txt"])
        #expect(index.statistics().documents == 2)
        #expect(index.reader.documentCount == 3)
        #expect(index.refreshError == nil)
    }

    @Test func withoutAutomaticRefreshTheViewMovesOnlyWhenAsked() throws {
        let first = try segment(generation: 1, texts: ["harbour ferry timetable"])
        try commit(generation: 1, [first])
        let index = try SearchIndex(path: temporary.path)
        #expect(try index.reopenIfChanged() == false)

        try commit(generation: 2, [first, try segment(generation: 2, texts: ["ferry strike"])])
        #expect(try index.search("ferry").total == 1)
        #expect(index.statistics().documents == 1)
        #expect(try index.reopenIfChanged() == true)
        #expect(try index.search("ferry").total == 2)
        #expect(index.statistics().documents == 2)
        #expect(try index.reopenIfChanged() == false)
    }

    @Test func aCommitThatCannotBeOpenedLeavesThePreviousView() throws {
        var first = try segment(generation: 1, texts: ["harbour ferry", "ferry strike"])
        try commit(generation: 1, [first])
        let index = try SearchIndex(path: temporary.path, refreshesAutomatically: true)

        // The manifest counts two deletions where the file holds one.
        first = try deleting([0], from: first, generation: 2)
        first.deleted = 2
        try commit(generation: 2, [first])
        #expect(try index.search("ferry").total == 2)
        #expect(index.reader.manifest.generation == 1)
        let deletionsPath = directory.filePath(try #require(first.deletions))
        #expect(index.refreshError == .corrupted(file: deletionsPath, reason: "holds 1 deleted documents, the manifest says 2"))

        first.deleted = 1
        try commit(generation: 3, [first])
        #expect(try index.search("ferry").total == 1)
        #expect(index.reader.manifest.generation == 3)
        #expect(index.refreshError == nil)
    }

    @Test func searchesOnOtherThreadsSeeOneCommitOrTheOther() throws {
        let first = try segment(generation: 1, texts: ["harbour ferry"])
        try commit(generation: 1, [first])
        let index = try SearchIndex(path: temporary.path, refreshesAutomatically: true)
        let totals = Totals()
        let committed = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? commit(generation: 2, [first, try segment(generation: 2, texts: ["ferry strike"])])
            committed.signal()
        }
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<20 { totals.append((try? index.search("ferry").total) ?? -1) }
        }
        committed.wait()
        #expect(Set(totals.values).isSubset(of: [1, 2]))
        #expect(try index.search("ferry").total == 2)
    }
}

/// Search totals gathered from several threads.
private final class Totals: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [Int] = []
    func append(_ total: Int) { lock.withLock { collected.append(total) } }
    var values: [Int] { lock.withLock { collected } }
}
