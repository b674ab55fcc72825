import Testing
import ScourIndex

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
