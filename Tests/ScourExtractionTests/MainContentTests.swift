import Testing
@testable import ScourExtraction

/// Main-content detection (`MainContent`), the noindex fence, `keepAll` and
/// explanations — and the promise behind them: a content paragraph is never
/// dropped, whatever the page's layout.
@Suite("Main content")
struct MainContentTests {
    static let article = [
        "The city council voted on Tuesday to extend the riverside cycle path by four kilometres, "
            + "linking the university campus, the hospital and the old harbour district.",
        "Work begins in April, and the council expects the new section, which includes two bridges, "
            + "to open before the end of next year, weather permitting.",
        "Residents who objected to the loss of parking spaces were offered permits in a new garage, "
            + "a compromise that, according to the mayor, satisfied most of them.",
    ]

    static let newsPage = """
        <html><head><title>Cycle path extended</title></head><body>
        <div class="ticker"><a href="/a">Storm closes schools</a> <a href="/b">Markets fall</a></div>
        <div id="wrapper">
          <div class="teasers">
            <div><h3><a href="/x">Library reopens after flood</a></h3>
              <p>After months of repairs, the central library welcomes readers again, with a new children's corner.</p></div>
            <div><h3><a href="/y">Harbour festival dates announced</a></h3>
              <p>The festival returns in June, with concerts, boat races and, for the first time, a night market.</p></div>
          </div>
          <div class="story-body">
            <h1>Cycle path to be extended</h1>
            <p>\(article[0])</p>
            <p>\(article[1])</p>
            <h2>Parking</h2>
            <p>\(article[2])</p>
          </div>
          <div class="more">
            <h3>More from the city</h3>
            <div><h4><a href="/z">Tram fares to rise</a></h4>
              <p>Fares will rise by five percent in January, the transport authority said, citing energy costs.</p></div>
          </div>
        </div>
        <!--htdig_noindex--><p>Site map · Contact · Jobs at the Gazette, an equal-opportunity employer.</p><!--/htdig_noindex-->
        </body></html>
        """

