import Foundation
import Testing
@testable import Scour
import ScourExtraction
import ScourTestSupport

@Suite("Indexing pipeline parts")
struct PipelineTests {
    @Test func skipSummaryCountsByReasonLargestFirst() {
        var tally = SkipTally()
        #expect(tally.summary == "skipped 0")
        for _ in 0..<180 { tally.add("images") }
        tally.add("empty", count: 12)
        tally.add("other binary", count: 20)
        #expect(tally.total == 212)
        #expect(tally.summary == "skipped 212: 180 images, 20 other binary, 12 empty")

        var other = SkipTally()
        other.add("empty", count: 3)
        other.add("hidden")
        tally.merge(other)
        #expect(tally.counts == ["images": 180, "other binary": 20, "empty": 15, "hidden": 1])
        tally.add("HTTP errors")
        tally.add("undecodable bodies")
        tally.add("PDFs")
        #expect(tally.summary == "skipped 219: 180 images, 20 other binary, 15 empty, 1 HTTP error, 1 PDF, 1 hidden, 1 undecodable body")
    }

    @Test func queueHandsEveryItemOverOnceInOrderToOneConsumer() {
        let queue = BoundedQueue<Int>(budget: 10)
        let producer = Thread {
            for value in 0..<1000 { queue.put(value, cost: 3) }
            queue.close()
        }
        producer.start()
        var received: [Int] = []
        while let value = queue.take() { received.append(value) }
        #expect(received == Array(0..<1000))
    }

    @Test func queueAdmitsAnItemLargerThanItsBudgetWhenEmpty() {
        let queue = BoundedQueue<String>(budget: 4)
        queue.put("big", cost: 100)
        queue.close()
        #expect(queue.take() == "big")
        #expect(queue.take() == nil)
    }

    @Test func queueFeedsSeveralConsumersWithoutLossOrRepeats() {
        let queue = BoundedQueue<Int>(budget: 64)
        let collected = Collected()
        let producer = Thread {
            for value in 0..<5000 { queue.put(value, cost: 1) }
            queue.close()
        }
        producer.start()
        DispatchQueue.concurrentPerform(iterations: 3) { _ in
            var local: [Int] = []
            while let value = queue.take() { local.append(value) }
            collected.add(local)
        }
        #expect(collected.values.sorted() == Array(0..<5000))
    }
}

private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var all: [Int] = []
    func add(_ values: [Int]) { lock.withLock { all += values } }
    var values: [Int] { lock.withLock { all } }
}

@Suite("Document URLs")
struct DocumentURLTests {
    static func page(header: String? = nil, savedFrom: String? = nil, canonical: String? = nil,
                     base: String? = nil) -> ExtractedDocument {
        var page = ExtractedDocument(title: "t", text: "x", format: .html, encoding: "UTF-8")
        page.headerURL = header
        page.savedFromURL = savedFrom
        page.canonicalURL = canonical
        page.baseURL = base
        return page
    }

    @Test func whatTheSavingToolWroteWinsThenTheLayoutThenWhatThePageDeclares() {
        let all = Self.page(header: "http://a.example/header", savedFrom: "http://a.example/saved",
                            canonical: "http://a.example/canonical", base: "http://a.example/base/")
        #expect(DocumentLoader.url(known: "http://a.example/mirror", page: all, fileName: "p.html") == "http://a.example/header")
        let noHeader = Self.page(savedFrom: "http://a.example/saved", canonical: "http://a.example/canonical")
        #expect(DocumentLoader.url(known: "http://a.example/mirror", page: noHeader, fileName: "p.html") == "http://a.example/saved")
        // The mirror's layout comes before what the page declares.
        #expect(DocumentLoader.url(known: "http://a.example/mirror", page: Self.page(canonical: "http://a.example/canonical"),
                                   fileName: "p.html") == "http://a.example/mirror")
        #expect(DocumentLoader.url(known: nil, page: Self.page(canonical: "https://a.example/c", base: "http://b.example/"),
                                   fileName: "p.html") == "https://a.example/c")
    }

    @Test func baseHrefGivesTheFolderTheFileWasSavedFrom() {
        #expect(DocumentLoader.url(known: nil, page: Self.page(base: "http://www.example.edu/news/"), fileName: "story.html")
                == "http://www.example.edu/news/story.html")
        // A base that is not a web address, or a relative canonical link, says nothing.
        #expect(DocumentLoader.url(known: nil, page: Self.page(canonical: "/relative", base: "file:///tmp/"), fileName: "a.html") == nil)
    }

    @Test func rawCharactersInAURLArePercentEncoded() {
        #expect(DocumentLoader.escaped("http://example.edu/caf\u{E9} menu.html") == "http://example.edu/caf%C3%A9%20menu.html")
        #expect(DocumentLoader.escaped("http://example.edu/a%20b?x=1") == "http://example.edu/a%20b?x=1")
    }
}

@Suite("Document ids")
struct DocumentIDTests {
    @Test func recordsThatShareAnIdGetNumberedIds() throws {
        let folder = TemporaryDirectory(), index = TemporaryDirectory()
        folder.write("records.jsonl", """
            {"id": "a", "text": "First record about herons and egrets."}
            {"id": "a", "text": "Second record about kingfishers."}
            {"id": "a#2", "text": "A record whose own id looks numbered, about grebes."}
            {"id": "a", "text": "Third record about ospreys."}
            """)
        let summary = try Indexer(indexPath: index.path).index(paths: [folder.file("records.jsonl")])
        #expect(summary.indexed == 4)
        let searchIndex = try SearchIndex(path: index.path)
        func id(_ word: String) throws -> String? { try searchIndex.search(word).hits.first?.path }
        #expect(try id("herons") == "a")
        #expect(try id("grebes") == "a#2")
        #expect(try id("kingfishers") == "a#3")
        #expect(try id("ospreys") == "a#4")
    }
}

