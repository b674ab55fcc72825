import Testing
@testable import ScourExtraction

/// Pages built to make extraction slow (found by fuzzing): each must come
/// out whole and sensible. No wall-clock limits — a busy machine must pass;
/// the sizes are small enough for debug builds, large enough that the old
/// quadratic and cubic code took seconds on them.
@Suite("Hostile pages")
struct HostilePageTests {
    static let body = "<p>The body of the page is long enough to be kept as content by every pass.</p>"

    @Test func titleOfManyPartsIsKeptButCapped() throws {
        let parts = (0..<700).map { "part \(String(UnicodeScalar(UInt8(97 + $0 % 26))))\(String(UnicodeScalar(UInt8(97 + $0 / 26))))" }
        let page = "<html><head><title>\(parts.joined(separator: " | "))</title></head><body><h1>part ab</h1>\(Self.body)</body></html>"
        let document = try extract(page)
        #expect(document.title.hasPrefix("part aa | part ba | part ca"))
        #expect(document.title.count <= TitleCleaner.maximumLength)
        #expect(document.text.contains("The body of the page"))
    }

    @Test func missingTitleEndSwallowingThePage() throws {
        let rest = (0..<2000).map { "Paragraph \($0) - some text | more text - the end." }.joined(separator: " | ")
        let page = "<meta property='og:title' content='Weather report'><title>News - Site | Home\n" + rest
        let document = try extract(page)
        #expect(document.title.hasPrefix("News - Site | Home Paragraph 0 - some text"))
        #expect(document.title.count <= TitleCleaner.maximumLength)
    }

    @Test func titleCleaningStillWorksBelowTheCaps() {
        let cleaner = TitleCleaner(siteName: "")
        #expect(cleaner.clean("Robotics Lab Opens - Northfield University", heading: "Robotics Lab Opens", openGraphTitle: "")
                == "Robotics Lab Opens")
        #expect(TitleCleaner.capped(String(repeating: "word ", count: 100)).count <= TitleCleaner.maximumLength)
    }

    @Test func nestedTimeElements() throws {
        let count = 5_000
        let page = "<html><body><p>Intro paragraph of the page with enough words to be content.</p>"
            + String(repeating: "<time>", count: count) + "Published 9 February 2026" + String(repeating: "</time>", count: count)
            + "</body></html>"
        let document = try extract(page)
        #expect(document.text.contains("Intro paragraph of the page"))
        #expect(document.date == "2026-02-09")
    }

    @Test func attributesPerElementAreCapped() throws {
        let attributes = (0..<5_000).map { "a\($0)=\"v\"" }.joined(separator: " ")
        let page = "<html><body><div \(attributes) id=last>Text inside the div element stays.</div>"
            + "<p>After the div, the page goes on as before.</p></body></html>"
        let limited = MarkupLimits.limited(Array(page.utf8))
        #expect(limited.count < page.utf8.count)
        let document = try extract(page)
        #expect(document.lines == ["Text inside the div element stays.", "After the div, the page goes on as before."])
    }

    @Test func depthIsCappedButContentKept() throws {
        let depth = 3_000
        let page = "<html><body>" + (0..<depth).map { "<div>first\($0) second\($0)" }.joined()
            + String(repeating: "</span>", count: 3_000) + String(repeating: "</div>", count: depth)
            + "<p>After the deep part.</p></body></html>"
        #expect(MarkupLimits.limited(Array(page.utf8)).count < page.utf8.count)
        let document = try DocumentExtractor().extract(Array(page.utf8), options: ExtractionOptions(keepAll: true))
        // Blocks past the cap still end lines, and no words run together.
        #expect(document.lines == (0..<depth).map { "first\($0) second\($0)" } + ["After the deep part."])
    }

    /// Merely deep pages keep their content and their lines.
    @Test func thousandDeepTablesStillExtract() throws {
        var page = "<html><body>"
        for level in 0..<1000 { page += "<table><tr><td>cell \(level)" }
        for _ in 0..<1000 { page += "</td></tr></table>" }
        page += "</body></html>"
        let document = try DocumentExtractor().extract(Array(page.utf8), options: ExtractionOptions(keepAll: true))
        // Past the depth cap the tables flatten into rows, as in Chrome: still one line per cell.
        #expect(document.lines == (0..<1000).map { "cell \($0)" })
    }

    @Test func unclosedParagraphsAndListItemsAreNotDeep() {
        let paragraphs = String(repeating: "<p>text", count: 3_000)
        #expect(MarkupLimits.limited(Array(paragraphs.utf8)) == Array(paragraphs.utf8))
        let items = "<ul>" + String(repeating: "<li>item <b>bold</b>", count: 3_000) + "</ul>"
        #expect(MarkupLimits.limited(Array(items.utf8)) == Array(items.utf8))
    }

    @Test func scriptsAreNotScannedForTags() {
        let page = "<script>for (i = 0; i<n; i++) { s += '<div " + String(repeating: "x ", count: 400) + "'; }</script><p>after</p>"
        #expect(MarkupLimits.limited(Array(page.utf8)) == Array(page.utf8))
    }

    @Test func zeroBudgetIsTooSlow() {
        let page = Array("<html><body><p>An ordinary page with a paragraph of text in it.</p></body></html>".utf8)
        #expect(throws: ExtractionError.tooSlow) {
            try DocumentExtractor().extract(page, options: ExtractionOptions(cpuBudget: 0))
        }
        #expect(throws: Never.self) { try DocumentExtractor().extract(page, options: ExtractionOptions(cpuBudget: nil)) }
    }

    /// The DOM walks give up mid-page once the budget is spent, and finish when it is not.
    @Test func domWalksCheckTheBudget() {
        let page = Array(("<html><body>" + String(repeating: "<p>a <b>b</b> <i>c</i></p>", count: 3_000) + "</body></html>").utf8)
        let outcomes = HTMLParser.withDocument(page) { document -> [Bool] in
            let spent = CPUBudget(seconds: 0)
            let layoutStopped = (try? LayoutBuilder.layout(of: document, sourceBytes: page.count, budget: spent)) == nil
            let metadataStopped = (try? MetadataCollector.collect(document, budget: spent)) == nil
            let layout = try? LayoutBuilder.layout(of: document, sourceBytes: page.count, budget: CPUBudget(seconds: nil))
            return [layoutStopped, metadataStopped, layout?.lines.count == 3_000]
        }
        #expect(outcomes == [true, true, true])
    }

    /// A walk stops inside its loop once the budget is spent.
    @Test func countdownStopsALoop() {
        var countdown = CPUBudget.Countdown(CPUBudget(seconds: 0), interval: 8)
        var steps = 0
        while !countdown.step() { steps += 1 }
        #expect(steps == 7)
        #expect(countdown.isSpent)
        var unlimited = CPUBudget.Countdown(.unlimited, interval: 8)
        #expect((0..<100).allSatisfy { _ in !unlimited.step() })
    }
}
