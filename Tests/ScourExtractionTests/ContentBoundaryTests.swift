import Testing
@testable import ScourExtraction

/// Where the main content starts and ends: the headline and dateline above
/// it, parts of a split article, and teasers that must not win.
@Suite("Content boundaries")
struct ContentBoundaryTests {
    static let paragraphs = [
        "The observatory on the hill, closed since the storm of last winter, reopens to visitors on Saturday, "
            + "the trust that runs it announced, after repairs to the dome and the old refractor.",
        "Volunteers rebuilt the shutter mechanism, which had rusted shut, and a local foundry cast new gears "
            + "for the drive, a job that took, by the trust's count, eleven weekends.",
        "Public nights resume in March, weather permitting, with talks on the moon, the planets and, "
            + "for the first time, a session for children under ten.",
        "The trust still needs funds for a new roof over the library wing, and has opened an appeal, "
            + "which, its chair said, has already raised a third of the sum.",
    ]

    @Test func headlineInTheTitleAndDatelineLeaveTheTextButNotTheDocument() throws {
        let page = """
            <html><head><title>Hill observatory reopens after storm repairs | The Valley Courier</title></head><body>
            <nav><a href="/">Home</a> <a href="/news">News</a></nav>
            <div class="story">
              <h1>Hill observatory reopens after storm repairs</h1>
              <div>Updated November 19, 2019 08:57</div>
              <div>By Ada Lovelace, 19 November 2019</div>
              <p>\(Self.paragraphs[0])</p><p>\(Self.paragraphs[1])</p><p>\(Self.paragraphs[2])</p>
            </div>
            </body></html>
            """
        let document = try extract(page)
        #expect(document.lines == [
            "By Ada Lovelace, 19 November 2019", Self.paragraphs[0], Self.paragraphs[1], Self.paragraphs[2],
        ])
        #expect(document.title.contains("Hill observatory reopens after storm repairs"))
        #expect(document.date == "2019-11-19")
        let explained = try DocumentExtractor().extract(
            Array(page.utf8), fileExtension: "html", options: ExtractionOptions(explain: true))
        let reasons = explained.explanation ?? []
        #expect(reasons.first { $0.text.hasPrefix("Hill observatory") }?.reason.contains("headline") == true)
        #expect(reasons.first { $0.text == "Updated November 19, 2019 08:57" }?.reason == "dateline above the content (the document's date keeps it)")
    }

    @Test func headlineNotInTheTitleStays() throws {
        let page = """
            <html><head><title>The Valley Courier</title></head><body><div class="story">
            <h1>Hill observatory reopens after storm repairs</h1>
            <p>\(Self.paragraphs[0])</p><p>\(Self.paragraphs[1])</p></div></body></html>
            """
        #expect(try extract(page).lines.first == "Hill observatory reopens after storm repairs")
    }

    @Test(arguments: [
        "19.11.2019, 08:57", "Updated 0339 GMT (1139 HKT) November 19, 2019", "November 18, 2019",
        "segunda-feira, 22 de janeiro de 2018 às 0:13", "2019-11-19", "LinkNaija October 06, 2018",
        "Nov. 20, 2019 5:52 AM EST", "11/19/2019",
    ])
    func datelines(line: String) {
        #expect(Byline.isDateline(LineShape(line)))
    }

    @Test(arguments: [
        "Stock Car Calendar 2018", "Three things make it special:", "Call 555-1234 before 2019",
        "The festival ran from 2010 until the hall burned down in the great fire of that year.",
        "Version 2.26 (September pack)",
    ])
    func notDatelines(line: String) {
        #expect(!Byline.isDateline(LineShape(line)))
    }

    @Test func articleSplitByAnAdvertKeepsBothParts() throws {
        let page = """
            <html><head><title>Observatory</title></head><body>
            <div class="chunks">
              <div class="grid"><div class="article-body narrow"><p>\(Self.paragraphs[0])</p><p>\(Self.paragraphs[1])</p></div>
                <div class="rail">Advertisement</div></div>
              <div class="full-bleed-ad">Advertisement</div>
              <div class="grid"><div class="article-body narrow"><p>\(Self.paragraphs[2])</p><p>\(Self.paragraphs[3])</p></div>
                <div class="rail">Most popular</div></div>
            </div>
            <div class="more"><div class="teaser"><p>Ten telescopes for beginners, from cheap binoculars to a
              proper reflector, reviewed by our team.</p></div></div>
            </body></html>
            """
        let document = try extract(page)
        for paragraph in Self.paragraphs { #expect(document.lines.contains(paragraph)) }
        #expect(!document.text.contains("Ten telescopes"))
        let explained = try DocumentExtractor().extract(
            Array(page.utf8), fileExtension: "html", options: ExtractionOptions(explain: true))
        let reasons = (explained.explanation ?? []).filter { $0.kept }.map(\.reason)
        #expect(reasons.contains { $0.hasPrefix("kept: another part of the main content") })
    }

    @Test func teaserExcerptsAndNestedArticlesDoNotWin() throws {
        let excerpt = "A look back at the winter storms, the damage they did to the town's old buildings, "
            + "and what the council, the trusts and the volunteers have done since to …"
        let teasers = (1...5).map { """
            <article class="post"><h3><a href="/t\($0)">Storm story \($0)</a></h3><p>\(excerpt)</p></article>
            """ }.joined()
        let page = """
            <html><head><title>Observatory</title></head><body>
            <article class="post"><h1>Observatory reopens</h1>
              <p>\(Self.paragraphs[0])</p><p>\(Self.paragraphs[1])</p></article>
            <article class="related"><h3>You may like</h3>\(teasers)</article>
            </body></html>
            """
        let document = try extract(page)
        #expect(document.lines.contains(Self.paragraphs[0]))
        #expect(document.lines.contains(Self.paragraphs[1]))
        #expect(!document.text.contains("winter storms"))
    }
}
