import Testing
@testable import ScourExtraction

/// The site's name cut off a title, so that it does not make every page of
/// the site match a search for the site: at CJK separators and their
/// full-width forms, and without a heading to go by, on what the trailing
/// part names.
@Suite("CJK title suffixes")
struct CJKTitleSuffixTests {
    static func title(_ title: String, head: String = "", body: String = "") throws -> String {
        try extract(MetadataTests.page(head: "<title>\(title)</title>" + head, body: body)).title
    }

    /// No heading, no site name: a short trailing part naming an institution is the site.
    @Test(arguments: [
        ("关于2026年寒假放假安排的通知-东川大学新闻网", "关于2026年寒假放假安排的通知"),
        ("学院简介_东川大学", "学院简介"),
        ("图书馆开放时间调整｜南岭大学", "图书馆开放时间调整"),
        ("开学典礼—东川第一中学", "开学典礼"),
        ("学术报告 - 东川大学", "学术报告"),
        ("招生简章－西岭理工大学", "招生简章"),
        ("校园风光＿西岭理工大学", "校园风光"),
        ("毕业典礼隆重举行——东川大学新闻网", "毕业典礼隆重举行"),
        ("讲座通知–计算机学院", "讲座通知"),
        ("校友返校·东川大学", "校友返校"),
        ("关于举办讲座的通知-计算机学院-东川大学", "关于举办讲座的通知"),
        ("關於寒假的通知-東川大學", "關於寒假的通知"),
        ("Open Day 2026 - Northfield University", "Open Day 2026"),
        ("Library Hours | Ashgrove College", "Library Hours"),
    ])
    func trailingInstitutionIsCut(title: String, expected: String) throws {
        #expect(try Self.title(title, body: "<h2>新闻动态</h2>") == expected)
    }

    /// A dash inside a real title, a name's dot, a title that is the site's
    /// own name, or a trailing part that names no institution: kept whole.
    @Test(arguments: [
        "2025-2026学年校历",
        "COVID-19 update",
        "东川大学",
        "东川大学-计算机学院",  // both names: the college's own page
        "Riverton State University - Department of Physics",
        "马克思·韦伯的社会学思想",
        "约翰·史密斯教授来访",
        "招生简章-2026",
        "网络安全宣传周-活动安排",
        "新闻-网",
        "活动通知-第2研究所",  // digits: not a site's name
        "Lecture notes - Week 3",
    ])
    func titlesWithoutASiteNameAreKept(title: String) throws {
        #expect(try Self.title(title) == title)
    }

    /// The dot of transliterated names separates only an institution's name at the end.
    @Test func nameDotIsNotASeparator() {
        #expect(TitleCleaner.parts(of: "马克思·韦伯的社会学思想").count == 1)
        #expect(TitleCleaner.parts(of: "约翰·史密斯教授来访-东川大学").count == 2)
        #expect(TitleCleaner.parts(of: "校友返校·东川大学").count == 2)
        #expect(TitleCleaner.parts(of: "校友返校・東川大學").count == 2)
    }

    @Test func headingRepeatingTheWholeTitleKeepsIt() throws {
        let whole = "关于2026年寒假放假安排的通知-东川大学新闻网"
        #expect(try Self.title(whole, body: "<h1>\(whole)</h1>") == whole)
    }

    @Test func siteNameLeadingTheTitleIsCutOnEvidence() throws {
        let head = "<meta property='og:site_name' content='东川大学新闻网'>"
        #expect(try Self.title("东川大学新闻网-关于寒假放假安排的通知", head: head) == "关于寒假放假安排的通知")
    }

    /// The host names the site where the title's part alone would not.
    @Test func hostNameIsEvidence() throws {
        let canonical = "<link rel='canonical' href='https://news.northfield.edu/2026/lab'>"
        #expect(try Self.title("Robotics Lab Opens | Northfield", head: canonical) == "Robotics Lab Opens")
        #expect(try Self.title("Northfield Online - Robotics Lab Opens", head: canonical) == "Robotics Lab Opens")
        let mit = "<meta property='og:url' content='https://web.mit.edu/news/lab.html'>"
        #expect(try Self.title("Robotics Lab Opens - MIT", head: mit) == "Robotics Lab Opens")
        #expect(try Self.title("Robotics Lab Opens | Massachusetts Institute of Technology", head: mit) == "Robotics Lab Opens")
        // Without the host, "Northfield" names no institution: kept.
        #expect(try Self.title("Robotics Lab Opens | Northfield") == "Robotics Lab Opens | Northfield")
        let blog = "<link rel='canonical' href='http://freerangelibrarian.com/2012/07/04/i-am-the-man/'>"
        #expect(try Self.title("Free Range Librarian › I am The Man — and you can, too!", head: blog)
                == "Free Range Librarian › I am The Man — and you can, too!")
        #expect(try Self.title("Summer in Montreal | Legal Nomads", head: "<link rel='canonical' href='https://www.legalnomads.com/x'>")
                == "Summer in Montreal")
        #expect(try Self.title("Steve Jobs' Yacht Revealed - Slashdot.org", head: "<link rel='canonical' href='https://slashdot.org/x'>")
                == "Steve Jobs' Yacht Revealed")
        // A part that merely starts with the host's label is not the site.
        #expect(try Self.title("Northfield Students Win the National Robotics Cup - Sports", head: canonical)
                == "Northfield Students Win the National Robotics Cup - Sports")
    }

    @Test func hostOfAURL() {
        #expect(PageMetadata.host(of: "https://news.northfield.edu:8080/a?b#c") == "news.northfield.edu")
        #expect(PageMetadata.host(of: "http://user@example.org") == "example.org")
        #expect(PageMetadata.host(of: "/relative/path") == "")
    }
}
