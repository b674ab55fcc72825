import Foundation
import Testing
import Scour
import ScourSearch
import ScourTestSupport

/// Indexing what a crawler really writes: a `wget -m` mirror of a generated
/// site served by `python3 -m http.server` on 127.0.0.1, and a WARC of the
/// same site written by `wget --warc-file`. Every page must be indexed and
/// found with the URL it was fetched from.
@Suite("Indexing real crawls", .serialized,
       .enabled(if: MirrorFixture.isAvailable, "wget or python3 not on PATH: crawl indexing tests skipped"))
struct CrawlIndexingTests {
    /// The site's pages with the word only each of them holds.
    static let pages = MirrorFixture.pages.values.filter { $0.word != nil }

    @Test func everyPageOfAWgetMirrorIsIndexedAndShownWithItsURL() throws {
        let folder = TemporaryDirectory(), index = TemporaryDirectory()
        let site = try MirrorFixture.mirror(in: folder)
        let log = EventLog()
        let summary = try Indexer(indexPath: index.path).index(paths: [site.mirrorFolder]) { log.record($0) }

        // 9 pages, the /files/ listing and its copy sorted by ?C=M;O=A (the
        // server titles it with the query: another page), notes.txt and
        // schedule.csv; news.jsp fetched again as ?print=1 is the same page;
        // the PNG and the PDF are skipped by their content whatever their names.
        #expect(summary.indexed == 13)
        #expect(summary.duplicates == 1)
        #expect(summary.skips.counts == ["images": 1, "PDFs": 1])
        #expect(log.folded.count == 1)
        #expect(log.folded.first?.key == "\(site.mirrorFolder)/\(site.host)/news.jsp?print=1")
        #expect(log.folded.first?.value == "\(site.mirrorFolder)/\(site.host)/news.jsp")

        let searchIndex = try SearchIndex(path: index.path)
        #expect(Self.pages.count == 9)
        for page in Self.pages {
            let hits = try searchIndex.search(page.word!).hits
            #expect(hits.count == 1, "\(page.path)")
            #expect(hits.first?.url == page.url(host: site.host), "\(page.path)")
            #expect(hits.first?.title == page.title, "\(page.path)")
        }
        // Every page is on the site's host.
        let host = try searchIndex.search("", options: SearchOptions(limit: 50, sites: ["127.0.0.1"]))
        #expect(host.total == 13)
        // The page keeps the other URL it was fetched under as an alias.
        let news = try searchIndex.search("marrowfen").hits.first
        #expect(news?.aliases == ["http://\(site.host)/news.jsp?print=1"])
        // The manifest records the folder as the index's source.
        let sources = searchIndex.reader.manifest.sources ?? []
        #expect(sources.map(\.kind) == ["folder"])
        #expect(sources.first?.documents == 13)
    }

    @Test(.enabled(if: ExternalTools.hasWgetAndPython, "wget or python3 not on PATH"))
    func aWARCOfTheSiteGivesTheSamePagesWithTheirURLs() throws {
        let folder = TemporaryDirectory(), index = TemporaryDirectory()
        let site = try MirrorFixture.mirror(in: folder)
        let server = try LocalHTTPServer(serving: site.siteFolder)
        defer { _ = server.stop() }
        let host = "127.0.0.1:\(server.port)"
        let run = try ExternalProcess.run(ExternalTools.wget!, [
            "--no-config", "--no-proxy", "-r", "-nv", "-e", "robots=off",
        ] + ExternalProcess.wgetRetryArguments + ["--warc-file=crawl", "-P", "fetched", "http://\(host)/"], in: folder.path)
        #expect(run.status == 0 || run.status == 8, "\(run.output)")
        _ = server.stop()

        let summary = try Indexer(indexPath: index.path).index(paths: [folder.file("crawl.warc.gz")])
        #expect(summary.indexed == 13)
        #expect(summary.duplicates == 1)
        #expect(summary.skips.counts["images"] == 1)
        #expect(summary.skips.counts["PDFs"] == 1)
        let searchIndex = try SearchIndex(path: index.path)
        for page in Self.pages {
            let hit = try searchIndex.search(page.word!).hits.first
            #expect(hit?.url == page.url(host: host), "\(page.path)")
            // A WARC record's id is its URL.
            #expect(hit?.path == page.url(host: host), "\(page.path)")
        }
        #expect(searchIndex.reader.manifest.sources?.map(\.kind) == ["warc"])
    }
}
