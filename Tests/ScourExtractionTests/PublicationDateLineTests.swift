import Testing
@testable import ScourExtraction

/// Publication dates written as a labelled line ("发布时间：2025-12-01",
/// "Posted on December 1, 2025"), and why such a line outranks a date the
/// body merely mentions.
@Suite("Publication date lines")
struct PublicationDateLineTests {
    static let notice = "<p>学校各单位：根据学校工作安排，现将有关事项通知如下，请各单位认真做好各项工作，确保师生度过一个平安祥和的假期。</p>"
    static let story = "<p>The committee met to discuss the plan for the new building, which will house the engineering"
        + " school from next year.</p>"

    static func date(_ body: String, head: String = "") throws -> String? {
        try extract(MetadataTests.page(head: head, body: body)).date
    }

    @Test(arguments: [
        ("<p>Posted on 2025-12-01</p>", "2025-12-01"),
        ("<p>Posted on December 1, 2025</p>", "2025-12-01"),
        ("<p>Published: 1 Dec 2025</p>", "2025-12-01"),
        ("<p>By Jane Doe | Posted on Tuesday, December 1, 2025</p>", "2025-12-01"),
        ("<p>This entry was posted on Tuesday, December 1st, 2025 at 12:04 am and is filed under News.</p>", "2025-12-01"),
        ("<p>Originally Published on Tuesday, December 1, 2025:</p>", "2025-12-01"),
        ("<p>Posted by kovarex, TOGos, Ernestas, Albert on 2025-12-01, all posts</p>", "2025-12-01"),
        ("<p>Posted by ddish81 on Dec 1, 2025 in New Post, Others, Running, Athletics | 0 comments</p>", "2025-12-01"),
        ("<p>发布时间：2025-12-01</p>", "2025-12-01"),
        ("<p>发布时间:2025-12-01</p>", "2025-12-01"),
        ("<p>发布日期：2025年12月1日</p>", "2025-12-01"),
        ("<p>时间：2025-12-01 10:30</p>", "2025-12-01"),
        ("<p>日期：2025/12/01</p>", "2025-12-01"),
        ("<p>更新时间：2025-12-03</p>", "2025-12-03"),
        ("<p>作者：张三　来源：新闻中心　发布时间：2025-12-01　浏览次数：123</p>", "2025-12-01"),
        ("<p>【发布时间：2025-12-01】</p>", "2025-12-01"),
        ("<p>發佈時間：2025-12-01</p>", "2025-12-01"),
    ])
    func labelledLine(line: String, expected: String) throws {
        #expect(try Self.date("<h1>Notice</h1>" + line + Self.story + Self.notice) == expected)
    }

