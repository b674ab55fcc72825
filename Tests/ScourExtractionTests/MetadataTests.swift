import Testing
@testable import ScourExtraction

/// Title cleaning, publication dates, canonical URLs and languages, read
/// from whole pages the way the extractor sees them.
@Suite("Metadata")
struct MetadataTests {
    static func page(head: String, body: String, htmlAttributes: String = "") -> String {
        "<!DOCTYPE html><html\(htmlAttributes)><head><meta charset=utf-8>\(head)</head><body>\(body)"
            + "<p>The body of the article is long enough to be kept as content by every pass of the extractor.</p>"
            + "</body></html>"
    }

    // MARK: Titles

    @Test(arguments: [
        // The h1 names one part: the rest is the site.
        ("<title>Robotics Lab Opens - Northfield University</title>", "<h1>Robotics Lab Opens</h1>", "Robotics Lab Opens"),
        ("<title>Ashgrove College :: New Lab Rules</title>", "<h1>New Lab Rules for 2025-26</h1>", "New Lab Rules"),
        ("<title>Dr Amara Osei | School of Computing | Northfield University</title>", "<h1>Dr Amara Osei</h1>",
         "Dr Amara Osei"),
        ("<title>Ingrid Solberg — Pemberton Institute</title>", "<h1>Professor Ingrid Solberg</h1>", "Ingrid Solberg"),
        ("<title>Semaine 2024 – Languages – Marlow College</title>", "<h1>Semaine 2024</h1>", "Semaine 2024"),
        ("<title>Alumni_Northfield</title>", "<h1>Alumni</h1>", "Alumni"),
        ("<title>化学化工学院举办开放日活动-西岭理工大学新闻网</title>", "<h1>化学化工学院举办开放日活动</h1>", "化学化工学院举办开放日活动"),
        ("<title>开放日活动——西岭理工大学</title>", "<h1>开放日活动</h1>", "开放日活动"),
        // No evidence: a separator alone proves nothing.
        ("<title>PHYS 1120 - General Physics II (Winter 1998)</title>", "", "PHYS 1120 - General Physics II (Winter 1998)"),
        ("<title>Riverton State University - Department of Physics</title>", "<h2>Welcome</h2>",
         "Riverton State University - Department of Physics"),
        // The h1 repeats the whole title.
        ("<title>PHYS 1120 - General Physics II (Winter 1998)</title>", "<h1>PHYS 1120 - General Physics II (Winter 1998)</h1>",
         "PHYS 1120 - General Physics II (Winter 1998)"),
        // A part with a course code is not a site name, whatever the h1 says.
        ("<title>PHYS 1120 - General Physics II</title>", "<h1>General Physics II</h1>", "PHYS 1120 - General Physics II"),
        // Hyphens inside words and numbers are not separators.
        ("<title>Deadlines for 2026-27 Announced - Northfield</title>", "<h1>Deadlines for 2026-27 Announced</h1>",
         "Deadlines for 2026-27 Announced"),
        ("<title>关于2025-2026学年奖学金的通知</title>", "<h1>通知</h1>", "关于2025-2026学年奖学金的通知"),
    ])
    func titleIsCleanedOnEvidence(title: String, heading: String, expected: String) throws {
        let document = try extract(Self.page(head: title, body: heading))
        #expect(document.title == expected)
    }

    @Test func openGraphTitlePicksThePart() throws {
        let head = "<title>Northfield University | Robotics Lab Opens</title><meta property='og:title' content='Robotics Lab Opens'>"
        #expect(try extract(Self.page(head: head, body: "<p>No heading here.</p>")).title == "Robotics Lab Opens")
    }

    @Test func siteNameIsCutWithoutAHeading() throws {
        let head = "<title>Dr Priya Raghunathan - Staff Profile - Ashgrove College</title>"
            + "<meta property=\"og:site_name\" content=\"Ashgrove College\">"
        #expect(try extract(Self.page(head: head, body: "")).title == "Dr Priya Raghunathan - Staff Profile")
    }

    @Test func logoHeadingNamingTheSiteIsNotTheTitle() throws {
        let head = "<title>Robotics Lab Opens | Northfield University</title>"
            + "<meta property=\"og:site_name\" content=\"Northfield University\">"
        let document = try extract(Self.page(head: head, body: "<h1><a href='/'>Northfield University</a></h1>"))
        #expect(document.title == "Robotics Lab Opens")
    }

