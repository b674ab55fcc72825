import Testing
@testable import ScourExtraction

/// HTTP heads saved in front of pages, of every shape crawlers write, and
/// plain text that only starts like one.
@Suite("HTTP header blocks")
struct HTTPHeaderBlockTests {
    static func block(_ text: String) -> HTTPHeaderBlock? {
        Array(text.utf8).withUnsafeBufferPointer { HTTPHeaderBlock($0) }
    }

    static let page = "<html><head><title>Staff</title></head><body><p>The staff page lists everyone in the department.</p></body></html>"

    @Test func headerLinesWithoutAStatusLine() throws {
        let head = "MIME-Version: 1.0\r\nDate: Tue, 10 Feb 2026 08:00:00 GMT\r\nServer: Apache\r\n"
            + "Content-Type: text/html; charset=windows-1251\r\n\r\n"
        #expect(Self.block(head + Self.page)?.length == head.utf8.count)
        #expect(Self.block(head + Self.page)?.charset == "windows-1251")
        #expect(Self.block(head + Self.page)?.contentType == "text/html")
        let document = try extract(head + Self.page)
        #expect(document.title == "Staff")
        #expect(document.text == "The staff page lists everyone in the department.")
    }

    @Test func oneKnownHeaderBeforeMarkup() {
        #expect(Self.block("Content-Type: text/html\n\n" + Self.page)?.length == 25)
    }

    /// Text that starts with a "Name: value" line keeps it: it is content.
    @Test func plainTextStartingLikeAHeaderIsNotOne() throws {
        #expect(Self.block("Date: 2025-01-01\n\nThe committee met on the first day of the year to plan the budget.") == nil)
        #expect(Self.block("Subject: Budget\nFrom: Dean's office\n\nThe committee met to plan the budget.") == nil)
        // An e-mail's MIME lines do not outnumber its own.
        let mail = "From: dean@example.edu\nTo: staff@example.edu\nSubject: Budget\nDate: Mon, 5 Jan 2026 09:00:00 +0000\n"
            + "MIME-Version: 1.0\nContent-Type: text/plain\n\nThe committee met to plan the budget."
        #expect(Self.block(mail) == nil)
        let document = try extract("Date: 2025-01-01\n\nThe committee met on the first day of the year to plan the budget.",
                                   fileExtension: "txt")
        #expect(document.text.hasPrefix("Date: 2025-01-01"))
        #expect(Self.block("Date: 2025-01-01\nServer: Apache\n\n") == nil)  // nothing follows
    }

    @Test func requestAndResponse() {
        let head = "GET /people/staff.html HTTP/1.1\r\nHost: www.example.edu\r\nUser-Agent: crawler\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nLast-Modified: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Type: text/html\r\n\r\n"
        let block = Self.block(head + Self.page)
        #expect(block?.length == head.utf8.count)
        #expect(block?.requestURL == "http://www.example.edu/people/staff.html")
        #expect(block?.url == "http://www.example.edu/people/staff.html")
        #expect(block?.lastModified == "1994-11-06")
        #expect(Self.block("GET http://www.example.edu/a HTTP/1.0\n\n" + Self.page)?.requestURL == "http://www.example.edu/a")
    }

    @Test func redirectChainAndContinue() {
        let head = "HTTP/1.1 100 Continue\n\nHTTP/1.1 301 Moved Permanently\nLocation: https://www.example.edu/new/\n"
            + "Content-Type: text/html; charset=iso-8859-1\n\n\nHTTP/1.1 200 OK\nContent-Type: text/html; charset=utf-8\n"
            + "Link: <https://www.example.edu/new/>; rel=\"canonical\"\n\n"
        let block = Self.block(head + Self.page)
        #expect(block?.length == head.utf8.count)
        #expect(block?.charset == "utf-8")  // the final response's
        #expect(block?.redirectLocation == "https://www.example.edu/new/")
        #expect(block?.url == "https://www.example.edu/new/")
    }

    @Test func foldedLinesAndContentLocation() {
        let head = "HTTP/1.0 200 OK\nContent-Location: /about/index.html\nX-Long: first part\n  continued here\n"
            + "Host: ignored.example\n\n"
        #expect(Self.block(head + Self.page)?.length == head.utf8.count)
        // A response's Host is not the request's: the path stays relative.
        #expect(Self.block(head + Self.page)?.contentLocation == nil)
        #expect(Self.block("HTTP/1.0 200 OK\nContent-Location: http://a.example/x.html\n\n<p>x</p>")?.url
                == "http://a.example/x.html")
    }

    /// Prose after a status-like line, or a response after a body, is page text.
    @Test func blocksEndWhereThePageBegins() {
        let head = "HTTP/1.1 200 OK\nServer: x\n\n"
        #expect(Self.block(head + "HTTP/1.1 is the protocol this page is about.\nIt has headers.\n\n")?.length == head.utf8.count)
        #expect(Self.block("HTTP/2 200\ncontent-type: text/html\n\n<p>x</p>")?.contentType == "text/html")
    }

    @Test(arguments: [
        ("Sun, 06 Nov 1994 08:49:37 GMT", "1994-11-06"),
        ("Sunday, 06-Nov-94 08:49:37 GMT", "1994-11-06"),
        ("Tuesday, 10-Feb-26 08:49:37 GMT", "2026-02-10"),
        ("Sun Nov  6 08:49:37 1994", "1994-11-06"),
    ])
    func httpDates(value: String, expected: String) {
        #expect(DateFinder.httpDate(value) == expected)
    }

    @Test func lastModifiedDatesAPageThatStatesNoDate() throws {
        let head = "HTTP/1.1 200 OK\nLast-Modified: Wed, 21 Oct 2015 07:28:00 GMT\nContent-Location: http://www.example.edu/staff\n\n"
        let document = try extract(head + Self.page)
        #expect(document.date == "2015-10-21")
        #expect(document.headerURL == "http://www.example.edu/staff")
        let dated = head + "<html><head><meta name=date content=2026-01-10></head><body><p>\(Self.page)</p></body></html>"
        #expect(try extract(dated).date == "2026-01-10")
    }

    @Test(arguments: [
        ("text/html; charset=windows-1251", "text/html", "windows-1251"),
        ("Text/HTML; Charset=\"UTF-8\"", "text/html", "utf-8"),
        ("text/html;charset='koi8-r'", "text/html", "koi8-r"),
        ("text/html; charset = gbk ", "text/html", "gbk"),
        ("multipart/mixed; boundary=xcharset=utf-8", "multipart/mixed", nil),
        ("text/plain; charset=", "text/plain", nil),
        (" ; charset=utf-8", nil, "utf-8"),
    ] as [(String, String?, String?)])
    func mediaTypesSplitIntoBaseAndCharset(value: String, base: String?, charset: String?) {
        let media = MediaType(value)
        #expect(media.base == base)
        #expect(media.charset == charset)
    }
}
