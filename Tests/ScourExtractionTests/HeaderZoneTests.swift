import Testing
@testable import ScourExtraction

/// Header-zone rules for single pages (`ChromeLineFilter.dropHeaderZone`):
/// what sits above the first paragraph of one page, judged without the
/// rest of the site.
@Suite("Header zone")
struct HeaderZoneTests {
    static let body = """
        The Faculty of Engineering opened its new materials laboratory on Monday, giving students and researchers \
        space for testing composites, alloys and ceramics under one roof.
        Around two hundred students a year will use the laboratory for their final-year projects, and three \
        research groups will move their equipment there over the summer.
        """

    /// A scrape that caught the sticky header and the real one: the site's
    /// name heads the page twice, a section the trail names sits above the
    /// headline, and a dateline follows it.
    static let scrape = """
        Eastbrook University Faculty of Engineering
        Search  中文版
        Eastbrook University Faculty of Engineering
        Search  中文版
        Research News
        You are here: Home > Research > Research News > Article
        New materials laboratory opens
        Date:2026-03-12 Views: Author:
        \(body)
        Text: Ana Ruiz
        """

    @Test func siteNameSectionAndDatelineGo() throws {
        let document = try extract(Self.scrape, fileExtension: "txt")
        #expect(!document.text.contains("Eastbrook University Faculty of Engineering"))
        #expect(!document.lines.contains("Research News"))
        #expect(!document.text.contains("Views:"))
        #expect(document.lines.first == "New materials laboratory opens")
        #expect(document.lines.last == "Text: Ana Ruiz")
        for paragraph in Self.body.split(separator: "\n") { #expect(document.lines.contains(String(paragraph))) }
        #expect(document.date == "2026-03-12")
        #expect(document.title == "New materials laboratory opens")
    }

    /// A first line that appears once is not known to be the site's name,
    /// and a short line the trail does not name is not a section: both stay.
    @Test func unrepeatedFirstLineAndUnnamedSectionStay() throws {
        let scrape = """
            Eastbrook University Faculty of Engineering
            Materials for a greener city
            You are here: Home > Research > Research News > Article
            New materials laboratory opens
            \(Self.body)
            """
        let document = try extract(scrape, fileExtension: "txt")
        #expect(document.lines.contains("Eastbrook University Faculty of Engineering"))
        #expect(document.lines.contains("Materials for a greener city"))
    }

    /// A dateline of a date and labels goes; one that also names the unit
    /// that published the page, or its writer, stays.
    @Test(arguments: [
        ("Date:2026-03-12 Views: Author:", false), ("发布时间：2026-03-12", false), ("Thursday, 12 March 2026", false),
        ("Posted on March 12, 2026 at 2:15 pm", false),
        ("Mar. 12, 2026 | School of Engineering, News Center", true), ("发布时间：2026-03-12 来源：工程学院", true),
        ("12 March 2026, by Ana Ruiz", true),
    ])
    func datelines(line: String, stays: Bool) throws {
        let document = try extract("New materials laboratory opens\n\(line)\n\(Self.body)", fileExtension: "txt")
        #expect(document.lines.contains(line) == stays)
        #expect(document.date == "2026-03-12")
    }

    /// The trail's last segment is the page itself, and a byline with its
    /// date names the author: neither is taken for chrome.
    @Test func trailsLastSegmentAndBylinesStay() throws {
        let scrape = """
            Home > News > New materials laboratory opens
            New materials laboratory opens
            By Ana Ruiz, 12 March 2026
            \(Self.body)
            """
        let document = try extract(scrape, fileExtension: "txt")
        #expect(document.lines.first == "New materials laboratory opens")
        #expect(document.lines.contains("By Ana Ruiz, 12 March 2026"))
    }
}

/// Chrome lines that survived before: tags and categories, "Back",
/// browser notices, share bars and the headings of teaser blocks.
@Suite("Chrome lines")
struct ChromeLineTests {
    @Test func surroundingChromeLinesGo() throws {
        let scrape = """
            This site looks better in a browser that supports web standards.
            New materials laboratory opens
            \(HeaderZoneTests.body)
            分享到：微信 微博 QQ空间
            Tags: laboratories, engineering, research
            Categories: Research News
            Tags
            materials, laboratory, engineering
            « Back
            You may also like
            """
        let document = try extract(scrape, fileExtension: "txt")
        #expect(document.lines.first == "New materials laboratory opens")
        for chrome in ["looks better", "分享到", "Tags", "Categories:", "materials, laboratory", "Back",
                       "You may also like"] {
            #expect(!document.text.contains(chrome), "kept \(chrome)")
        }
        for paragraph in HeaderZoneTests.body.split(separator: "\n") {
            #expect(document.lines.contains(String(paragraph)))
        }
    }

    /// A lone "tag", "category" or "comment" in the middle of a page is a
    /// word of it (a parameter's name, a table cell), and so is the line after it.
    @Test func aLoneTagInTheMiddleStays() throws {
        let scrape = "New materials laboratory opens\n\(HeaderZoneTests.body)\ntag\ntarget, source\ncomment\n"
            + "Advertisement\n\(HeaderZoneTests.body)"
        let document = try extract(scrape, fileExtension: "txt")
        #expect(document.lines.contains("tag"))
        #expect(document.lines.contains("target, source"))
        #expect(document.lines.contains("comment"))
        // An advert's label is one anywhere.
        #expect(!document.lines.contains("Advertisement"))
    }

    /// The same words inside sentences of the article are its content.
    @Test func theSameWordsInProseStay() throws {
        let sentence = "Tags: the students attached small tags to every sample, so that the laboratory could trace it."
        let back = "Back in 1998, the faculty had only one small laboratory, shared by three departments."
        let scrape = "New materials laboratory opens\n\(back)\n\(HeaderZoneTests.body)\n\(sentence)"
        let document = try extract(scrape, fileExtension: "txt")
        #expect(document.lines.contains(back))
        #expect(document.lines.contains(sentence))
    }
}