    /// 发布 outranks 更新 and 时间, whatever comes first on the line or the page.
    @Test func publicationOutranksUpdateAndTime() throws {
        #expect(try Self.date("<h1>通知</h1><p>更新时间：2025-12-03 发布时间：2025-12-01</p>" + Self.notice) == "2025-12-01")
        #expect(try Self.date("<h1>Notice</h1><p>Last updated: 3 Dec 2025</p><p>Posted on 1 Dec 2025</p>" + Self.story)
                == "2025-12-01")
        let text = "讲座通知\n时间：2026年1月10日 14:00\n地点：图书馆报告厅\n发布时间：2025-12-01\n"
            + "各位老师、同学：本次讲座面向全校师生，欢迎大家踊跃参加，请提前十分钟入场并保持会场安静。\n"
        #expect(try extract(text, fileExtension: "txt").date == "2025-12-01")
    }

    /// The notice: an event's "时间：" under the headline, the
    /// "发布时间：" line at the bottom.
    @Test func labelledLineBeatsAnEventDateInTheBody() throws {
        let body = "<h1>关于举办学术讲座的通知</h1><p>时间：2026年1月10日 14:00</p><p>地点：图书馆报告厅</p>" + Self.notice
            + "<p class='date'>发布时间：2025-12-01</p>"
        #expect(try Self.date(body) == "2025-12-01")
    }

    /// Pruning drops the line (a footer, a block beside the main content); it still dates the page.
    @Test func labelledLineOutsideTheContentStillDates() throws {
        let footer = "<h1>关于寒假放假安排的通知</h1><div class='content'>" + Self.notice
            + "<p>放假时间：2026年1月10日至2月20日</p>" + Self.notice + "<p>2026年1月5日</p></div>"
            + "<div class='footer'>发布时间：2025-12-01</div>"
        #expect(try Self.date(footer) == "2025-12-01")
        let beside = "<div class='nav'><a href='/'>首页</a></div><div class='main'><h2>关于寒假放假安排的通知</h2>"
            + "<div class='content'>" + Self.notice + "<p>一、2026年1月10日开始放假。</p>" + Self.notice + Self.notice
            + "</div><p>发布时间：2025-12-01</p></div>"
        #expect(try Self.date(beside) == "2025-12-01")
    }

    /// The label and the date in separate elements.
    @Test func labelAndDateInSeparateElements() throws {
        let chinese = "<h1>通知</h1>" + Self.notice + Self.notice
            + "<div class='info'><span>发布时间：</span><span>2025-12-01</span></div>"
        #expect(try Self.date(chinese) == "2025-12-01")
        let english = "<h1>Notice</h1><p>First, 2026-01-10 is the deadline.</p>" + Self.story
            + "<p class='byline'>Posted on <span class='date'>December 1, 2025</span></p>"
        #expect(try Self.date(english) == "2025-12-01")
    }

    /// A listed page's date, in a link beside the article, is not the page's.
    @Test func labelledDateInALinkIsNotThePages() throws {
        let body = "<div class='sidebar'><ul><li><a href='/n/1'>另一条新闻 发布时间：2025-10-01</a></li></ul></div>"
            + "<div class='main'><h1>通知</h1>" + Self.notice + Self.notice + "<p>发布时间：2025-12-01</p></div>"
        #expect(try Self.date(body) == "2025-12-01")
    }

    /// Comments, related posts and hidden cards carry other people's and
    /// other pages' labelled dates.
    @Test func labelledDatesOfCommentsAndOtherPagesAreNotThePages() throws {
        let page = "<div class='post'><h2 class='date-header'>December 1, 2025</h2><h1>Storage Trends</h1>" + Self.story
            + Self.story + "</div><div id='comments'><p class='comment-footer'>Posted by: Ann Lee | December 03, 2025 at"
            + " 10:31 AM</p></div><div class='related-posts'><p>Posted on 2025-11-02</p></div>"
            + "<div><p style='display:none'>Posted by Ree on <span>November 16 2025</span></p></div>"
        #expect(try Self.date(page) == "2025-12-01")
    }

    /// Meta tags and the article's `<time>` still come first.
    @Test func declaredDatesStillComeFirst() throws {
        let line = "<h1>通知</h1>" + Self.notice + "<p>发布时间：2025-12-01</p>"
        #expect(try Self.date(line, head: "<meta name='date' content='2025-11-30'>") == "2025-11-30")
        #expect(try Self.date("<article><time datetime='2025-11-29'>29 November</time>" + line + "</article>")
                == "2025-11-29")
    }

    /// A label only where a field starts: not the 时间 of 放假时间, nor
    /// "published" in the middle of a sentence.
    @Test func labelsStartFields() throws {
        #expect(try Self.date("<h1>通知</h1><p>放假时间：2026年1月10日至2月20日</p>" + Self.notice) == nil)
        // 截止日期 is a deadline, not a 日期 label that would outrank 时间.
        #expect(try Self.date("<h1>通知</h1><p>报名截止日期：2026年1月10日</p><p>时间：2025-12-01 10:30</p>" + Self.notice)
                == "2025-12-01")
        #expect(try Self.date("<h1>Results</h1><p>In a statement on Monday, the team said that its results were"
            + " published on March 3, 2024 in the journal, and that it has since repeated the measurements.</p>"
            + Self.story) == nil)
        #expect(try Self.date("<h1>Notice</h1><p>Your update is dated 1 Dec 2025 and must reach the registry office before the end of the week.</p>" + Self.story) == nil)
    }

    @Test func labelledDateRanks() {
        func found(_ line: String) -> DateFinder.LabelledDate? { DateFinder.labelledDate(in: Substring(line)) }
        #expect(found("发布时间：2025-12-01") == .init(date: "2025-12-01", rank: .publication))
        #expect(found("日期：2025/12/01") == .init(date: "2025-12-01", rank: .date))
        #expect(found("Last updated: March 1, 1998") == .init(date: "1998-03-01", rank: .update))
        #expect(found("时间：2025-12-01 10:30") == .init(date: "2025-12-01", rank: .time))
        // A span after a weaker label is an event's.
        #expect(found("时间：2026年1月10日至2月20日") == nil)
        #expect(found("Date: 29 June – 10 July 2026") == nil)
        // Too far from its label, or a number between them.
        #expect(found("发布者：管理员张三李四 2025-12-01") == nil)
        #expect(found("Posted 3 times since 2025-12-01") == nil)
        #expect(found("No label here, 2025-12-01") == nil)
    }
}
