import Testing
import ScourAnalysis
import ScourIndex
import ScourTestSupport
@testable import ScourSearch

@Suite("Search hits")
struct SearchHitTests {
    /// A hit's URL is its stored URL when that names a host (a web
    /// address), nil otherwise; it is worked out when read.
    @Test func aHitsURLIsItsStoredURLWhenThatIsAWebAddress() throws {
        let directory = TemporaryDirectory()
        var builder = SegmentBuilder(analyzer: Analyzer())
        builder.add(StoredDocument(path: "web", title: "Ferry timetable", text: "ferry", url: "https://www.example.org/ferry"))
        builder.add(StoredDocument(path: "relative", title: "Ferry notes", text: "ferry ferry", url: "notes/ferry.html"))
        builder.add(StoredDocument(path: "none", title: "Ferry", text: "ferry ferry ferry"))
        let searcher = try SearchFixture.oneSegmentSearcher(builder, in: directory)
        let hits = try searcher.search("ferry", options: SearchOptions(snippets: false)).hits
        let urls = Dictionary(uniqueKeysWithValues: hits.map { ($0.path, $0.url ?? "none") })
        #expect(urls == ["web": "https://www.example.org/ferry", "relative": "none", "none": "none"])
        // Equal to the hit made with the URL given.
        let web = try #require(hits.first { $0.path == "web" })
        var given = web
        given.url = "https://www.example.org/ferry"
        #expect(given == web)
        given.url = nil
        #expect(given != web)
    }
}