    @Test func logoHeadingInTheSiteHeaderIsPassedOver() throws {
        let body = "<header><h1><a href='/'>Northfield University</a></h1></header>"
            + "<article><h2>Robotics Lab Opens</h2></article>"
        let document = try extract(Self.page(head: "<title>Robotics Lab Opens - Northfield University</title>", body: body))
        // No heading to go by, but a trailing part naming an institution is the site's name.
        #expect(document.title == "Robotics Lab Opens")
        let withHeading = "<header><h1>Northfield University</h1></header><main><h1>Robotics Lab Opens</h1></main>"
        #expect(try extract(Self.page(head: "<title>Robotics Lab Opens - Northfield University</title>", body: withHeading))
            .title == "Robotics Lab Opens")
    }

    @Test func openGraphTitleStandsInForAMissingTitle() throws {
        let head = "<meta property=\"og:title\" content=\"Robotics Lab Opens\">"
        #expect(try extract(Self.page(head: head, body: "<h1>Other heading</h1>")).title == "Robotics Lab Opens")
    }

    @Test func headingIsTheLastResort() throws {
        #expect(try extract(Self.page(head: "", body: "<h1>Planned Water Supply Interruption</h1>")).title
            == "Planned Water Supply Interruption")
    }

    // MARK: Dates

    @Test(arguments: [
        ("<meta property='article:published_time' content='2026-01-10T08:00:00+08:00'>", "2026-01-10"),
        ("<meta name='date' content='2025-11-19'>", "2025-11-19"),
        ("<meta name='pubdate' content='20240327'>", "2024-03-27"),
        ("<meta name='DC.date.issued' content='2015-05-25'>", "2015-05-25"),
        ("<meta name='citation_publication_date' content='2024/03/27'>", "2024-03-27"),
        ("<meta name='publishdate' content='Tue, 10 Feb 2026 08:00:00 GMT'>", "2026-02-10"),
        // The better-ranked name wins, whatever the order.
        ("<meta name='date' content='2020-01-01'><meta property='article:published_time' content='2021-02-02'>",
         "2021-02-02"),
    ])
    func metaDate(head: String, expected: String) throws {
        #expect(try extract(Self.page(head: head, body: "<h1>News</h1>")).date == expected)
    }

    @Test func itempropAndTimeElements() throws {
        let itemprop = Self.page(head: "", body: "<h1>News</h1><span itemprop='datePublished' content='2024-03-27'>Mar 27</span>")
        #expect(try extract(itemprop).date == "2024-03-27")
        // The <time> inside the article, not the one in the site header.
        let times = Self.page(
            head: "", body: "<header><time datetime='2026-11-21'>Today</time></header>"
                + "<article><h1>News</h1><time datetime='2026-01-10T09:00'>10 January</time></article>")
        #expect(try extract(times).date == "2026-01-10")
        let textOnly = Self.page(head: "", body: "<h1>News</h1><time>March 27, 2024</time>")
        #expect(try extract(textOnly).date == "2024-03-27")
    }

    @Test(arguments: [
        ("<p>Date:2026-01-10 Views: 118</p>", "2026-01-10"),
        ("<p>Published 9 February 2026 by the Press Office</p>", "2026-02-09"),
        ("<p>发布时间：2025-11-19 来源：新闻中心</p>", "2025-11-19"),
        ("<p>Mar. 27, 2024</p>", "2024-03-27"),
        ("<p>2015-05-25</p>", "2015-05-25"),
        ("<p>2025年11月19日</p>", "2025-11-19"),
    ])
    func visibleDateline(line: String, expected: String) throws {
        #expect(try extract(Self.page(head: "", body: "<h1>Lab Opens</h1>" + line)).date == expected)
    }

    @Test func labelsAreWholeWords() throws {
        let page = Self.page(head: "", body: "<h1>Exams</h1><p>Candidates sit the paper on 2026-05-01 in the Great Hall,"
            + " and must bring their student cards.</p>")
        #expect(try extract(page).date == nil)
        let updated = Self.page(head: "", body: "<h1>Observatory</h1><p>Public nights are held monthly.</p><p>Last updated: March 1, 1998</p>")
        #expect(try extract(updated).date == "1998-03-01")
    }

    @Test func eventSpansAndProseDatesAreNotPublicationDates() throws {
        let span = Self.page(head: "", body: "<h1>Summer School</h1><p>29 June – 10 July 2026, Pemberton</p>")
        #expect(try extract(span).date == nil)
        let prose = Self.page(head: "", body: "<h1>Lecture</h1><p>On the afternoon of October 16, 2024, Professor Aas"
            + " gave a lecture entitled \"How Much Carbon Can Farmland Store?\" in Lecture Hall 2 of the College.</p>")
        #expect(try extract(prose).date == nil)
    }

    @Test func plainTextDateline() throws {
        let text = "Marine Biology Students Complete Field Trip\nDate:2025-04-14  Views: 88\n"
            + "Twenty students of marine biology spent a week at the field station on Gullrock Island, where they "
            + "surveyed rock pools and counted seabirds.\n"
        #expect(try extract(text, fileExtension: "txt").date == "2025-04-14")
    }

    @Test(arguments: ["2026-02-30", "2026-13-01", "1066-10-14", "2025-02-29", "0000-00-00"])
    func impossibleDatesAreRejected(value: String) {
        #expect(DateFinder.date(in: value) == nil)
    }

    @Test func dateParsing() {
        #expect(DateFinder.date(in: "2024-02-29") == "2024-02-29")
        #expect(DateFinder.date(in: "9th of February, 2026") == "2026-02-09")
        #expect(DateFinder.date(in: "February 9th, 2026") == "2026-02-09")
        #expect(DateFinder.date(in: "２０２５年１１月１９日") == "2025-11-19")
        #expect(DateFinder.date(in: "03/04/2024") == nil)  // day and month cannot be told apart
        #expect(DateFinder.date(in: "2026-01") == nil)
    }

    // MARK: Canonical URL and language

    @Test func canonicalURL() throws {
        let both = "<link rel='canonical' href=' https://example.edu/news/lab '><meta property='og:url' content='https://og.example.edu/'>"
        #expect(try extract(Self.page(head: both, body: "<h1>x</h1>")).canonicalURL == "https://example.edu/news/lab")
        let openGraph = "<meta property='og:url' content='https://og.example.edu/news'>"
        #expect(try extract(Self.page(head: openGraph, body: "<h1>x</h1>")).canonicalURL == "https://og.example.edu/news")
        #expect(try extract(Self.page(head: "", body: "<h1>x</h1>")).canonicalURL == nil)
    }

    @Test func language() throws {
        #expect(try extract(Self.page(head: "", body: "", htmlAttributes: " lang=\"zh-CN\"")).language == "zh-cn")
        #expect(try extract(Self.page(head: "", body: "", htmlAttributes: " xml:lang=\"en_GB\"")).language == "en-gb")
        let meta = "<meta http-equiv=\"Content-Language\" content=\"fr, en\">"
        #expect(try extract(Self.page(head: meta, body: "")).language == "fr")
        #expect(try extract(Self.page(head: "", body: "", htmlAttributes: " lang=\"{{lang}}\"")).language == nil)
        #expect(try extract(Self.page(head: "", body: "")).language == nil)
    }
}

