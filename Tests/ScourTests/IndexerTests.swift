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
    func record(_ event: IndexingEvent) {
        if case .skipped(let path, let reason) = event {
            lock.withLock { skipped[(path as NSString).lastPathComponent] = reason }
        }
    }
    var skippedFiles: [String: String] { lock.withLock { skipped } }
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
        #expect(summary.skipped == 3)
        #expect(Set(log.skippedFiles.keys) == ["empty.txt", "blank.html", "binary-blob"])
        #expect(log.skippedFiles["binary-blob"]?.contains("binary") == true)

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
        #expect(throws: IndexingError.nothingToIndex(paths: [junk.path])) {
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
        #expect(summary.segments == 30)
        let a = try SearchIndex(path: one.path).search("topic3 campus", options: SearchOptions(limit: 30))
        let b = try SearchIndex(path: many.path).search("topic3 campus", options: SearchOptions(limit: 30))
        #expect(a.hits.count == 30)  // every page says "campus"
        #expect(a.hits.map(\.path) == b.hits.map(\.path))
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