    @Test func newsPageKeepsTheStoryAndDropsTeasers() throws {
        let document = try extract(Self.newsPage)
        for paragraph in Self.article { #expect(document.lines.contains(paragraph)) }
        #expect(document.lines.contains("Cycle path to be extended"))
        #expect(document.lines.contains("Parking"))
        #expect(!document.text.contains("central library"))
        #expect(!document.text.contains("Harbour festival"))
        #expect(!document.text.contains("Tram fares"))
        #expect(!document.text.contains("Storm closes schools"))
        #expect(!document.text.contains("equal-opportunity"))
    }

    @Test func shortArticleIsKeptWhole() throws {
        let page = """
            <html><head><title>Seminar moved</title></head><body>
            <ul class="menu"><li><a href="/">Home</a></li><li><a href="/events">Events</a></li></ul>
            <h1>Seminar moved</h1>
            <p>Thursday's seminar on glacier dynamics moves to room 204.</p>
            </body></html>
            """
        let document = try extract(page)
        #expect(document.lines.contains("Thursday's seminar on glacier dynamics moves to room 204."))
    }

    @Test func profilePageWithLittleTextIsNotEmptied() throws {
        let page = """
            <html><head><title>Dr. Mei Lin</title></head><body>
            <nav><a href="/">Home</a> <a href="/people">People</a></nav>
            <div class="profile"><h1>Dr. Mei Lin</h1>
            <p>Associate Professor, Materials Science</p>
            <p>Office: Hall B 312</p><p>Phone: 555-0142</p><p>mei.lin@example.edu</p></div>
            </body></html>
            """
        let document = try extract(page)
        #expect(document.lines.contains("Associate Professor, Materials Science"))
        #expect(document.lines.contains("Office: Hall B 312"))
        #expect(document.lines.contains("mei.lin@example.edu"))
    }

    @Test func articleInTableLayoutIsKept() throws {
        let page = """
            <html><head><title>Annual report</title></head><body><table><tr>
            <td><a href="/">Home</a><br><a href="/news">News</a><br><a href="/staff">Staff</a><br><a href="/map">Map</a></td>
            <td><h2>Annual report</h2><p>\(Self.article[0])</p><p>\(Self.article[1])</p><p>\(Self.article[2])</p></td>
            </tr></table></body></html>
            """
        let document = try extract(page)
        for paragraph in Self.article { #expect(document.lines.contains(paragraph)) }
        #expect(document.lines.contains("Annual report"))
        #expect(!document.lines.contains("Staff"))
    }

    @Test func articleBodySplitByAnEmbedIsKeptWhole() throws {
        let page = """
            <html><head><title>Podcast</title></head><body>
            <div itemprop="articleBody">
              <div class="part"><div class="inner"><p>\(Self.article[0])</p></div></div>
              <div class="embed"><iframe src="https://player.example"></iframe></div>
              <div class="part"><div class="inner"><p>\(Self.article[1])</p><p>\(Self.article[2])</p></div></div>
            </div>
            <div class="related"><p>Another story you might like, with a summary that runs on and on.</p></div>
            </body></html>
            """
        let document = try extract(page)
        for paragraph in Self.article { #expect(document.lines.contains(paragraph)) }
    }

    @Test func linkListInsideTheStoryIsDropped() throws {
        let page = """
            <html><body><div class="content">
            <p>\(Self.article[0])</p><p>\(Self.article[1])</p>
            <div class="box"><a href="/1">Read also: tram fares</a> <a href="/2">Bridge closures this week</a>
              <a href="/3">Five walks by the river</a></div>
            <p>\(Self.article[2])</p>
            <figure><img src="p.jpg"><figcaption>The new bridge, seen from the harbour.</figcaption></figure>
            </div></body></html>
            """
        let document = try extract(page)
        for paragraph in Self.article { #expect(document.lines.contains(paragraph)) }
        #expect(!document.text.contains("Five walks"))
        #expect(!document.text.contains("seen from the harbour"))
    }

    @Test func keepAllKeepsEveryVisibleLine() throws {
        let document = try DocumentExtractor().extract(
            Array(Self.newsPage.utf8), fileExtension: "html", options: ExtractionOptions(keepAll: true))
        #expect(document.text.contains("Storm closes schools"))
        #expect(document.text.contains("Tram fares to rise"))
        #expect(document.text.contains("equal-opportunity"))
        #expect(document.title == "Cycle path extended")
        #expect(document.explanation == nil)
    }

    @Test func explanationCoversEveryLineWithAReason() throws {
        let plain = try DocumentExtractor().extract(Array(Self.newsPage.utf8), fileExtension: "html")
        #expect(plain.explanation == nil)
        let document = try DocumentExtractor().extract(
            Array(Self.newsPage.utf8), fileExtension: "html", options: ExtractionOptions(explain: true))
        #expect(document.text == plain.text)
        let decisions = try #require(document.explanation)
        #expect(decisions.filter(\.kept).map(\.text) == document.lines)
        func reason(of text: String) -> String? { decisions.first { $0.text.hasPrefix(text) }?.reason }
        #expect(reason(of: "The city council") == "kept: main content")
        #expect(reason(of: "After months of repairs")?.hasPrefix("outside the main content") == true)
        #expect(reason(of: "Site map") == "inside <!--htdig_noindex-->")
        #expect(decisions.allSatisfy { !$0.reason.isEmpty })
    }

    @Test func explanationNamesTheChromeElementAndClass() throws {
        let page = """
            <html><body><nav><a href="/">Home</a></nav>
            <div class="share-bar">Share this story</div>
            <p>\(Self.article[0])</p><p>\(Self.article[1])</p>
            <p>© 2026 The Gazette. All rights reserved.</p></body></html>
            """
        let document = try DocumentExtractor().extract(
            Array(page.utf8), fileExtension: "html", options: ExtractionOptions(explain: true))
        let decisions = try #require(document.explanation)
        #expect(decisions.first { $0.text == "Home" }?.reason == "inside <nav>")
        #expect(decisions.first { $0.text == "Share this story" }?.reason == "class 'share-bar'")
        #expect(decisions.first { $0.text.hasPrefix("©") }?.reason == "copyright line")
    }

    @Test func plainTextExplanationGivesLineRules() throws {
        let text = """
            Home > News > Campus
            \(Self.article[0])
            \(Self.article[1])
            Copyright © 2026 Example University. All rights reserved.
            """
        let document = try DocumentExtractor().extract(
            Array(text.utf8), fileExtension: "txt", options: ExtractionOptions(explain: true))
        let decisions = try #require(document.explanation)
        #expect(decisions.count == 4)
        #expect(decisions[0].reason == "breadcrumb trail")
        #expect(decisions[1].kept)
        #expect(decisions[3].reason == "copyright line")
        let all = try DocumentExtractor().extract(
            Array(text.utf8), fileExtension: "txt", options: ExtractionOptions(keepAll: true))
        #expect(all.lines.count == 4)
    }
}