@Suite("Saved error pages")
struct ErrorPageTests {
    @Test func errorPagesAreRecognisedByTitleAndBrevity() {
        // Python's http.server, as HTTrack saves it.
        #expect(ErrorPage.isErrorPage(title: "Error response", text: "Error response\nError code: 404\nMessage: File not found.\nError code explanation: HTTPStatus.NOT_FOUND - Nothing matches the given URI."))
        #expect(ErrorPage.isErrorPage(title: "404 Not Found", text: "Not Found\nThe requested URL was not found on this server."))
        #expect(ErrorPage.isErrorPage(title: "Page  Not Found", text: "Sorry, we could not find that page."))
        // A page about errors has a title of its own; a long page is content.
        #expect(!ErrorPage.isErrorPage(title: "Fixing 404 errors in our CMS", text: "Broken links give a 404."))
        let long = Array(repeating: "The library moved its catalogue to a new address last spring.", count: 20).joined(separator: " ")
        #expect(!ErrorPage.isErrorPage(title: "Not Found", text: long))
    }

    @Test func aMirrorsSavedErrorPageIsSkippedAndCounted() throws {
        let site = TemporaryDirectory(), index = TemporaryDirectory()
        site.write("www.example.edu/index.html", "<html><head><title>Library</title></head><body><p>Opening hours of the library.</p></body></html>")
        site.write("www.example.edu/old/page.html", "<html><head><title>Error response</title></head><body><h1>Error response</h1><p>Error code: 404</p><p>Message: File not found.</p></body></html>")
        let summary = try Indexer(indexPath: index.path).index(paths: [site.path])
        #expect(summary.indexed == 1)
        #expect(summary.skips.counts == ["error pages": 1])
    }
}

@Suite("File size limit")
struct FileSizeLimitTests {
    @Test func aFileOverTheLimitIsSkippedUnreadAndCounted() throws {
        let site = TemporaryDirectory(), index = TemporaryDirectory()
        site.write("small.txt", "The observatory opens on clear nights.")
        site.write("big.txt", String(repeating: "Telescope maintenance log entry. ", count: 40_000))
        let options = IndexingOptions(maximumFileBytes: 1 << 20)
        let summary = try Indexer(indexPath: index.path, options: options).index(paths: [site.path])
        #expect(summary.indexed == 1)
        #expect(summary.skips.counts == ["too large": 1])
        let unlimited = try Indexer(indexPath: index.path, options: IndexingOptions(maximumFileBytes: nil)).index(paths: [site.path])
        #expect(unlimited.indexed == 2)
    }
}

@Suite("Duplicate folding")
struct DuplicateFoldingTests {
    static let article = (1...12).map { "Paragraph \($0) of the harbour report describes the new ferry terminal, its berths and the timetable for the summer season." }
        .joined(separator: "\n")

    func writeCopies(_ site: TemporaryDirectory) {
        site.write("news/ferry.html", "<html><head><title>Ferry Terminal</title></head><body><p>\(Self.article)</p></body></html>")
        site.write("news/ferry.html?print=1", "<html><head><title>Ferry Terminal</title></head><body><p>\(Self.article)</p></body></html>")
        site.write("news/other.html", "<html><head><title>Library Hours</title></head><body><p>The library opens at eight.</p></body></html>")
    }

    @Test func copiesAreFoldedIntoTheFirstWithTheirIdsAsAliases() throws {
        let site = TemporaryDirectory(), index = TemporaryDirectory()
        writeCopies(site)
        let log = EventLog()
        let summary = try Indexer(indexPath: index.path).index(paths: [site.path]) { log.record($0) }
        #expect(summary.indexed == 2)
        #expect(summary.duplicates == 1)
        #expect(log.folded == [site.file("news/ferry.html?print=1"): site.file("news/ferry.html")])
        let hit = try #require(try SearchIndex(path: index.path).search("ferry").hits.first)
        #expect(hit.path == "news/ferry.html")
        #expect(hit.aliases == ["news/ferry.html?print=1"])
    }

    @Test func keepDuplicatesIndexesEveryCopy() throws {
        let site = TemporaryDirectory(), index = TemporaryDirectory()
        writeCopies(site)
        let summary = try Indexer(indexPath: index.path, options: IndexingOptions(keepDuplicates: true)).index(paths: [site.path])
        #expect(summary.indexed == 3)
        #expect(summary.duplicates == 0)
        #expect(try SearchIndex(path: index.path).search("ferry").hits.map(\.path).sorted() == ["news/ferry.html", "news/ferry.html?print=1"])
    }

    @Test func sourcesAreRecordedWithTheirKinds() throws {
        let site = TemporaryDirectory(), index = TemporaryDirectory()
        writeCopies(site)
        site.write("records.jsonl", #"{"id": "r1", "text": "A record about lighthouses and their keepers."}"#)
        _ = try Indexer(indexPath: index.path).index(paths: [site.file("news"), site.file("records.jsonl")])
        let sources = try #require(try SearchIndex(path: index.path).reader.manifest.sources)
        #expect(sources.map(\.kind) == ["folder", "jsonl"])
        #expect(sources.map(\.documents) == [2, 1])
        #expect(DocumentLoader.sourceKind(of: "crawl.jsonl.gz") == "jsonl")
        #expect(DocumentLoader.sourceKind(of: "crawl.warc.gz") == "warc")
    }
}
