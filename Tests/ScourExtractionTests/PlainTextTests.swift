import Testing
@testable import ScourExtraction

/// Chrome lines in plain-text scrapes, judged by shape and position.
@Suite("Plain text")
struct PlainTextTests {
    static let paragraph = "The faculty board met on Tuesday to discuss the new curriculum, which will be "
        + "introduced gradually over the next two academic years, starting with first-year modules."
    static let closing = "Students are invited to comment on the proposals before the end of the month, "
        + "either in writing or at one of the open meetings held in the main hall."

    @Test func leadingAndTrailingChromeIsDropped() throws {
        let text = """
            School of Engineering
            中文版 | English
            Add to favorites  Contact us
            School of Engineering
            Location: Home > News > Faculty News
            Faculty Board Approves New Curriculum
            Date: 2026-01-10  Views: 1024
            \(Self.paragraph)
            \(Self.closing)
            Text: Wang Lei
            Photo / Zhang Min
            Editors: Li Hua and Chen Jie
            Previous: Spring sports day
            Online QQ Service, Click here
            Wechat Service
            Copyright © 2026 School of Engineering. All rights reserved.
            陕ICP备05010979号
            """
        let document = try extract(text, fileExtension: "txt")
        #expect(document.format == .plainText)
        #expect(document.title == "Faculty Board Approves New Curriculum")
        // The site's name heading the page twice, and the dateline, go too.
        #expect(document.lines == [
            "Faculty Board Approves New Curriculum",
            Self.paragraph,
            Self.closing,
            "Text: Wang Lei",
            "Photo / Zhang Min",
            "Editors: Li Hua and Chen Jie",
        ])
    }

    @Test(arguments: [
        "Home > About > News",
        "Location: Home > About > News & Events > Content",
        "Position:>homepage\u{A0}\u{A0}SSPU News",
        "当前位置：首页 > 新闻中心 > 正文",
        "Home\u{A0}\u{A0}  Company News  \u{A0} Faculty Board Approves New Curriculum",
        "Hits: 218 img",
        "ClickTimes:",
        "浏览次数：35",
        "© 2026 Example University",
        "Home | About | Admissions | Contact",
    ])
    func chromeLineBeforeTheFirstParagraphIsDropped(line: String) throws {
        let text = "\(line)\nFaculty Board Approves New Curriculum\n\(Self.paragraph)"
        let document = try extract(text, fileExtension: "txt")
        #expect(document.lines == ["Faculty Board Approves New Curriculum", Self.paragraph])
    }

    /// Lines that look a little like chrome but carry content.
    @Test(arguments: [
        "Topic 1: development of characteristic work",
        "Mar. 27, 2024 | International Office, News Center",
        "Copy / Publicity Department",
        "Reviewed by / Wang Xiaoyun",
        "Room: 305",
        "English Department Hosts Poetry Evening",
        "2024/03/27",
        "Facebook buys a campus start-up",
    ])
    func contentLikeLinesAreKept(line: String) throws {
        let text = "\(Self.paragraph)\n\(line)\n\(Self.closing)\n\(line)"
        let document = try extract(text, fileExtension: "txt")
        #expect(document.lines == [Self.paragraph, line, Self.closing, line])
    }

    /// In the middle of an article only unmistakable chrome goes: button
    /// rows, "All rights reserved", counters; not a short trail-like line.
    @Test func middleRegionIsConservative() throws {
        let text = "\(Self.paragraph)\nShare on Facebook\nResearch > Teaching\nAll rights reserved © Example\n"
            + "Click here to apply\n\(Self.closing)"
        let document = try extract(text, fileExtension: "txt")
        #expect(document.lines == [Self.paragraph, "Research > Teaching", "Click here to apply", Self.closing])
    }

    @Test(arguments: [
        ("Date:2026-03-12 Hits: 118", nil),
        ("Date:2026-01-10 ClickTimes: Author:", nil),
        ("发布时间：2025-09-22 点击数：356 来源：学生工作部", "发布时间：2025-09-22 来源：学生工作部"),
        ("2024-05-01 | Views: 1,024 | By Li Ming", "2024-05-01 | | By Li Ming"),
        ("Date: 2024-05-01 Author: Ana Ruiz Views: 12", "Date: 2024-05-01 Author: Ana Ruiz"),
    ] as [(String, String?)])
    func countersAreCutOutOfMetadataLines(line: String, kept: String?) throws {
        // A dateline that names no writer or source goes whole (the date is kept as the document's).
        let document = try extract("Headline of the Story\n\(line)\n\(Self.paragraph)", fileExtension: "txt")
        #expect(document.lines == ["Headline of the Story"] + (kept.map { [$0] } ?? []) + [Self.paragraph])
        #expect(document.date != nil)
    }

    @Test func titleIsFirstLineWhenThereIsNoHeadline() throws {
        let document = try extract("\(Self.paragraph)\n\(Self.closing)", fileExtension: "txt")
        #expect(document.title.hasPrefix("The faculty board met on Tuesday"))
        #expect(document.title.count <= 121)
    }

    @Test func shortNoteWithoutProseIsKeptWhole() throws {
        let text = "CS 241 Data Structures\nLecturer: Dr Ada Byron\nRoom: 1.04\nEmail: ada@example.edu"
        let document = try extract(text, fileExtension: "txt")
        #expect(document.title == "CS 241 Data Structures")
        #expect(document.lines == text.split(separator: "\n").map(String.init))
    }

    @Test func textWithStrayAngleBracketsStaysText() throws {
        let document = try extract("If x < y and y > z then compare <a> with <b> in the table.", fileExtension: "txt")
        #expect(document.format == .plainText)
    }

    @Test func windowsLineEndingsAndUnicodeSpaces() throws {
        let document = try extract("Title line\r\n\r\nBody\u{A0}text\u{3000}here\r\n", fileExtension: "txt")
        #expect(document.lines == ["Title line", "Body text here"])
    }
}

@Suite("Plain-text titles")
struct PlainTextTitleTests {
    @Test func anUnderlinedHeadingIsTheTitle() throws {
        let text = """
            Git v2.19.1 Release Notes
            =========================

            This release merges up the fixes that appear in v2.14.5 and in
            v2.17.2 to address the recently reported CVE-2018-17456; see the
            release notes for that version for details.
            """
        let document = try DocumentExtractor().extract(Array(text.utf8), fileExtension: "txt")
        #expect(document.title == "Git v2.19.1 Release Notes")
        let dashed = "Library opening hours\n---------------------\nThe library opens at eight during term and at ten in the holidays, every day.\n"
        #expect(try DocumentExtractor().extract(Array(dashed.utf8)).title == "Library opening hours")
    }

    @Test func aShortRuleUnderALongLineIsASeparator() {
        let shapes = ["The library opens at eight during term and at ten in the holidays.", "---", "More text."].map(LineShape.init)
        #expect(HeadlineFinder.underlinedHeading(shapes) == nil)
        let underlined = ["Opening hours", "=============", "More text."].map(LineShape.init)
        #expect(HeadlineFinder.underlinedHeading(underlined) == "Opening hours")
    }
}
