import Foundation
import Testing
import Scour
import ScourTestSupport

/// WARC files written by the real `wget --warc-file` crawling a local site
/// served by `python3 -m http.server`: pages, an image, a 404, and the 301
/// the server sends for a folder without its slash.
@Suite("WARC written by wget", .enabled(if: ExternalTools.hasWgetAndPython, "wget or python3 not on PATH: wget WARC tests skipped"))
struct WgetWARCTests {
    static let pages: [String: String] = [
        "index.html": #"<html><head><title>Home</title></head><body><p>Home page</p><a href="a.html">A</a> <a href="b.html">B</a> <a href="sub">Sub</a> <a href="missing.html">Missing</a> <img src="logo.png"></body></html>"#,
        "a.html": #"<html><head><title>A</title></head><body><p>Page A about rovers</p><a href="b.html">B</a></body></html>"#,
        "b.html": #"<html><head><title>B</title></head><body><p>Page B about plankton</p><a href="index.html">Home</a></body></html>"#,
        "sub/index.html": #"<html><head><title>Sub</title></head><body><p>Sub index</p></body></html>"#,
    ]
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 7, count: 64)

    /// Crawls the site twice (compressed and not) and returns both WARC paths.
    static func crawl(_ folder: TemporaryDirectory) throws -> (port: Int, gz: String, plain: String) {
        for (name, html) in pages { folder.write("site/\(name)", html) }
        folder.write("site/logo.png", png)
        let server = try LocalHTTPServer(serving: folder.file("site"))
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/"
        let common = ["-r", "-nv", "-e", "robots=off", "--no-proxy"] + ExternalProcess.wgetRetryArguments
        // wget exits 8 when a link was 404: expected here.
        let first = try ExternalProcess.run(ExternalTools.wget!, common + ["--warc-file=crawl", "-P", "tmp", url], in: folder.path)
        #expect(first.status == 0 || first.status == 8, "wget: \(first.output)")
        let second = try ExternalProcess.run(ExternalTools.wget!, common + ["--warc-file=plain", "--no-warc-compression", "-P", "tmp2", url],
                                           in: folder.path)
        #expect(second.status == 0 || second.status == 8, "wget: \(second.output)")
        return (server.port, folder.file("crawl.warc.gz"), folder.file("plain.warc"))
    }

    @Test func pagesArriveAsDocumentsAndEverythingElseIsSkippedWithItsReason() throws {
        let folder = TemporaryDirectory()
        let (port, gz, plain) = try Self.crawl(folder)
        let base = "http://127.0.0.1:\(port)"
        for path in [gz, plain] {
            let reader = try WARCReader(path: path)
            #expect(reader.isCompressed == path.hasSuffix(".gz"))
            let events = allEvents(reader)
            #expect(events.damages.isEmpty, "\(events.damages)")

            let documents = events.documents
            #expect(Set(documents.map(\.targetURI)) == ["\(base)/", "\(base)/a.html", "\(base)/b.html", "\(base)/sub/", "\(base)/index.html"])
            for document in documents {
                let name = document.targetURI.hasSuffix("/") ? (document.targetURI == "\(base)/" ? "index.html" : "sub/index.html")
                    : String(document.targetURI.dropFirst(base.count + 1))
                #expect(document.body == Array(Self.pages[name]!.utf8), "\(document.targetURI)")
                #expect(document.contentType == "text/html")
                #expect(document.date?.hasPrefix("20") == true)
                #expect(document.lastModified != nil)
            }

            let skips = events.skips
            func reasons(_ category: WARCSkipCategory) -> [String] { skips.filter { $0.category == category }.map(\.reason) }
            #expect(reasons(.warcinfo) == ["warcinfo record"])
            // One per URL fetched, /sub and /sub/ included; on a loaded machine
            // wget may retry a request that timed out, which adds one more.
            let requests = reasons(.request).count
            #expect(requests >= 8)
            #expect(reasons(.metadata) == ["metadata record"])
            // wget's arguments and log are resource records with metadata:// URIs.
            #expect(skips.filter { $0.category == .resource }.compactMap(\.targetURI).allSatisfy { $0.hasPrefix("metadata://") })
            #expect(reasons(.resource).count == 2)
            #expect(skips.filter { $0.category == .image }.map { "\($0.targetURI ?? "") \($0.reason)" } == ["\(base)/logo.png image/png"])
            #expect(skips.filter { $0.category == .httpStatus }.map { "\($0.targetURI ?? "") \($0.reason)" } == ["\(base)/missing.html HTTP 404"])
            #expect(skips.filter { $0.category == .redirect }.map { "\($0.targetURI ?? "") \($0.reason)" } == ["\(base)/sub HTTP 301 redirect to /sub/"])
            #expect(skips.count + documents.count == 1 + requests + 8 + 1 + 2)  // warcinfo, requests, responses, metadata, resources

            // Offsets point at the record: a gzip member in .warc.gz, the
            // "WARC/" line in .warc.
            let file = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            for document in documents {
                let start = Array(file[document.offset..<(document.offset + 3)])
                #expect(start == (reader.isCompressed ? [0x1F, 0x8B, 0x08] : Array("WAR".utf8)), "offset \(document.offset)")
            }
            #expect(Set(events.documents.map(\.offset) + skips.map(\.offset)).count == events.count)
        }
    }
}
