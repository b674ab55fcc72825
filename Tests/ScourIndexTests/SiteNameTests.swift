import Testing
@testable import ScourIndex
import ScourTestSupport

@Suite("Site names")
struct SiteNameTests {
    @Test(arguments: [
        ("http://www.cs.cornell.edu/~smith/", "www.cs.cornell.edu"),
        ("https://User:pw@WWW.Example.EDU:8080/a?b=c", "www.example.edu"),
        ("http://127.0.0.1:8000/news.jsp", "127.0.0.1"),
        ("http://example.org?q=1", "example.org"),
        ("http://example.org#top", "example.org"),
        ("http://example.org./", "example.org"),
        ("http://[::1]:8080/x", "[::1]"),
        ("ftp://files.example.com", "files.example.com"),
    ])
    func hostOfURL(url: String, host: String) {
        #expect(SiteName.host(ofURL: url) == host)
    }

    @Test(arguments: ["news/a.html", "/absolute/path", "mailto:someone@example.org", "http:///nohost", ""])
    func noHostInRelativeOrHostlessURLs(url: String) {
        #expect(SiteName.host(ofURL: url) == nil)
    }

    @Test func domainsRunFromTheHostToItsTopLevelDomain() {
        #expect(SiteName.domains(ofHost: "cs.cornell.edu") == ["cs.cornell.edu", "cornell.edu", "edu"])
    }

    @Test func wwwIsDroppedSoItMatchesTheBareDomain() {
        #expect(SiteName.domains(ofHost: "www.cs.cornell.edu") == ["cs.cornell.edu", "cornell.edu", "edu"])
        #expect(SiteName.domains(ofHost: "www.cornell.edu") == ["cornell.edu", "edu"])
        // A host that is only "www.something" keeps nothing else to drop to.
        #expect(SiteName.domains(ofHost: "www.com") == ["www.com", "com"])
    }

    @Test func caseTrailingDotAndPortAreNormalised() {
        #expect(SiteName.domains(ofHost: "News.Example.CO.UK.:8080") == ["news.example.co.uk", "example.co.uk", "co.uk", "uk"])
    }

    @Test func addressesAndSingleNamesAreNotSplit() {
        #expect(SiteName.domains(ofHost: "127.0.0.1:8000") == ["127.0.0.1"])
        #expect(SiteName.domains(ofHost: "localhost") == ["localhost"])
        #expect(SiteName.domains(ofHost: "[::1]:80") == ["[::1]"])
        #expect(SiteName.domains(ofHost: "") == [])
    }

    @Test func aURLsHostFeedsDomains() {
        let host = SiteName.host(ofURL: "http://www.Math.Example.edu:8080/dept/")!
        #expect(SiteName.domains(ofHost: host) == ["math.example.edu", "example.edu", "edu"])
    }
}

/// The byte-level reading of ASCII URLs gives what the general one gives.
@Suite("Site names: the ASCII fast path")
struct SiteNameFastPathTests {
    static let urls: [String] = {
        var urls = [
            "http://www.cs.cornell.edu/~smith/", "https://User:pw@WWW.Example.EDU:8080/a?b=c", "http://127.0.0.1:8000/news.jsp",
            "http://example.org?q=1", "http://example.org#top", "http://example.org./", "http://[::1]:8080/x",
            "ftp://files.example.com", "news/a.html", "/absolute/path", "mailto:someone@example.org", "http:///nohost", "",
            "http://a@b@c.example.com/", "http://host:/x", "http://host:80a/", "HTTP://X.Y.Z:9", "h+t-t.p://site.org",
            "ht_tp://site.org", "://site.org", "http://...", "http://www./", "http://www.x/", "http://[fe80::1/x",
            "http://example.com:8080:9090/", "x://y", "http://a/b://c", "http://UPPER.case.ORG/Path",
        ]
        // Random ASCII strings made of URL-ish pieces.
        var random = SeededGenerator(seed: 5)
        let pieces = ["http", "://", "www.", "a", "B", ".", ":", "80", "@", "/", "?", "#", "[", "]", "-", "+", "x1"]
        for _ in 0..<3000 {
            urls.append((0..<Int.random(in: 1...9, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined())
        }
        return urls
    }()

    @Test func theFastPathAgreesWithTheGeneralReading() {
        for url in Self.urls {
            #expect(SiteName.host(ofURL: url) == SiteName.hostOfAnyURL(url), "\(url)")
            #expect(SiteTerms.host(of: url) == SiteName.hostOfAnyURL(url).flatMap { SiteName.domains(ofHost: $0).first }, "\(url)")
        }
    }

    @Test func nonASCIIURLsTakeTheGeneralReading() {
        #expect(SiteName.host(ofURL: "http://Bücher.example/x") == "bücher.example")
        #expect(SiteName.host(ofURL: "http://例子.测试:8080/") == "例子.测试")
    }
}

extension SiteNameFastPathTests {
    @Test func domainsReadAsBytesAgreeWithTheGeneralReading() {
        var random = SeededGenerator(seed: 9)
        let pieces = ["www", ".", "cs", "Cornell", "edu", "1", "255", "300", ":", "80", "-", "a", "[", "]"]
        var hosts = ["cs.cornell.edu", "www.cs.cornell.edu", "www.x", "www.", "a..b", ".a.b", "127.0.0.1", "1.2.3.400",
                     "WWW.Example.COM", "localhost", "a.b.", "1.2.3", "www.1.2.3"]
        for _ in 0..<3000 {
            hosts.append((0..<Int.random(in: 1...7, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined())
        }
        for host in hosts {
            var bytes = host
            let fast = bytes.withUTF8 { SiteName.asciiDomains(ofHost: $0) }
            if let fast { #expect(fast == SiteName.generalDomains(ofHost: host), "\(host)") }
        }
    }
}
