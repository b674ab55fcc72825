import Foundation
import Testing
import Scour
import ScourTestSupport

@Suite("Indexing JSON Lines")
struct JSONLinesIndexingTests {
    static let lines = [
        #"{"id": "doc-1", "title": "Robotics Lab Opens", "text": "The robotics lab builds rovers for the planetary science course."}"#,
        #"{"_id": 42, "text": "Marine biology students sampled plankton on the research vessel."}"#,
        #"this line is not JSON"#,
        "",
        #"{"title": "No id here", "text": "orphaned text"}"#,
        #"{"id": "page-7", "url": "https://example.edu/news/library-hours.html", "html": "<html><head><title>Library Hours</title></head><body><nav><a href='/'>Home</a> <a href='/tour'>Virtual Campus Tour</a></nav><p>The library opens at eight and closes at midnight during exams.</p></body></html>"}"#,
        #"{"id": "empty", "text": ""}"#,
        #"{"id": "neither", "title": "Nothing"}"#,
    ]

    @Test func recordsAreIndexedByIdAndBadLinesAreReportedByNumber() throws {
        let folder = TemporaryDirectory(), index = TemporaryDirectory()
        let file = folder.write("crawl.jsonl", Self.lines.joined(separator: "\n") + "\n")
        let log = EventLog()
        let summary = try Indexer(indexPath: index.path).index(paths: [file]) { log.record($0) }
        #expect(summary.indexed == 3)
        #expect(summary.skipped == 4)
        let skipped = log.skippedFiles
        #expect(skipped["crawl.jsonl:3"] == "line 3 is not a JSON object")
        #expect(skipped["crawl.jsonl:5"] == #"line 5 has no "id" (or "_id")"#)
        #expect(skipped["crawl.jsonl:7"] == "line 7 has no text")
        #expect(skipped["crawl.jsonl:8"] == #"line 8 has neither "text" nor "html""#)

        let searchIndex = try SearchIndex(path: index.path)
        #expect(try searchIndex.search("robotics").hits.map(\.path) == ["doc-1"])
        #expect(try searchIndex.search("plankton").hits.map(\.path) == ["42"])
        // HTML records are extracted like files: title taken from the page, chrome stripped.
        let library = try #require(try searchIndex.search("library").hits.first)
        #expect(library.path == "page-7")
        #expect(library.title == "Library Hours")
        #expect(try searchIndex.search(#""Virtual Campus Tour""#).hits.isEmpty)
        // The URL's words are indexed in the url field.
        #expect(try searchIndex.search("url:hours").hits.map(\.path) == ["page-7"])
    }
}