/// Where a page came from, as the page itself says.
@Suite("Page URLs")
struct PageURLTests {
    @Test func baseAndSavedFromMark() throws {
        let page = "<!DOCTYPE html>\n<!-- saved from url=(0042)http://www.example.edu/news/2024/open.html -->\n"
            + "<html><head><base href=' http://www.example.edu/news/ '><title>Open day</title></head>"
            + "<body><p>The open day brings visitors to every department of the university.</p></body></html>"
        let document = try extract(page)
        #expect(document.savedFromURL == "http://www.example.edu/news/2024/open.html")
        #expect(document.baseURL == "http://www.example.edu/news/")
        #expect(document.headerURL == nil)
    }

    @Test func savedFromMarkVariants() {
        func url(_ text: String) -> String? { Array(text.utf8).withUnsafeBufferPointer(SavedFromMark.url) }
        #expect(url("<!-- saved from url=(0023)http://www.example.com/-->") == "http://www.example.com/")
        #expect(url("<!-- saved from url=(0014)about:internet -->") == nil)
        #expect(url("<p>This text says saved from url=http://x.example/ in prose.</p>") == nil)
    }

    @Test func httrackMarkNamesThePageWithItsPortAndQuery() throws {
        let page = "<html>\n<!-- Mirrored from 127.0.0.1:47391/library/collections.html by HTTrack Website Copier/3.x [XR&CO'2014], Mon, 30 Nov 2026 06:05:11 GMT -->\n"
            + "<head><title>collections</title></head><body><p>Container datatypes: defaultdict, deque and namedtuple.</p></body></html>"
        #expect(try extract(page).savedFromURL == "http://127.0.0.1:47391/library/collections.html")
        func url(_ text: String) -> String? { Array(text.utf8).withUnsafeBufferPointer(SavedFromMark.url) }
        #expect(url("<!-- Mirrored from www.example.edu/item.php?id=7 by HTTrack Website Copier/3.x -->")
                == "http://www.example.edu/item.php?id=7")
        #expect(url("<!-- Mirrored from a conversation by email -->") == nil)
    }
}
