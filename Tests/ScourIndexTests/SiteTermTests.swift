import Foundation
import ScourTestSupport
import Testing
import ScourAnalysis
@testable import ScourIndex

@Suite("Site terms")
struct SiteTermTests {
    @Test(arguments: [
        ("http://www.cs.example.edu/~smith/", "cs.example.edu"),
        ("https://News.Example.COM:8080/2024/lighthouse", "news.example.com"),
        ("http://user:secret@example.org/path?q=1#top", "example.org"),
        ("https://example.org.", "example.org"),
        ("http://192.168.1.10:8000/", "192.168.1.10"),
        ("http://[::1]:8080/admin", "[::1]"),
        ("https://www.图书馆.中国/", "图书馆.中国"),
    ])
    func hostOfAURL(url: String, host: String) {
        #expect(SiteTerms.host(of: url) == host)
    }

    @Test(arguments: ["news/union.html", "", "://example.org", "mailto:someone@example.org", "http:///path"])
    func pathsAndOddStringsHaveNoHost(text: String) {
        #expect(SiteTerms.host(of: text) == nil)
    }

    @Test(arguments: [
        ("example.com", "example.com"), ("www.Example.com", "example.com"), ("example.com/news/", "example.com"),
        ("http://www.example.com:8080/x", "example.com"), (".edu.cn", "edu.cn"), ("EDU", "edu"),
    ])
    func typedSitesAreNormalisedLikeIndexedHosts(typed: String, domain: String) {
        #expect(SiteTerms.normalizedSite(typed) == domain)
    }

    @Test(arguments: ["", "/", "...", "http://"])
    func typedSitesWithoutAHostAreNil(typed: String) {
        #expect(SiteTerms.normalizedSite(typed) == nil)
    }

    @Test func theAnalyzerNeverProducesASiteTerm() {
        var session = Analyzer().makeSession()
        let terms = session.tokens(in: "\u{1}edu \u{1}\u{1}cornell.edu site:edu \u{1}").map(\.term)
        #expect(!terms.isEmpty)
        #expect(terms.allSatisfy { !$0.hasPrefix(String(SiteTerms.marker)) }, "\(terms)")
    }

    @Test func siteTermsArePostedWithoutPositionsOrLength() throws {
        let directory = TemporaryDirectory()
        var builder = SegmentBuilder(analyzer: Analyzer())
        builder.add(StoredDocument(path: "a", title: "Smith", text: "ferry routing", url: "http://www.cs.example.edu/~smith/"))
        builder.add(StoredDocument(path: "b", title: "News", text: "ferry news", url: "https://news.example.com/ferry",
                                   aliases: ["http://mirror.example.edu/ferry"]))
        builder.add(StoredDocument(path: "c", title: "Notes", text: "ferry notes"))
        let path = directory.file("seg.scour")
        try SegmentWriter.write(builder, to: path)
        let reader = try SegmentReader(path: path)

        func documents(_ domain: String) -> [UInt32] {
            guard let info = reader.lookup(SiteTerms.term(forDomain: domain)) else { return [] }
            var cursor = reader.postings(info)
            var found: [UInt32] = []
            var positions: [UInt32] = [7]
            while cursor.next() {
                #expect(cursor.frequencies == FieldCounts(url: 1))
                cursor.positions(into: &positions)
                #expect(positions.isEmpty)
                found.append(cursor.document)
            }
            #expect(!cursor.isDamaged)
            return found
        }
        #expect(documents("cs.example.edu") == [0])
        #expect(documents("example.edu") == [0, 1])  // Document 1 through its alias.
        #expect(documents("example.com") == [1])
        #expect(documents("edu") == [0, 1])
        #expect(documents("www.cs.example.edu") == [])
        // "cs example edu smith" and "news example com ferry": site terms add no length.
        #expect(reader.lengths(of: 0).url == 4)
        #expect(reader.lengths(of: 1).url == 4)
        #expect(reader.tokens(in: .url) == 8)
    }
}

@Suite("Site terms in statistics")
struct SiteTermStatisticsTests {
    @Test func statisticsCountWordsNotSiteTerms() throws {
        let temporary = TemporaryDirectory()
        let directory = IndexDirectory(path: temporary.path)
        var infos: [SegmentInfo] = []
        for (ordinal, url) in ["http://cs.example.edu/a", "https://example.org/b"].enumerated() {
            var builder = SegmentBuilder(analyzer: Analyzer())
            builder.add(StoredDocument(path: "\(ordinal)", title: "", text: "ferry", url: url))
            infos.append(try SegmentWriter.write(builder, to: directory.segmentPath(generation: 1, ordinal: ordinal)))
        }
        try directory.commit(Manifest(generation: 1, analyzer: .standard, segments: infos))
        let reader = try IndexReader(path: temporary.path)
        // Words: ferry, cs, example, edu, a (segment 0); ferry, example, org, b (segment 1).
        #expect(reader.distinctTermCount() == 7)
        #expect(reader.postingCount() == 9)
        // Site terms: cs.example.edu, example.edu, edu; example.org, org.
        #expect(reader.segments.map(\.termCount) == [5 + 3, 4 + 2])
    }
}

@Suite("Format compatibility")
struct FormatCompatibilityTests {
    /// `Tests/Fixtures/index-format-3`: written by the format-3 scour and
    /// never rebuilt. Every later version must open it or refuse it clearly.
    static let formatThreeIndex = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/index-format-3").path

    @Test func theFrozenFormatThreeIndexStillOpens() throws {
        let reader = try IndexReader(path: Self.formatThreeIndex)
        #expect(reader.documentCount == 5)
        let segment = try #require(reader.segments.first)
        #expect(segment.formatVersion == 3)
        #expect(!segment.hasSiteTerms)
        let documents = try (0..<reader.documentCount).map { try reader.document($0) }
        #expect(Set(documents.map(\.path)) == ["harbour-ferry.html", "lighthouse-museum.html", "tide-notes.txt",
                                               "rec-cs-smith", "rec-news"])
        let museum = try #require(documents.first { $0.path == "lighthouse-museum.html" })
        #expect(museum.title == "Lighthouse Museum Reopens")
        #expect(museum.date == "2024-03-15")
        // Format 3 has no identity fields: they read as empty.
        #expect(documents.allSatisfy { $0.aliases.isEmpty && $0.location.isEmpty && $0.source.isEmpty })
        let smith = try #require(documents.first { $0.path == "rec-cs-smith" })
        #expect(smith.webURL == "http://www.cs.example.edu/~smith/")
        #expect(smith.host == "cs.example.edu")
        #expect(reader.documentFrequency("ferri") == 2)
    }
}
