import Foundation
import ScourTestSupport
import Testing
import Scour
import ScourIndex
import ScourSearch

/// Collects indexing events from worker threads.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var skipped: [String: String] = [:]
    private var categories: [String: String] = [:]
    private var duplicates: [String: String] = [:]
    func record(_ event: IndexingEvent) {
        switch event {
        case .skipped(let path, let reason, let category, _):
            let name = (path as NSString).lastPathComponent
            lock.withLock {
                skipped[name] = reason
                categories[name] = category
            }
        case .duplicate(let path, let original):
            lock.withLock { duplicates[path] = original }
        case .progress, .warning:
            break
        }
    }
    var skippedFiles: [String: String] { lock.withLock { skipped } }
    /// The summary category of each skipped item, by file name.
    var skippedCategories: [String: String] { lock.withLock { categories } }
    /// Each folded duplicate's id and the id of the document it was folded into.
    var folded: [String: String] { lock.withLock { duplicates } }
}

@Suite("Indexer")
struct IndexerTests {
    /// A folder with good pages and every kind of bad input.
    func makeSite(_ site: TemporaryDirectory) {
        site.write("news/exchange.html", """
            <html><head><title>Student Union Exchange</title></head><body>
            <nav><a href="/">Home</a> <a href="/about">About Kestrel College</a></nav>
            <article><h1>Student Union Exchange</h1>
            <p>The student union met its partner union online to exchange ideas about volunteering.</p></article>
            <footer>Copyright © 2026 Kestrel College</footer></body></html>
            """)
        site.write("notes/library.txt", "Library hours\n\nThe library opens at eight and closes at midnight during exams.\n")
        site.write("saved-as-text.txt", "<!DOCTYPE html><html><head><title>Robotics Lab</title></head><body><p>The robotics lab builds rovers.</p></body></html>")
        site.write("extensionless-page", "<html><head><title>Chemistry Safety</title></head><body><p>Goggles are required in the chemistry lab.</p></body></html>")
        site.write("empty.txt", "")
        site.write("blank.html", "   \n\n  ")
        site.write("binary-blob", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D] + [UInt8](repeating: 0, count: 300))
        site.write("picture.png", [0x89, 0x50, 0x4E, 0x47])
        site.write(".hidden/secret.html", "<p>hidden page about robotics</p>")
    }

    @Test func indexesGoodFilesAndSkipsBadOnesWithReasons() throws {
        let site = TemporaryDirectory(), index = TemporaryDirectory()
        makeSite(site)
        let log = EventLog()
        let summary = try Indexer(indexPath: index.path).index(paths: [site.path]) { log.record($0) }
        #expect(summary.indexed == 4)
        // Every file is a candidate whatever its name: the PNG bytes are an
        // image whether the file is called picture.png or binary-blob.
        #expect(summary.skips.counts == ["empty": 2, "images": 2, "hidden": 1])
        #expect(summary.skips.summary == "skipped 5: 2 empty, 2 images, 1 hidden")
        #expect(log.skippedCategories == ["empty.txt": "empty", "blank.html": "empty", "binary-blob": "images",
                                          "picture.png": "images", ".hidden": "hidden"])
        #expect(log.skippedFiles["binary-blob"] == "the file is binary (an image), not a page")

        let searchIndex = try SearchIndex(path: index.path)
        #expect(try searchIndex.search("robotics").hits.map(\.path) == ["saved-as-text.txt"])
        #expect(try searchIndex.search("goggles").hits.first?.title == "Chemistry Safety")
        #expect(try searchIndex.search("library").hits.first?.path == "notes/library.txt")
        // Chrome was stripped before indexing.
        #expect(try searchIndex.search(#""About Kestrel College""#).hits.isEmpty)
    }

    @Test func keepAllIndexesChromeToo() throws {
        let site = TemporaryDirectory(), stripped = TemporaryDirectory(), everything = TemporaryDirectory()
        makeSite(site)
        try Indexer(indexPath: stripped.path).index(paths: [site.path])
        try Indexer(indexPath: everything.path, options: IndexingOptions(keepAll: true)).index(paths: [site.path])
        #expect(try SearchIndex(path: stripped.path).search(#""About Kestrel College""#).hits.isEmpty)
        #expect(try SearchIndex(path: everything.path).search(#""About Kestrel College""#).hits.map(\.path) == ["news/exchange.html"])
    }

    @Test func failedRunLeavesThePreviousIndexInForce() throws {
        let site = TemporaryDirectory(), index = TemporaryDirectory()
        makeSite(site)
        try Indexer(indexPath: index.path).index(paths: [site.path])
        let before = try String(contentsOfFile: index.file("MANIFEST"), encoding: .utf8)

        #expect(throws: IndexingError.noSuchPath("/nonexistent/folder")) {
            try Indexer(indexPath: index.path).index(paths: ["/nonexistent/folder"])
        }
        let junk = TemporaryDirectory()
        junk.write("empty.txt", "")
        #expect(throws: IndexingError.nothingToIndex(paths: [junk.path], skipped: 1)) {
            try Indexer(indexPath: index.path).index(paths: [junk.path])
        }
        #expect(try String(contentsOfFile: index.file("MANIFEST"), encoding: .utf8) == before)
        #expect(try SearchIndex(path: index.path).search("robotics").hits.count == 1)
        // No stray segment files were left behind by the failed runs.
        let segments = try FileManager.default.contentsOfDirectory(atPath: index.path).filter { $0.hasSuffix(".scour") }
        #expect(segments.count == 1)
    }

    @Test func reindexingReplacesTheIndex() throws {
        let site = TemporaryDirectory(), index = TemporaryDirectory()
        site.write("a.txt", "First page about astronomy and telescopes.")
        try Indexer(indexPath: index.path).index(paths: [site.path])
        try FileManager.default.removeItem(atPath: site.file("a.txt"))
        site.write("b.txt", "Second page about botany and greenhouses.")
        try Indexer(indexPath: index.path).index(paths: [site.path])
        let searchIndex = try SearchIndex(path: index.path)
        #expect(try searchIndex.search("astronomy").hits.isEmpty)
        #expect(try searchIndex.search("botany").hits.map(\.path) == ["b.txt"])
        #expect(searchIndex.reader.manifest.generation == 2)
    }

    @Test func smallSegmentBudgetGivesSeveralSegmentsAndTheSameResults() throws {
        let site = TemporaryDirectory()
        for i in 0..<30 {
            site.write(String(format: "page-%02d.txt", i), "Page \(i) talks about topic\(i % 5) and shared words like campus news.")
        }
        let one = TemporaryDirectory(), many = TemporaryDirectory()
        try Indexer(indexPath: one.path, options: IndexingOptions(workers: 1)).index(paths: [site.path])
        let summary = try Indexer(indexPath: many.path, options: IndexingOptions(workers: 2, segmentBudgetBytes: 1))
            .index(paths: [site.path])
        // 30 one-document segments were written; the merge policy keeps at
        // most 10 per tier, so they were merged down to a few.
        #expect(summary.segments > 1 && summary.segments <= 10, "\(summary.segments)")
        let a = try SearchIndex(path: one.path).search("topic3 campus", options: SearchOptions(limit: 30))
        let b = try SearchIndex(path: many.path).search("topic3 campus", options: SearchOptions(limit: 30))
        #expect(a.hits.count == 30)  // every page says "campus"
        // Equal scores break ties by document order, which merges change:
        // the policy merges the smallest segments, not neighbours, so it
        // depends on the segments' sizes. Compare ties by path.
        func ranked(_ hits: [SearchHit]) -> [String] {
            hits.sorted { ($1.score, $0.path) < ($0.score, $1.path) }.map(\.path)
        }
        #expect(ranked(a.hits) == ranked(b.hits))
        #expect(a.hits.map(\.score) == b.hits.map(\.score))
        #expect(try SearchIndex(path: many.path).statistics().documents == 30)
    }

    @Test func statisticsDescribeTheIndex() throws {
        let site = TemporaryDirectory(), index = TemporaryDirectory()
        site.write("a.txt", "alpha beta")
        site.write("b.txt", "beta gamma")
        try Indexer(indexPath: index.path).index(paths: [site.path])
        let stats = try SearchIndex(path: index.path).statistics()
        #expect(stats.documents == 2)
        #expect(stats.bytes > 0)
        #expect(stats.analyzer.stemming)
    }
}
