import Foundation
import ScourTestSupport
import Testing
import Scour

/// The walker and URL recovery against what the real `wget -m` writes.
@Suite("Real wget mirror", .enabled(if: MirrorFixture.isAvailable, "the mirror fixture needs wget and python3 on PATH"))
struct MirrorFixtureTests {
    @Test func walkingTheMirrorFindsEveryFetchedFileUnderItsURL() throws {
        let folder = TemporaryDirectory()
        let site = try MirrorFixture.mirror(in: folder)
        let walked = try SourceWalker.walk([site.mirrorFolder])
        // One file per 200 response, each under the URL it was fetched from.
        #expect(walked.skipped.isEmpty)
        #expect(walked.files.count == site.fetchedURLs.count, "wget log: \(site.wgetLog)")
        #expect(Set(walked.files.compactMap(\.url)) == site.fetchedURLs)
        #expect(walked.files.allSatisfy { $0.url != nil })
        // Every page of the site was fetched, and its file holds what was served.
        for page in MirrorFixture.pages.values {
            let url = page.url(host: site.host)
            let file = try #require(walked.files.first { $0.url == url }, "no file for \(url)")
            let sourceName = page.path == "/" ? "index.html" : page.path.hasSuffix("/") ? page.path.dropFirst() + "index.html"
                : String(page.path.dropFirst().prefix { $0 != "?" })
            let served = try Data(contentsOf: URL(fileURLWithPath: (site.siteFolder as NSString).appendingPathComponent(sourceName)))
            #expect(try file.read() == [UInt8](served), "\(file.displayPath)")
        }
    }

    @Test func namesWithAQueryKeepIt() throws {
        let folder = TemporaryDirectory()
        let site = try MirrorFixture.mirror(in: folder)
        let walked = try SourceWalker.walk([site.mirrorFolder])
        let urls = Dictionary(uniqueKeysWithValues: walked.files.map { ($0.id, $0.url) })
        #expect(urls["\(site.host)/newsitem.aspx?id=7"] == "http://\(site.host)/newsitem.aspx?id=7")
        #expect(urls["\(site.host)/files/index.html?C=M;O=A"] == "http://\(site.host)/files/?C=M;O=A")
        #expect(urls["\(site.host)/files/index.html"] == "http://\(site.host)/files/")
        #expect(urls["\(site.host)/中文/新闻.html"] == "http://\(site.host)/%E4%B8%AD%E6%96%87/%E6%96%B0%E9%97%BB.html")
    }

    @Test func indexingTheHostFolderItselfRecoversTheSameURLs() throws {
        let folder = TemporaryDirectory()
        let site = try MirrorFixture.mirror(in: folder)
        let walked = try SourceWalker.walk([site.hostFolder])
        #expect(Set(walked.files.compactMap(\.url)) == site.fetchedURLs)
        #expect(walked.files.contains { $0.id == "newsitem.aspx?id=7" })
    }

    @Test func asciiRestrictedNamesMapToTheSameURLs() throws {
        let folder = TemporaryDirectory()
        let site = try MirrorFixture.mirror(in: folder, restrictFileNames: "ascii")
        let walked = try SourceWalker.walk([site.mirrorFolder])
        // wget wrote the Chinese page's name as %XX escapes, which stay as they are.
        #expect(walked.files.contains { $0.id == "\(site.host)/%E4%B8%AD%E6%96%87/%E6%96%B0%E9%97%BB.html" }, "\(walked.files.map(\.id))")
        #expect(Set(walked.files.compactMap(\.url)) == site.fetchedURLs)
    }
}
